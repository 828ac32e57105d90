package io.claimstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Predicate;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.claimstream.avro.Article;
import io.claimstream.avro.ClaimSummary;
import io.claimstream.avro.SubjectClaims;
import io.claimstream.avro.internal.ClaimState;
import io.claimstream.avro.internal.ClaimantState;
import io.claimstream.avro.internal.MentionPosition;
import io.claimstream.avro.internal.SourceState;
import io.claimstream.avro.internal.SubjectState;
import io.claimstream.extract.ArticleText;
import io.claimstream.extract.ClaimExtractor;
import io.claimstream.extract.NumericClaim;
import io.claimstream.extract.SubjectKeyScheme;
import io.claimstream.registry.AvroDeserializer;
import io.claimstream.registry.AvroSerdeConfig;
import io.claimstream.registry.EmbeddedSchemaRegistry;
import io.claimstream.registry.RegistryClientConfig;
import io.claimstream.topology.ClaimsSettings;
import io.claimstream.topology.ClaimsTopics;
import io.claimstream.topology.ClaimsTopology;
import io.claimstream.topology.InternalAvroSerde;
import io.claimstream.topology.TestArticles;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subject every outlet reports, through the real broker under exactly-once. Kept as one value,
 * such a subject passed Kafka's 1 MB record limit within seconds: its changelog write failed,
 * the stream threads died one after another, and every restart on the same state failed again.
 */
class BusySubjectIT {

    private static final String APPLICATION_ID = "claimstream-busy";
    private static final Instant T0 = Instant.parse("2025-02-14T08:00:00Z");
    private static final int OUTLETS = 20;
    private static final int FIGURES = 200;
    private static final int PARTITIONS = 6;
    private static final int RECORD_BOUND = ClaimsSettings.MIN_SUBJECT_RECORD_BYTES;
    private static final ClaimExtractor EXTRACTOR = new ClaimExtractor();
    /** Sources the earlier layout listed per claim in the crashed state: as many as fit under the broker limit. */
    private static final int LEGACY_SOURCES = 14;

    @TempDir
    Path dataDir;

    private EmbeddedKafkaBroker broker;
    private EmbeddedSchemaRegistry registry;

