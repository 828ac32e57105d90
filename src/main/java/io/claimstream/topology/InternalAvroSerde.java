package io.claimstream.topology;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
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

    /** Avro's single-object encoding marker, then an 8-byte little-endian schema fingerprint. */
    private static final byte[] MARKER = {(byte) 0xC3, (byte) 0x01};
    private static final int HEADER_LENGTH = MARKER.length + Long.BYTES;

    private final byte[] header;
    private final SpecificDatumWriter<T> writer;
    private final Map<Long, SpecificDatumReader<T>> readers = new HashMap<>();
    private final String typeName;

    private InternalAvroSerde(Class<T> type, List<Schema> previousVersions) {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        this.header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN).put(MARKER).putLong(fingerprint).array();
        this.writer = new SpecificDatumWriter<>(schema, model);
        readers.put(fingerprint, new SpecificDatumReader<>(schema, schema, model));
        previousVersions.forEach(previous ->
            readers.put(SchemaNormalization.parsingFingerprint64(previous), new SpecificDatumReader<>(previous, schema, model)));
        this.typeName = schema.getFullName();
    }

    /** A serde for {@code type} that also reads records written with its {@code previousVersions}. */
    public static <T extends SpecificRecord> InternalAvroSerde<T> of(Class<T> type, Schema... previousVersions) {
        return new InternalAvroSerde<>(type, List.of(previousVersions));
    }

    /**
     * A previous version of an internal schema, kept as the resource {@code name} under
     * {@code previous-schemas/} beside this class.
     */
    static Schema previousVersion(String name) {
        String resource = "previous-schemas/" + name;
        try (InputStream in = InternalAvroSerde.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No resource " + resource + " beside " + InternalAvroSerde.class.getName());
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /**
     * Whether {@code bytes} is a record this serde writes: single-object encoded with the
     * current version of its schema. Lets a topic that changed its value type tell the two apart.
     */
    boolean wrote(byte[] bytes) {
        return bytes != null && bytes.length >= HEADER_LENGTH && Arrays.equals(bytes, 0, HEADER_LENGTH, header, 0, HEADER_LENGTH);
    }

    // Avro's BinaryMessageEncoder/Decoder write the same bytes, but through unbuffered stream
    // coders: on a state store read and written for every mention that cost a third of the
    // topology's CPU. Buffered coders over the byte array do the same work several times faster.
    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
                out.write(header);
                BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
                writer.write(value, encoder);
                encoder.flush();
                return out.toByteArray();
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
            if (bytes.length < HEADER_LENGTH || bytes[0] != MARKER[0] || bytes[1] != MARKER[1]) {
                throw new SerializationException("Cannot read a " + typeName + " from " + topic
                    + ": not an Avro single-object encoded record");
            }
            long fingerprint = ByteBuffer.wrap(bytes, MARKER.length, Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong();
            SpecificDatumReader<T> reader = readers.get(fingerprint);
            if (reader == null) {
                throw new SerializationException("Cannot read a " + typeName + " from " + topic
                    + ": written with an unknown schema (fingerprint " + fingerprint + ")");
            }
            try {
                return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, null));
            } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
                throw new SerializationException("Cannot read a " + typeName + " from " + topic + ": " + e.getMessage(), e);
            }
        };
    }
}
