package io.claimstream.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.claimstream.avro.Article;
import io.claimstream.avro.NumericClaim;
import io.claimstream.avro.SubjectClaims;
import io.claimstream.runtime.EmbeddedKafkaBroker;
import io.claimstream.kafka.TopicReadiness;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded registry on a real in-process broker, its schemas in the compacted _schemas topic. One broker for the class. */
class EmbeddedSchemaRegistryIT {

    @TempDir
    static Path dataDir;
    static EmbeddedKafkaBroker broker;
    static Admin admin;
    static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start(dataDir, 0);
        admin = Admin.create(broker.adminConfig());
        registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0);
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void eachRecordRoundTripsThroughKafkaWithTheSerdesConfiguredByClassName() throws Exception {
        Map<String, SpecificRecord> records = Map.of(
            "it.articles", TestSchemas.article(),
            "it.claims", TestSchemas.claim(),
            "it.by-subject", TestSchemas.subjectClaims());
        createTopics(records.keySet());

        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(producerProps())) {
            for (Map.Entry<String, SpecificRecord> e : records.entrySet()) {
                producer.send(new ProducerRecord<>(e.getKey(), "key", e.getValue())).get();
            }
        }

        for (Map.Entry<String, SpecificRecord> e : records.entrySet()) {
            assertThat(readOne(e.getKey())).isEqualTo(e.getValue());
        }
        SchemaRegistryClient client = SchemaRegistryClient.of(registry.url());
        assertThat(client.subjects()).contains("it.articles-value", "it.claims-value", "it.by-subject-value");
        assertThat(client.latest("it.articles-value").schema().getFullName()).isEqualTo(Article.class.getName());
    }

    @Test
    void anIncompatibleChangeIsRefusedWith409() {
        SchemaRegistryClient client = SchemaRegistryClient.of(registry.url());
        client.register("it.incompatible-value", NumericClaim.getClassSchema());
        Schema withRequiredField = TestSchemas.withField(NumericClaim.getClassSchema(), "confidence", false);

        assertThatThrownBy(() -> client.register("it.incompatible-value", withRequiredField))
            .isInstanceOfSatisfying(RegistryException.class, e -> {
                assertThat(e.httpStatus()).isEqualTo(409);
                assertThat(e.errorCode()).isEqualTo(409);
            })
            .hasMessageContaining("confidence");
        assertThat(client.versions("it.incompatible-value")).containsExactly(1);
    }

    @Test
    void aV2WithAnAddedOptionalFieldIsAcceptedAndAV1ReaderReadsV2Records() {
        SchemaRegistryClient client = SchemaRegistryClient.of(registry.url());
        SpecificAvroSerde<SubjectClaims> v1 = new SpecificAvroSerde<>(SubjectClaims.class, client, AvroSerdeConfig.defaults(), false);
        byte[] writtenWithV1 = v1.serializer().serialize("it.evolving", TestSchemas.subjectClaims());
        Schema v2 = TestSchemas.withField(SubjectClaims.getClassSchema(), "trend", true);

        int v2Id = client.register("it.evolving-value", v2);
        GenericRecord record = new GenericData.Record(v2);
        SubjectClaims original = TestSchemas.subjectClaims();
        record.put("subject_key", original.getSubjectKey());
        record.put("subject", original.getSubject());
        record.put("claims", List.of());
        record.put("updated", original.getUpdated().toEpochMilli());
        record.put("claim_count", 0L);
        record.put("evicted_claims", 0L);
        record.put("trend", 1.5);
        byte[] writtenWithV2 = new GenericAvroSerde(client, AvroSerdeConfig.defaults(), false).serializer()
            .serialize("it.evolving", record);

        assertThat(client.versions("it.evolving-value")).containsExactly(1, 2);
        assertThat(ByteBuffer.wrap(writtenWithV2, 1, 4).getInt()).isEqualTo(v2Id);
        SubjectClaims read = v1.deserializer().deserialize("it.evolving", writtenWithV2);
        assertThat(read.getSubjectKey()).isEqualTo(original.getSubjectKey());
        assertThat(read.getUpdated()).isEqualTo(original.getUpdated());
        assertThat(read.getClaims()).isEmpty();
        assertThat(v1.deserializer().deserialize("it.evolving", writtenWithV1)).isEqualTo(original);
    }

    @Test
    void aRestartOnTheSameBrokerKeepsTheIds() {
        SchemaRegistryClient client = SchemaRegistryClient.of(registry.url());
        int articleId = client.register("it.restart-value", Article.getClassSchema());
        int claimId = client.register("it.restart-key", NumericClaim.getClassSchema());
        client.setCompatibility("it.restart-value", CompatibilityLevel.FULL);
        registry.close();

        registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0);
        SchemaRegistryClient restarted = SchemaRegistryClient.of(registry.url());

        assertThat(restarted.lookup("it.restart-value", Article.getClassSchema()).id()).isEqualTo(articleId);
        assertThat(restarted.schemaById(claimId).getFullName()).isEqualTo(NumericClaim.class.getName());
        assertThat(restarted.compatibility("it.restart-value")).isEqualTo(CompatibilityLevel.FULL);
        int next = restarted.register("it.restart-other", TestSchemas.sample(",{\"name\":\"restart\",\"type\":\"int\"}"));
        assertThat(next).isGreaterThan(Math.max(articleId, claimId));
    }

    @Test
    void twoRegistriesOnOneTopicAgree() throws InterruptedException {
        try (EmbeddedSchemaRegistry second = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0)) {
            int id = SchemaRegistryClient.of(registry.url()).register("it.shared-value", TestSchemas.sample(",{\"name\":\"s\",\"type\":\"int\"}"));
            // The second follows the topic: the registration reaches it within moments.
            SchemaRegistryClient other = SchemaRegistryClient.of(second.url());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!other.subjects().contains("it.shared-value") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(other.latest("it.shared-value").id()).isEqualTo(id);
        }
    }

    @Test
    void schemasAreKeptInACompactedSinglePartitionTopicInConfluentsFormat() throws Exception {
        SchemaRegistryClient.of(registry.url()).register("it.format-value", TestSchemas.sample(",{\"name\":\"f\",\"type\":\"int\"}"));

        TopicDescription topic = admin.describeTopics(List.of("_schemas")).allTopicNames().get().get("_schemas");
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "_schemas");
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        assertThat(topic.partitions()).hasSize(1);
        assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");

        List<String> keys = new ArrayList<>();
        Map<String, Object> props = new HashMap<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            TopicPartition partition = new TopicPartition("_schemas", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    keys.add(new String(r.key(), StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(keys).contains("{\"keytype\":\"SCHEMA\",\"subject\":\"it.format-value\",\"version\":1,\"magic\":1}");
    }

    private static void createTopics(Collection<String> topics) throws Exception {
        admin.createTopics(topics.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList()).all().get();
        TopicReadiness.await(admin, topics, Duration.ofSeconds(30));
    }

    private static Map<String, Object> producerProps() {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put("schema.registry.url", registry.url());
        p.put("auto.register.schemas", true);
        return p;
    }

    private static Object readOne(String topic) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + topic);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class.getName());
        p.put("schema.registry.url", registry.url());
        p.put("specific.avro.reader", "true");
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Object> r : consumer.poll(Duration.ofMillis(200))) {
                    return r.value();
                }
            }
        }
        throw new AssertionError("nothing read from " + topic);
    }
}