    @BeforeEach
    void startBroker() {
        broker = EmbeddedKafkaBroker.start(dataDir.resolve("broker"), 0);
        registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0);
    }

    @AfterEach
    void stopBroker() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void thousandsOfMentionsOfOneSubjectFromManyOutletsKeepProcessingWithinTheRecordBound() throws Exception {
        List<Article> articles = new ArrayList<>();
        for (int i = 0; i < FIGURES; i++) {
            for (int o = 0; o < OUTLETS; o++) {
                articles.add(article("o" + o + "-" + i, "outlet-" + o, 1000 + i, T0.plusSeconds(60L * i + o)));
            }
        }
        String subjectKey = subjectKey(articles.get(0));

        Map<String, Object> props = properties();
        try (ProcessingApplication app = ProcessingApplication.create(props).start();
             Admin admin = admin()) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
            KafkaTestClients.produce(broker.bootstrapServers(), records(articles, props));
            KafkaTestClients.awaitProcessed(admin, APPLICATION_ID, Duration.ofSeconds(240));

            List<ConsumerRecord<String, byte[]>> updates = updatesUntil(subjectKey, record -> record.getClaimCount() == FIGURES
                && record.getClaims().stream().allMatch(c -> c.getMentions() == OUTLETS));
            assertThat(updates).isNotEmpty()
                .allSatisfy(r -> assertThat(r.value().length).as("bytes of an update").isLessThanOrEqualTo(RECORD_BOUND));
            SubjectClaims last = read(updates.get(updates.size() - 1));
            assertThat(last.getClaimCount()).as("every figure counted, listed or not").isEqualTo(FIGURES);
            assertThat(last.getEvictedClaims()).isZero();
            assertThat(last.getClaims()).as("the bound cuts the list, not the counts").isNotEmpty().hasSizeLessThan(FIGURES);
            for (ClaimSummary claim : last.getClaims()) {
                assertThat(claim.getMentions()).as("mentions of %s", claim.getClaimKey()).isEqualTo(OUTLETS);
                assertThat(claim.getOutlets()).isEqualTo(OUTLETS);
                assertThat(claim.getSources()).as("the first and the latest report").hasSize(2);
            }
            assertThat(KafkaTestClients.readCommitted(broker.bootstrapServers(), ClaimsTopics.DEAD_LETTERS)).isEmpty();
            assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    /**
     * The state a crashed instance left: its subject, one value just under the broker's limit,
     * in the changelog of the earlier layout. Restored on start, it is moved to claim entries,
     * and the mentions that made it crash are processed.
     */
    @Test
    void theStateThatCrashedBeforeIsMovedOnStartAndProcessingGoesOn() throws Exception {
        List<Article> before = new ArrayList<>();
        for (int i = 0; i < FIGURES; i++) {
            before.add(article("old-" + i, "outlet-0", 1000 + i, T0.plusSeconds(60L * i)));
        }
        String subjectKey = subjectKey(before.get(0));
        SubjectState crashed = legacySubject(subjectKey, before);
        byte[] value = InternalAvroSerde.of(SubjectState.class).serializer().serialize("changelog", crashed);
        assertThat(value.length).as("premise: the old value is close to the broker's 1 MB limit").isBetween(800_000, 1_000_000);
        String changelog = APPLICATION_ID + "-" + ClaimsTopology.LEGACY_SUBJECT_STORE + "-changelog";
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(changelog, PARTITIONS, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                .all().get(30, TimeUnit.SECONDS);
        }
        KafkaTestClients.produce(broker.bootstrapServers(), List.of(new ProducerRecord<>(changelog, subjectKey, value)));

        // New outlets report the figures the old value holds, and new ones.
        List<Article> after = new ArrayList<>();
        for (int i = 0; i < FIGURES + 50; i++) {
            after.add(article("new-" + i, "outlet-1", 1000 + i, T0.plusSeconds(60L * i + 30)));
        }
        Map<String, Object> props = properties();
        props.put(ClaimsSettings.MAX_CLAIMS_PER_SUBJECT, 1000);
        props.remove(ClaimsSettings.SUBJECT_RECORD_MAX_BYTES); // the default bound lists every claim here
        try (ProcessingApplication app = ProcessingApplication.create(props).start();
             Admin admin = admin()) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
            KafkaTestClients.produce(broker.bootstrapServers(), records(after, props));
            KafkaTestClients.awaitProcessed(admin, APPLICATION_ID, Duration.ofSeconds(240));

            List<ConsumerRecord<String, byte[]>> updates = updatesUntil(subjectKey, record -> record.getClaimCount() == FIGURES + 50
                && record.getClaims().stream().filter(c -> c.getValue() == 1000.0).allMatch(c -> c.getMentions() == LEGACY_SOURCES + 1));
            assertThat(updates).isNotEmpty();
            SubjectClaims last = read(updates.get(updates.size() - 1));
            assertThat(last.getClaimCount()).isEqualTo(FIGURES + 50);
            assertThat(last.getClaims()).hasSize(FIGURES + 50);
            Map<Double, Long> mentions = new HashMap<>();
            last.getClaims().forEach(c -> mentions.put(c.getValue(), c.getMentions()));
            assertThat(mentions).as("an old figure counts its old mention and the new one").containsEntry(1000.0, (long) LEGACY_SOURCES + 1)
                .containsEntry(1000.0 + FIGURES - 1, (long) LEGACY_SOURCES + 1).containsEntry(1000.0 + FIGURES, 1L);
            ReadOnlyKeyValueStore<String, Object> legacy = app.streams().store(StoreQueryParameters.fromNameAndType(
                ClaimsTopology.LEGACY_SUBJECT_STORE, QueryableStoreTypes.keyValueStore()));
            assertThat(legacy.approximateNumEntries()).as("nothing left in the earlier layout").isZero();
            assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    private Map<String, Object> properties() {
        Map<String, Object> props = new HashMap<>();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(RegistryClientConfig.SCHEMA_REGISTRY_URL, registry.url());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("state").toString());
        props.put(ClaimsSettings.CLAIM_RETENTION_MS, Duration.ofDays(3650).toMillis());
        props.put(ClaimsSettings.SUBJECT_RECORD_MAX_BYTES, RECORD_BOUND);
        props.put(ClaimsSettings.TOPIC_PARTITIONS, PARTITIONS);
        return props;
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    /** A report of a running toll with a long headline, as wire copy has. */
    private static Article article(String id, String outlet, int killed, Instant published) {
        Article a = TestArticles.article(id, outlet, "The regional governor said " + killed
            + " soldiers were killed in the fighting around the city since the offensive began.", published);
        a.setTitle("Live: the fighting around the city, latest reports from the front line and the regional governor, "
            + "with figures from officials on both sides " + id);
        return a;
    }

    private static String subjectKey(Article a) {
        return onlyClaim(a).subjectKey();
    }

    private static NumericClaim onlyClaim(Article a) {
        List<NumericClaim> claims = EXTRACTOR.extract(new ArticleText(a.getId(), a.getTitle(), a.getText(), a.getPublished(),
            a.getLink(), a.getSource()));
        assertThat(claims).as("premise: one claim per article").hasSize(1);
        return claims.get(0);
    }

    private static List<ProducerRecord<String, byte[]>> records(List<Article> articles, Map<String, Object> props) {
        var serializer = ProcessingApplication.serdes(props).article().serializer();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        articles.forEach(a -> records.add(new ProducerRecord<>(ClaimsTopics.ARTICLES, a.getId(),
            serializer.serialize(ClaimsTopics.ARTICLES, a))));
        return records;
    }

    /** The subject as the earlier layout kept it: every claim with its sources (it listed up to 20), one value. */
    private static SubjectState legacySubject(String subjectKey, List<Article> articles) {
        List<ClaimState> claims = new ArrayList<>();
        for (Article a : articles) {
            NumericClaim c = onlyClaim(a);
            MentionPosition position = new MentionPosition(a.getPublished(), a.getId(), c.start());
            List<SourceState> sources = new ArrayList<>();
            for (int s = 0; s < LEGACY_SOURCES; s++) {
                // Nineteen more reports each, long-linked, as syndicated copy is; only the first is this test's article.
                String id = s == 0 ? a.getId() : a.getId() + "-syndicated-" + s;
                sources.add(new SourceState(id, "syndicate-" + s, a.getTitle(),
                    "https://syndicate-" + s + ".example/world/live/" + id + "?utm_source=feed&utm_medium=rss&ref=front-page",
                    a.getPublished(), null, c.span()));
            }
            claims.add(ClaimState.newBuilder()
                .setClaimKey(c.claimKey()).setValue(c.value()).setValueHigh(null).setUnit(c.unit()).setKind(c.kind().label())
                .setQualifier(c.qualifier().name()).setChange(null).setStatedFrom(position)
                .setFirstSeen(a.getPublished()).setLastSeen(a.getPublished()).setMentions(sources.size())
                .setSources(sources).setClaimants(List.of(new ClaimantState("the regional governor", a.getPublished())))
                .build());
        }
        return SubjectState.newBuilder().setSubjectKey(subjectKey).setSubject("soldier killed")
            .setSubjectFrom(claims.get(0).getStatedFrom()).setClaims(claims).setEvictedClaims(0)
            .setKeyScheme(SubjectKeyScheme.VERSION).build();
    }

    /**
     * The subject's committed claims.by-subject records, read again until the latest one satisfies
     * {@code complete} or 30 s pass. A subject whose record is over the emit budget
     * ({@code claimstream.subject.emit.budget.bytes}) is written up to size/budget emit intervals
     * after its last change (about 6 s at the record bound), so the last mention processed is not
     * yet in the latest record the moment processing has caught up.
     */
    private List<ConsumerRecord<String, byte[]>> updatesUntil(String subjectKey, Predicate<SubjectClaims> complete)
        throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<ConsumerRecord<String, byte[]>> updates = KafkaTestClients.readCommitted(broker.bootstrapServers(),
                ClaimsTopics.SUBJECT_CLAIMS).stream().filter(r -> r.key().equals(subjectKey)).toList();
            if (!updates.isEmpty() && complete.test(read(updates.get(updates.size() - 1))) || System.nanoTime() > deadline) {
                return updates;
            }
            Thread.sleep(500);
        }
    }

    private SubjectClaims read(ConsumerRecord<String, byte[]> r) {
        try (AvroDeserializer<SubjectClaims> values = new AvroDeserializer<>()) {
            values.configure(Map.of(RegistryClientConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
            return values.deserialize(r.topic(), r.value());
        }
    }
}
