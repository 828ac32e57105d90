package io.claimstream.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro for the topology's own records (repartition topic, state stores and their changelogs),
 * without the schema registry: nothing outside claimstream reads them, and a registry subject
 * per changelog would only be noise there.
 *
 * <p>Records are written in Avro's single-object encoding: a two-byte marker, the 8-byte
 * fingerprint of the writer's schema, then Avro binary. A reader recognises records written
 * with the schema versions it was given and resolves them to the current one, so an internal
 * schema can evolve as the public ones do: when one changes, keep its previous version as a
 * resource (not under {@code schemas/}, which generates classes) and pass it here. A record written with a schema the reader
 * was not given fails with a {@link SerializationException} naming the fingerprint, never as
 * garbage.
 */
public final class InternalAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    private final String typeName;

    private InternalAvroSerde(Class<T> type, List<Schema> previousVersions) {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        previousVersions.forEach(decoder::addSchema);
        this.typeName = schema.getFullName();
    }

    /** A serde for {@code type} that also reads records written with its {@code previousVersions}. */
    public static <T extends SpecificRecord> InternalAvroSerde<T> of(Class<T> type, Schema... previousVersions) {
        return new InternalAvroSerde<>(type, List.of(previousVersions));
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                ByteBuffer buffer = encoder.encode(value);
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (AvroRuntimeException | NullPointerException | ClassCastException e) {
                throw new SerializationException("Cannot write a " + typeName + " for " + topic + ": " + e.getMessage(), e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return decoder.decode(bytes);
            } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
                // MissingSchemaException and BadHeaderException are AvroRuntimeExceptions.
                throw new SerializationException("Cannot read a " + typeName + " from " + topic + ": " + e.getMessage(), e);
            }
        };
    }
}
