package io.claimstream.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records, generated ({@link SpecificRecord}) or generic, in Confluent's wire
 * format, with the schema id of the subject {@code <topic>-value} (or {@code -key}).
 *
 * <p>The id comes from registering the record's schema ({@code auto.register.schemas=true}),
 * from looking it up ({@code false}: the schema must already be registered), or from the
 * subject's latest version ({@code use.latest.version=true}); a record whose schema differs from
 * the latest is first resolved to it, so added optional fields get their defaults.
 *
 * <p>By class name ({@code value.serializer}), it is configured from the client's properties
 * with Confluent's names ({@link RegistryClientConfig}, {@link AvroSerdeConfig}). Registry
 * answers that refuse the record (unknown subject, incompatible schema) raise a
 * {@link SerializationException}; an unreachable registry raises {@link RegistryException}, so
 * that callers do not mistake an outage for bad data.
 */
public final class AvroSerializer<T> implements Serializer<T> {

    private SchemaRegistryClient client;
    private AvroSerdeConfig config;
    private boolean isKey;
    private LruCache<TopicSchema, Plan> plans;

    /**
     * How records of one schema are written to one topic: with their own schema, or, when
     * {@code toLatest} is set, translated to the subject's latest schema and written with that.
     */
    private record Plan(int id, DatumWriter<Object> own, DatumReader<Object> toLatest, DatumWriter<Object> latest,
                        long madeAtNanos) {
    }

    private record TopicSchema(String topic, Schema schema) {
    }

    /** For use by class name: {@link #configure} supplies the settings. */
    public AvroSerializer() {
    }

    public AvroSerializer(SchemaRegistryClient client, AvroSerdeConfig config, boolean isKey) {
        init(client, config, isKey);
    }

    @Override
    public void configure(Map<String, ?> props, boolean isKey) {
        init(new SchemaRegistryClient(RegistryClientConfig.from(props)), AvroSerdeConfig.from(props), isKey);
    }

    private void init(SchemaRegistryClient client, AvroSerdeConfig config, boolean isKey) {
        this.client = client;
        this.config = config;
        this.isKey = isKey;
        this.plans = new LruCache<>(client.config().cacheCapacity());
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null; // a tombstone stays a tombstone
        }
        if (client == null) {
            throw new IllegalStateException("AvroSerializer used before configure()");
        }
        String where = "topic '" + topic + "' (" + (isKey ? "key" : "value") + ")";
        if (!(data instanceof IndexedRecord record)) {
            throw new SerializationException("Cannot serialize for " + where + ": " + data.getClass().getName()
                + " is not an Avro record (a generated class or a GenericRecord)");
        }
        Plan plan = plan(topic, record.getSchema(), where);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            out.write(WireFormat.header(plan.id()));
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            if (plan.toLatest() == null) {
                plan.own().write(record, encoder);
            } else {
                plan.latest().write(translate(record, plan), encoder);
            }
            encoder.flush();
            return out.toByteArray();
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            throw new SerializationException("Cannot serialize a " + record.getSchema().getFullName() + " for "
                + where + ": " + e.getMessage(), e);
        }
    }

    private Plan plan(String topic, Schema schema, String where) {
        TopicSchema key = new TopicSchema(topic, schema);
        Plan plan = plans.get(key);
        if (plan == null || expired(plan)) {
            plan = newPlan(AvroSerdeConfig.subject(topic, isKey), schema, where);
            plans.put(key, plan);
        }
        return plan;
    }

    /** Only a plan made from the latest version can go stale; ids of registered schemas never change. */
    private boolean expired(Plan plan) {
        Duration ttl = config.latestCacheTtl();
        return config.useLatestVersion() && ttl != null && System.nanoTime() - plan.madeAtNanos() >= ttl.toNanos();
    }

    private Plan newPlan(String subject, Schema schema, String where) {
        long now = System.nanoTime();
        try {
            if (config.useLatestVersion()) {
                RegisteredSchema latest = client.latest(subject);
                if (CanonicalSchema.of(latest.schema()).equals(CanonicalSchema.of(schema))) {
                    return new Plan(latest.id(), writerFor(schema), null, null, now);
                }
                return new Plan(latest.id(), writerFor(schema),
                    new GenericDatumReader<>(schema, latest.schema(), GenericData.get()),
                    new GenericDatumWriter<>(latest.schema(), GenericData.get()), now);
            }
            int id = config.autoRegisterSchemas()
                ? client.register(subject, schema)
                : client.lookup(subject, schema).id();
            return new Plan(id, writerFor(schema), null, null, now);
        } catch (RegistryException e) {
            if (e.isUnavailable()) {
                throw e;
            }
            String action = config.useLatestVersion() ? "fetching the latest version of"
                : config.autoRegisterSchemas() ? "registering " + schema.getFullName() + " under"
                : "looking up " + schema.getFullName() + " (auto.register.schemas=false) under";
            throw new SerializationException("Cannot serialize for " + where + ": " + action + " subject '"
                + subject + "' failed: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static DatumWriter<Object> writerFor(Schema schema) {
        // Generated classes carry their own data model, with the conversions for their logical
        // types (Instant for timestamp-millis). Avro picks a conversion by the datum's class, so
        // a generic record of the same schema holding plain longs is written correctly too.
        Class<?> generated = SpecificData.get().getClass(schema);
        if (generated != null && SpecificRecord.class.isAssignableFrom(generated)) {
            return (DatumWriter<Object>) (DatumWriter<?>) new SpecificDatumWriter<>(schema, SpecificData.getForClass(generated));
        }
        return new GenericDatumWriter<>(schema, GenericData.get());
    }

    /**
     * The record as a generic record of the latest schema: written with its own, read back with
     * the latest, as a consumer on the latest schema would read it (added fields get defaults).
     */
    private static Object translate(IndexedRecord record, Plan plan) throws IOException {
        ByteArrayOutputStream own = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(own, null);
        plan.own().write(record, encoder);
        encoder.flush();
        return plan.toLatest().read(null, DecoderFactory.get().binaryDecoder(own.toByteArray(), null));
    }

    @Override
    public void close() {
        // The HTTP client holds no resources that need closing on Java 17.
    }
}
