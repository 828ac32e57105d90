package io.claimstream.registry;

import java.io.EOFException;
import java.io.IOException;
import java.util.Map;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads records in Confluent's wire format: fetches the writer's schema by the id in the
 * header and resolves it against the reader's schema, so a consumer built on an older schema
 * reads records written with a newer compatible one (fields it does not know are skipped,
 * fields the writer lacked get their defaults).
 *
 * <p>The reader's schema is the writer's own (a generic record), the generated class the
 * writer's schema names ({@code specific.avro.reader=true}), or a class fixed when the
 * deserializer is built ({@link SpecificAvroSerde}). Bad bytes — an unknown magic byte, an id the
 * registry does not know, a truncated or corrupt body — raise a {@link SerializationException}
 * naming the topic and the reason; an unreachable registry raises {@link RegistryException}.
 */
public final class AvroDeserializer<T> implements Deserializer<T> {

    private SchemaRegistryClient client;
    private boolean isKey;
    private boolean specificByName;
    private Class<? extends SpecificRecord> readerClass;
    private LruCache<Integer, DatumReader<Object>> readers;

    /** For use by class name: {@link #configure} supplies the settings. */
    public AvroDeserializer() {
    }

    /** Generic records, or the generated classes when {@code config.specificAvroReader()}. */
    public AvroDeserializer(SchemaRegistryClient client, AvroSerdeConfig config, boolean isKey) {
        init(client, config.specificAvroReader(), null, isKey);
    }

    /** Records of {@code type}, whatever compatible schema they were written with. */
    public AvroDeserializer(SchemaRegistryClient client, Class<? extends T> type, boolean isKey) {
        init(client, false, specificClass(type), isKey);
    }

    @Override
    public void configure(Map<String, ?> props, boolean isKey) {
        init(new SchemaRegistryClient(RegistryClientConfig.from(props)),
            AvroSerdeConfig.from(props).specificAvroReader(), readerClass, isKey);
    }

    private void init(SchemaRegistryClient client, boolean specificByName,
                      Class<? extends SpecificRecord> readerClass, boolean isKey) {
        this.client = client;
        this.specificByName = specificByName;
        this.readerClass = readerClass;
        this.isKey = isKey;
        this.readers = new LruCache<>(client.config().cacheCapacity());
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null; // a tombstone
        }
        if (client == null) {
            throw new IllegalStateException("AvroDeserializer used before configure()");
        }
        String where = "topic '" + topic + "' (" + (isKey ? "key" : "value") + ")";
        int id = WireFormat.schemaId(data, where);
        DatumReader<Object> reader = readers.computeIfAbsent(id, key -> datumReader(id, where));
        BinaryDecoder decoder = DecoderFactory.get()
            .binaryDecoder(data, WireFormat.HEADER_LENGTH, data.length - WireFormat.HEADER_LENGTH, null);
        try {
            return (T) reader.read(null, decoder);
        } catch (EOFException e) {
            throw new SerializationException("Cannot deserialize a record of " + where + ": the Avro body is truncated ("
                + (data.length - WireFormat.HEADER_LENGTH) + " bytes end before the record of schema id " + id + " does)", e);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new SerializationException("Cannot deserialize a record of " + where
                + ": the Avro body is corrupt for schema id " + id + " (" + e + ")", e);
        }
    }

    private DatumReader<Object> datumReader(int id, String where) {
        Schema writer = writerSchema(id, where);
        Class<?> type = readerClass;
        if (type == null && specificByName) {
            type = SpecificData.get().getClass(writer);
            if (type == null) {
                throw new SerializationException("Cannot deserialize a record of " + where + ": specific.avro.reader is set"
                    + " but no generated class " + writer.getFullName() + " (schema id " + id + ") is on the classpath");
            }
        }
        if (type == null) {
            return new GenericDatumReader<>(writer, writer, GenericData.get());
        }
        SpecificData model = SpecificData.getForClass(type);
        Schema reader = model.getSchema(type);
        SchemaCompatibility.SchemaPairCompatibility compatibility =
            SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("Cannot deserialize a record of " + where + ": " + type.getName()
                + " cannot read records written with schema id " + id + ": " + compatibility.getDescription());
        }
        return new SpecificDatumReader<>(writer, reader, model);
    }

    private Schema writerSchema(int id, String where) {
        try {
            return client.schemaById(id);
        } catch (RegistryException e) {
            if (e.isUnavailable()) {
                throw e;
            }
            String reason = e.errorCode() == RegistryException.SCHEMA_NOT_FOUND || e.httpStatus() == 404
                ? "unknown schema id " + id + ": the schema registry has no schema with that id"
                : "the schema registry refused schema id " + id;
            throw new SerializationException("Cannot deserialize a record of " + where + ": " + reason
                + " (" + e.getMessage() + ")", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends SpecificRecord> specificClass(Class<?> type) {
        if (!SpecificRecord.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(type.getName() + " is not a generated Avro class (SpecificRecord)");
        }
        return (Class<? extends SpecificRecord>) type;
    }

    @Override
    public void close() {
        // The HTTP client holds no resources that need closing on Java 17.
    }
}
