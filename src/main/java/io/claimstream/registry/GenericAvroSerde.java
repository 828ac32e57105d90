package io.claimstream.registry;

import java.util.HashMap;
import java.util.Map;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for generic Avro records in Confluent's wire format: records come back with the
 * writer's schema, for tools that read any topic without generated classes.
 */
public final class GenericAvroSerde implements Serde<GenericRecord> {

    private final AvroSerializer<GenericRecord> serializer;
    private final AvroDeserializer<GenericRecord> deserializer;

    /** For use by class name: {@link #configure} supplies the settings. */
    public GenericAvroSerde() {
        this.serializer = new AvroSerializer<>();
        this.deserializer = new AvroDeserializer<>();
    }

    public GenericAvroSerde(SchemaRegistryClient client, AvroSerdeConfig config, boolean isKey) {
        this.serializer = new AvroSerializer<>(client, config, isKey);
        this.deserializer = new AvroDeserializer<>(client, config.withSpecificAvroReader(false), isKey);
    }

    @Override
    public void configure(Map<String, ?> props, boolean isKey) {
        Map<String, Object> generic = new HashMap<>(props);
        generic.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, false);
        serializer.configure(generic, isKey);
        deserializer.configure(generic, isKey);
    }

    @Override
    public Serializer<GenericRecord> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<GenericRecord> deserializer() {
        return deserializer;
    }
}
