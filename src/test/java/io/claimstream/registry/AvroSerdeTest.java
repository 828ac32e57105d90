package io.claimstream.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import io.claimstream.avro.Article;
import io.claimstream.avro.NumericClaim;
import io.claimstream.avro.SourceRef;
import io.claimstream.avro.SubjectClaims;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The serdes against the registry over loopback HTTP (in-memory store; Kafka-backed in EmbeddedSchemaRegistryIT). */
class AvroSerdeTest {

    private static final String TOPIC = "news.claims";

    private EmbeddedSchemaRegistry registry;
    private SchemaRegistryClient client;

    @BeforeEach
    void start() {
        registry = EmbeddedSchemaRegistry.start(new InMemorySchemaLog(), 0, CompatibilityLevel.BACKWARD);
        client = SchemaRegistryClient.of(registry.url());
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private <T extends SpecificRecord> SpecificAvroSerde<T> serde(Class<T> type, AvroSerdeConfig config) {
        return new SpecificAvroSerde<>(type, client, config, false);
    }

    @Test
    void eachRecordRoundTripsThroughItsSpecificSerde() {
        assertRoundTrip(Article.class, TestSchemas.article());
        assertRoundTrip(NumericClaim.class, TestSchemas.claim());
        assertRoundTrip(SubjectClaims.class, TestSchemas.subjectClaims());
        assertRoundTrip(SourceRef.class, TestSchemas.source());
    }

    private <T extends SpecificRecord> void assertRoundTrip(Class<T> type, T record) {
        SpecificAvroSerde<T> serde = serde(type, AvroSerdeConfig.defaults());
        String topic = "topic." + type.getSimpleName();
        byte[] bytes = serde.serializer().serialize(topic, record);
        assertThat(serde.deserializer().deserialize(topic, bytes)).isEqualTo(record);
        assertThat(client.latest(topic + "-value").schema()).isEqualTo(CanonicalSchema.parse(CanonicalSchema.of(record.getSchema())));
    }

    @Test
    void bytesAreInConfluentsWireFormatWithTheRegisteredId() {
        byte[] bytes = serde(NumericClaim.class, AvroSerdeConfig.defaults()).serializer().serialize(TOPIC, TestSchemas.claim());

        int id = client.lookup(TOPIC + "-value", NumericClaim.getClassSchema()).id();
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    }

    @Test
    void keysUseTheKeySubject() {
        new AvroSerializer<SourceRef>(client, AvroSerdeConfig.defaults(), true).serialize(TOPIC, TestSchemas.source());
        assertThat(client.subjects()).containsExactly(TOPIC + "-key");
    }

    @Test
    void genericRecordsRoundTripWithTheWritersSchema() {
        GenericAvroSerde serde = new GenericAvroSerde(client, AvroSerdeConfig.defaults(), false);
        GenericRecord record = new GenericData.Record(TestSchemas.sample(",{\"name\":\"n\",\"type\":\"long\"}"));
        record.put("name", "fifty");
        record.put("n", 50L);

        GenericRecord read = serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, record));

