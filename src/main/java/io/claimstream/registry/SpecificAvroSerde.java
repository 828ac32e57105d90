package io.claimstream.registry;

import java.util.HashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for a generated Avro class in Confluent's wire format.
 *
 * <p>Built for a class ({@code new SpecificAvroSerde<>(NumericClaim.class, client, config, false)}),
 * it reads every record into that class, resolving older and newer compatible writer schemas
 * against it. Built by class name and {@link #configure}d (Kafka Streams'
 * {@code default.value.serde}), it reads into the class the writer's schema names, as
 * Confluent's {@code SpecificAvroSerde} does.
 */
public final class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    /** For use by class name: {@link #configure} supplies the settings. */
    public SpecificAvroSerde() {
        this.serializer = new AvroSerializer<>();
        this.deserializer = new AvroDeserializer<>();
    }

    public SpecificAvroSerde(Class<T> type, SchemaRegistryClient client, AvroSerdeConfig config, boolean isKey) {
        this.serializer = new AvroSerializer<>(client, config, isKey);
        this.deserializer = new AvroDeserializer<>(client, type, isKey);
    }

    @Override
    public void configure(Map<String, ?> props, boolean isKey) {
        Map<String, Object> specific = new HashMap<>(props);
        specific.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        serializer.configure(specific, isKey);
        deserializer.configure(specific, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
