package io.claimstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.claimstream.avro.Article;
import io.claimstream.avro.ClaimSummary;
import io.claimstream.avro.NumericClaim;
import io.claimstream.avro.SourceRef;
import io.claimstream.avro.SubjectClaims;
import io.claimstream.registry.AvroDeserializer;
import io.claimstream.registry.AvroSerdeConfig;
import io.claimstream.registry.EmbeddedSchemaRegistry;
import io.claimstream.registry.RegistryClientConfig;
import io.claimstream.registry.SchemaRegistryClient;
import io.claimstream.topology.ArticleFingerprint;
import io.claimstream.topology.ClaimsTopics;
import io.claimstream.kafka.TopicProvisioner;
import io.claimstream.kafka.TopicSpec;
import io.claimstream.topology.ClaimsTopology;
import io.claimstream.topology.CleanPass;
import io.claimstream.topology.GoldCorpus;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processing application on a real single-node KRaft broker with the embedded schema
 * registry, under exactly_once_v2: the gold corpus published twice, out of order, with a poison
 * record among it.
 */
class ProcessingApplicationIT {

    private static final String APPLICATION_ID = "claimstream-it";

    @TempDir
    static Path dataDir;

    private static EmbeddedKafkaBroker broker;
    private static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(dataDir.resolve("broker"), 0);
        registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0);
    }

    @AfterAll
    static void stopBroker() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static Map<String, Object> properties() {
        Map<String, Object> props = new HashMap<>(CleanPass.LONG_RETENTION);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(RegistryClientConfig.SCHEMA_REGISTRY_URL, registry.url());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("state").toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        return props;
    }

    @Test
    void theGoldCorpusTwiceOutOfOrderGivesTheClaimsOfOneCleanPass() throws Exception {
        List<Article> corpus = GoldCorpus.read(GoldCorpus.devOrBundled());
        Set<String> fingerprints = new HashSet<>();
        corpus.forEach(a -> fingerprints.add(ArticleFingerprint.of(a.getSource(), a.getText()).orElseThrow()));
        assertThat(fingerprints).as("premise: no article of the corpus repeats another of its outlet").hasSize(corpus.size());

        List<Article> twice = new ArrayList<>(corpus);
        twice.addAll(corpus);
        Collections.shuffle(twice, new Random(7));
        Map<String, Object> props = properties();
        var articleSerializer = ProcessingApplication.serdes(props).article().serializer();
        byte[] poison = "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (Article a : twice) {
            records.add(new ProducerRecord<>(ClaimsTopics.ARTICLES, a.getId(), articleSerializer.serialize(ClaimsTopics.ARTICLES, a)));
            if (records.size() == twice.size() / 2) {
                records.add(new ProducerRecord<>(ClaimsTopics.ARTICLES, "poison", poison));
            }
        }

        try (ProcessingApplication app = ProcessingApplication.create(props).start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
            List<RecordMetadata> written = KafkaTestClients.produce(broker.bootstrapServers(), records);
            RecordMetadata poisonAt = written.get(twice.size() / 2);
            KafkaTestClients.awaitProcessed(admin, APPLICATION_ID, Duration.ofSeconds(90));

            Map<String, SubjectClaims> table = subjectTable();
            assertThat(table).isNotEmpty();
            for (SubjectClaims subject : table.values()) {
                List<String> claimKeys = subject.getClaims().stream().map(ClaimSummary::getClaimKey).toList();
                assertThat(claimKeys).as("claim keys of %s", subject.getSubjectKey()).doesNotHaveDuplicates();
                for (ClaimSummary claim : subject.getClaims()) {
                    assertThat(claim.getSources()).extracting(SourceRef::getArticleId).as("sources of %s", claim.getClaimKey())
                        .doesNotHaveDuplicates();
                }
            }
            assertThat(CleanPass.mentionCounts(table)).isEqualTo(CleanPass.mentionCounts(corpus));
            assertThat(table).isEqualTo(CleanPass.table(corpus, CleanPass.LONG_RETENTION, dataDir.resolve("clean-pass")));

            List<String> firstSeen = new ArrayList<>();
            try (AvroDeserializer<NumericClaim> claims = registryDeserializer()) {
                for (ConsumerRecord<String, byte[]> r : KafkaTestClients.readCommitted(broker.bootstrapServers(), ClaimsTopics.CLAIMS)) {
                    firstSeen.add(claims.deserialize(r.topic(), r.value()).getClaimKey());
                }
            }
            assertThat(firstSeen).as("news.claims: each distinct claim once").doesNotHaveDuplicates()
                .hasSize(table.values().stream().mapToInt(s -> s.getClaims().size()).sum());

            List<ConsumerRecord<String, byte[]>> dead = KafkaTestClients.readCommitted(broker.bootstrapServers(), ClaimsTopics.DEAD_LETTERS);
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).value()).isEqualTo(poison);
            Headers headers = dead.get(0).headers();
            assertThat(header(headers, "__streams.errors.topic")).isEqualTo(ClaimsTopics.ARTICLES);
            assertThat(header(headers, "__streams.errors.partition")).isEqualTo(Integer.toString(poisonAt.partition()));
            assertThat(header(headers, "__streams.errors.offset")).isEqualTo(Long.toString(poisonAt.offset()));

            assertThat(SchemaRegistryClient.of(registry.url()).subjects()).as("no subjects for internal topics")
                .containsExactlyInAnyOrder("news.articles-value", "claims.by-subject-value", "news.claims-value");

            // The subject store answers interactive queries, as the status page will ask it.
            ReadOnlyKeyValueStore<String, ?> store = app.streams().store(StoreQueryParameters.fromNameAndType(
                ClaimsTopology.SUBJECT_STORE, QueryableStoreTypes.keyValueStore()));
            Set<String> stored = new HashSet<>();
            try (var all = store.all()) {
                all.forEachRemaining(kv -> stored.add(kv.key));
            }
            assertThat(stored).isEqualTo(table.keySet());
            assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    @Test
    void theCompactedTopicIsCreatedCompactedAndAnExistingTopicThatWouldLoseDataIsRefused() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));
            Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.SEGMENT_MS_CONFIG, "3600000", TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "60000",
                TopicConfig.DELETE_RETENTION_MS_CONFIG, "86400000");
            var spec = new TopicSpec("it.table", 2, (short) 1, compacted,
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));

            provisioner.provision(List.of(spec));
            provisioner.provision(List.of(spec));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "it.table");
            Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
            Map<String, String> actual = new LinkedHashMap<>();
            compacted.keySet().forEach(name -> actual.put(name, config.get(name).value()));
            assertThat(actual).isEqualTo(compacted);
            assertThat(admin.describeTopics(List.of("it.table")).allTopicNames().get().get("it.table").partitions()).hasSize(2);

            admin.createTopics(List.of(new NewTopic("it.deleting", 1, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)))).all().get();
            var deleting = new TopicSpec("it.deleting", 1, (short) 1, compacted,
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            assertThatThrownBy(() -> provisioner.provision(List.of(spec, deleting)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("topic it.deleting has cleanup.policy=delete but claimstream needs cleanup.policy=compact")
                .hasMessageNotContaining("it.table");
        }
    }

    private static Map<String, SubjectClaims> subjectTable() {
        Map<String, SubjectClaims> table = new TreeMap<>();
        try (AvroDeserializer<SubjectClaims> values = registryDeserializer()) {
            for (ConsumerRecord<String, byte[]> r : KafkaTestClients.readCommitted(broker.bootstrapServers(), ClaimsTopics.SUBJECT_CLAIMS)) {
                SubjectClaims value = values.deserialize(r.topic(), r.value());
                if (value == null) {
                    table.remove(r.key());
                } else {
                    assertThat(value.getSubjectKey()).isEqualTo(r.key());
                    table.put(r.key(), value);
                }
            }
        }
        return table;
    }

    /** A deserializer configured as a downstream consumer would configure it: by properties, from the registry. */
    private static <T> AvroDeserializer<T> registryDeserializer() {
        AvroDeserializer<T> deserializer = new AvroDeserializer<>();
        deserializer.configure(Map.of(RegistryClientConfig.SCHEMA_REGISTRY_URL, registry.url(),
            AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
        return deserializer;
    }

    private static String header(Headers headers, String name) {
        assertThat(headers.lastHeader(name)).as("header %s", name).isNotNull();
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