        assertThat(read.get("name")).hasToString("fifty");
        assertThat(read.get("n")).isEqualTo(50L);
        assertThat(read.getSchema().getFullName()).isEqualTo("test.Sample");
    }

    @Test
    void configuredByClassNameWithConfluentsPropertyNames() {
        Map<String, Object> props = new HashMap<>();
        props.put("schema.registry.url", registry.url());
        props.put("auto.register.schemas", "true");
        props.put("specific.avro.reader", "true");
        props.put("value.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicNameStrategy");
        try (AvroSerializer<Object> serializer = new AvroSerializer<>();
             AvroDeserializer<Object> deserializer = new AvroDeserializer<>()) {
            serializer.configure(props, false);
            deserializer.configure(props, false);

            assertThat(deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, TestSchemas.claim())))
                .isInstanceOf(NumericClaim.class).isEqualTo(TestSchemas.claim());
        }
    }

    @Test
    void aV1ReaderReadsRecordsWrittenWithV2() {
        Schema v2 = TestSchemas.withField(NumericClaim.getClassSchema(), "confidence", true);
        GenericRecord written = asGeneric(TestSchemas.claim(), v2);
        written.put("confidence", 0.9);
        byte[] bytes = new GenericAvroSerde(client, AvroSerdeConfig.defaults(), false).serializer().serialize(TOPIC, written);

        NumericClaim read = serde(NumericClaim.class, AvroSerdeConfig.defaults()).deserializer().deserialize(TOPIC, bytes);

        assertThat(read).isEqualTo(TestSchemas.claim());
    }

    @Test
    void withoutAutoRegistrationTheSchemaMustAlreadyBeRegistered() {
        SpecificAvroSerde<NumericClaim> serde = serde(NumericClaim.class, AvroSerdeConfig.lookupOnly());

        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, TestSchemas.claim()))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("topic 'news.claims' (value)")
            .hasMessageContaining("news.claims-value")
            .hasMessageContaining("40401");

        int id = client.register(TOPIC + "-value", NumericClaim.getClassSchema());
        byte[] bytes = serde.serializer().serialize(TOPIC, TestSchemas.claim());
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    }

    @Test
    void useLatestVersionWritesWithTheSubjectsLatestSchema() {
        Schema v2 = TestSchemas.withField(NumericClaim.getClassSchema(), "confidence", true);
        client.register(TOPIC + "-value", NumericClaim.getClassSchema());
        int v2Id = client.register(TOPIC + "-value", v2);
        SpecificAvroSerde<NumericClaim> serde = serde(NumericClaim.class,
            new AvroSerdeConfig(false, true, false, Duration.ofMinutes(1)));

        byte[] bytes = serde.serializer().serialize(TOPIC, TestSchemas.claim());

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(v2Id);
        GenericRecord asV2 = new GenericAvroSerde(client, AvroSerdeConfig.defaults(), false).deserializer().deserialize(TOPIC, bytes);
        assertThat(asV2.get("confidence")).isNull();
        assertThat(asV2.get("claim_key")).hasToString(TestSchemas.claim().getClaimKey());
        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(TestSchemas.claim());
    }

    @Test
    void useLatestVersionRefusesARecordTheLatestSchemaCannotHold() {
        client.register(TOPIC + "-value", TestSchemas.sample(",{\"name\":\"n\",\"type\":\"long\"}"));
        GenericRecord withoutN = new GenericData.Record(TestSchemas.sample(""));
        withoutN.put("name", "x");
        GenericAvroSerde serde = new GenericAvroSerde(client, new AvroSerdeConfig(false, true, false, null), false);

        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, withoutN))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("topic 'news.claims' (value)")
            .hasMessageContaining("n");
    }

    @Test
    void nullStaysNullForTombstones() {
        SpecificAvroSerde<NumericClaim> serde = serde(NumericClaim.class, AvroSerdeConfig.defaults());
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void onlyAvroRecordsAreSerialized() {
        AvroSerializer<Object> serializer = new AvroSerializer<>(client, AvroSerdeConfig.defaults(), false);
        assertThatThrownBy(() -> serializer.serialize(TOPIC, "plain text"))
            .isInstanceOf(SerializationException.class).hasMessageContaining("java.lang.String is not an Avro record");
    }

    // Bad bytes: each names the topic and the reason.

    @Test
    void anUnknownMagicByteIsRefused() {
        byte[] bytes = serde(NumericClaim.class, AvroSerdeConfig.defaults()).serializer().serialize(TOPIC, TestSchemas.claim());
        bytes[0] = 1;

        assertThatThrownBy(() -> serde(NumericClaim.class, AvroSerdeConfig.defaults()).deserializer().deserialize(TOPIC, bytes))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("topic 'news.claims' (value)")
            .hasMessageContaining("unknown magic byte 0x01");
    }

    @Test
    void anUnknownSchemaIdIsRefused() {
        byte[] bytes = {0, 0, 0, 0x30, 0x39, 2, 'x'}; // id 12345

        assertThatThrownBy(() -> serde(NumericClaim.class, AvroSerdeConfig.defaults()).deserializer().deserialize(TOPIC, bytes))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("topic 'news.claims' (value)")
            .hasMessageContaining("unknown schema id 12345");
    }

    @Test
    void aTruncatedRecordIsRefused() {
        byte[] whole = serde(NumericClaim.class, AvroSerdeConfig.defaults()).serializer().serialize(TOPIC, TestSchemas.claim());
        byte[] truncated = Arrays.copyOf(whole, whole.length - 3);

        assertThatThrownBy(() -> serde(NumericClaim.class, AvroSerdeConfig.defaults()).deserializer().deserialize(TOPIC, truncated))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("topic 'news.claims' (value)")
            .hasMessageContaining("truncated");
        assertThatThrownBy(() -> serde(NumericClaim.class, AvroSerdeConfig.defaults()).deserializer()
            .deserialize(TOPIC, Arrays.copyOf(whole, WireFormat.HEADER_LENGTH)))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("truncated");
    }

    @Test
    void aRecordShorterThanTheHeaderIsRefused() {
        assertThatThrownBy(() -> serde(NumericClaim.class, AvroSerdeConfig.defaults()).deserializer()
            .deserialize(TOPIC, new byte[] {0, 0}))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("topic 'news.claims' (value)")
            .hasMessageContaining("too short");
    }

    @Test
    void aReaderClassThatCannotReadTheWritersSchemaIsRefusedByName() {
        // Same record name, but the string claim_key became a long: no resolution.
        Schema other = CanonicalSchema.parse(CanonicalSchema.of(NumericClaim.getClassSchema())
            .replace("{\"name\":\"claim_key\",\"type\":\"string\"", "{\"name\":\"claim_key\",\"type\":\"long\""));
        client.setCompatibility(TOPIC + "-value", CompatibilityLevel.NONE);
        GenericRecord record = asGeneric(TestSchemas.claim(), other);
        record.put("claim_key", 1L);
        byte[] bytes = new GenericAvroSerde(client, AvroSerdeConfig.defaults(), false).serializer().serialize(TOPIC, record);

        assertThatThrownBy(() -> serde(NumericClaim.class, AvroSerdeConfig.defaults()).deserializer().deserialize(TOPIC, bytes))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("topic 'news.claims' (value)")
            .hasMessageContaining("io.claimstream.avro.NumericClaim cannot read");
    }

    @Test
    void theSpecificReaderNeedsTheGeneratedClass() {
        GenericRecord record = new GenericData.Record(TestSchemas.sample(""));
        record.put("name", "x");
        byte[] bytes = new GenericAvroSerde(client, AvroSerdeConfig.defaults(), false).serializer().serialize(TOPIC, record);
        AvroDeserializer<Object> specific =
            new AvroDeserializer<>(client, AvroSerdeConfig.defaults().withSpecificAvroReader(true), false);

        assertThatThrownBy(() -> specific.deserialize(TOPIC, bytes))
            .isInstanceOf(SerializationException.class).hasMessageContaining("no generated class test.Sample");
    }

    @Test
    void anUnreachableRegistryIsAnOutageNotBadData() {
        byte[] bytes = serde(NumericClaim.class, AvroSerdeConfig.defaults()).serializer().serialize(TOPIC, TestSchemas.claim());
        String url = registry.url();
        registry.close();
        SchemaRegistryClient unreachable = new SchemaRegistryClient(RegistryClientConfig.of(url)
            .withRetries(0, Duration.ZERO, Duration.ZERO));

        assertThatThrownBy(() -> new SpecificAvroSerde<>(NumericClaim.class, unreachable, AvroSerdeConfig.defaults(), false)
            .deserializer().deserialize(TOPIC, bytes))
            .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.isUnavailable()).isTrue());
    }

    /** {@code record} as a generic record of {@code schema}: its fields, and their defaults for fields it lacks. */
    private static GenericRecord asGeneric(SpecificRecord record, Schema schema) {
        GenericRecord own;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
            own = new GenericDatumReader<GenericRecord>(record.getSchema())
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GenericData.Record copy = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            copy.put(field.name(), own.hasField(field.name())
                ? own.get(field.name()) : GenericData.get().getDefaultValue(field));
        }
        return copy;
    }
}
