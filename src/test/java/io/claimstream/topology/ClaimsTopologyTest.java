package io.claimstream.topology;

import static io.claimstream.topology.TestArticles.article;
import static io.claimstream.topology.TopologyHarness.EXTRACTOR;
import static io.claimstream.topology.TopologyHarness.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.claimstream.avro.Article;
import io.claimstream.avro.ClaimSummary;
import io.claimstream.avro.NumericClaim;
import io.claimstream.avro.SourceRef;
import io.claimstream.avro.SubjectClaims;
import io.claimstream.extract.ArticleText;
import io.claimstream.registry.EmbeddedSchemaRegistry;
import io.claimstream.registry.InMemoryRegistry;
import io.claimstream.registry.RegistryClientConfig;
import io.claimstream.registry.RegistryException;
import io.claimstream.runtime.ProcessingApplication;
import io.claimstream.registry.SchemaRegistryClient;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology's behaviour, record by record, with the real extractor on articles written for
 * the purpose: simple sentences whose claims do not depend on the finer points of extraction.
 * Each test first checks that premise (which claim keys the extractor gives), so that an
 * extractor change shows up as a broken premise rather than as a wrong count.
 */
class ClaimsTopologyTest {

    private static final Instant T0 = Instant.parse("2025-02-14T08:40:00Z");
    private static final String DAILY_1 = "Russia lost 1,150 troops over the past day, the General Staff said.";
    private static final String DAILY_2 = "The General Staff said Russia lost 1150 soldiers in the past day.";
    private static final String DAILY_3 = "Russian forces lost 1,150 servicemen over the past 24 hours, according to the General Staff.";
    private static final String TOTAL_1 = "Russia has lost 855,470 troops since the start of the invasion, the General Staff said.";
    private static final String TOTAL_2 = "Russia has lost 856,620 troops since the start of the invasion, the General Staff said.";
    private static final String RATE_1 = "The National Bank of Ukraine raised its key rate to 15.5%, the bank said.";
    private static final String RATE_2 = "The National Bank of Ukraine raised its key rate to 16.5%, the bank said.";

    @TempDir
    Path stateDir;

    private EmbeddedSchemaRegistry registry;
    private TopologyHarness topology;

    @BeforeEach
    void startRegistry() {
        registry = InMemoryRegistry.start();
    }

    @AfterEach
    void stop() {
        if (topology != null) {
            topology.close();
        }
        registry.close();
    }

    private TopologyHarness topology(Map<String, ?> settings) {
        topology = new TopologyHarness(registry.url(), stateDir, settings);
        return topology;
    }

    @Test
    void theSameArticleTwiceIsCountedOnce() {
        Article a = article("kw-1", "kyiv-wire", DAILY_1, T0);
        topology(Map.of()).publish(a, a);

        List<KeyValue<String, SubjectClaims>> records = topology.subjectRecords();
        assertThat(records).hasSize(1);
        assertThat(onlyClaim(records.get(0).value).getMentions()).isEqualTo(1);
        assertThat(topology.claimRecords()).hasSize(1);
    }

    @Test
    void oneStoryUnderTwoLinksOfAnOutletIsCountedOnceButAnotherOutletCounts() {
        Article first = article("kw-1", "kyiv-wire", DAILY_1, T0);
        // The same wire copy re-published two hours later under another link and id, with
        // different spacing and quotes.
        Article relinked = article("kw-2", "kyiv-wire", " Russia lost 1,150 troops  over the past day, the “General Staff” said. ",
            T0.plusSeconds(7200));
        Article otherOutlet = article("cp-1", "continental-post", DAILY_1, T0.plusSeconds(3 * 3600));
        topology(Map.of()).publish(first, relinked, otherOutlet);

        List<KeyValue<String, SubjectClaims>> records = topology.subjectRecords();
        assertThat(records).hasSize(2);
        ClaimSummary claim = onlyClaim(records.get(1).value);
        assertThat(claim.getMentions()).isEqualTo(2);
        assertThat(claim.getSources()).extracting(SourceRef::getArticleId).containsExactly("kw-1", "cp-1");
    }

    @Test
    void theSameClaimFromThreeOutletsInThreeWordingsIsOneClaimWithThreeSources() {
        // Three listed sources of three: the first and the latest, and the one between.
        Article a = article("kw-1", "kyiv-wire", DAILY_1, T0);
        Article b = article("cp-1", "continental-post", DAILY_2, T0.plusSeconds(3600));
        Article c = article("gd-1", "globe-dispatch", DAILY_3, T0.plusSeconds(7200));
        String claimKey = onlyClaimKey(a);
        assertThat(List.of(onlyClaimKey(b), onlyClaimKey(c))).as("premise: one claim key for the three wordings")
            .containsOnly(claimKey);

        topology(Map.of(ClaimsSettings.MAX_SOURCES_PER_CLAIM, 3)).publish(a, b, c);

        Map<String, SubjectClaims> table = table(topology.subjectRecords());
        assertThat(table).hasSize(1);
        ClaimSummary claim = onlyClaim(table.values().iterator().next());
        assertThat(claim.getClaimKey()).isEqualTo(claimKey);
        assertThat(claim.getMentions()).isEqualTo(3);
        assertThat(claim.getOutlets()).isEqualTo(3);
        assertThat(claim.getSources()).extracting(SourceRef::getSource)
            .containsExactly("kyiv-wire", "continental-post", "globe-dispatch");
        assertThat(claim.getFirstSeen()).isEqualTo(T0);
        assertThat(claim.getLastSeen()).isEqualTo(T0.plusSeconds(7200));

        List<KeyValue<String, NumericClaim>> claims = topology.claimRecords();
        assertThat(claims).hasSize(1);
        assertThat(claims.get(0).key).isEqualTo(claims.get(0).value.getSubjectKey());
        assertThat(claims.get(0).value.getClaimKey()).isEqualTo(claimKey);
        assertThat(claims.get(0).value.getArticle().getArticleId()).isEqualTo("kw-1");
    }

    @Test
    void aSubjectMentionedManyTimesInOneEmitIntervalIsWrittenOnceWithAllOfThem() {
        Article a = article("kw-1", "kyiv-wire", DAILY_1, T0);
        Article b = article("cp-1", "continental-post", DAILY_2, T0.plusSeconds(3600));
        Article c = article("gd-1", "globe-dispatch", DAILY_3, T0.plusSeconds(7200));

        topology(Map.of(ClaimsSettings.SUBJECT_EMIT_INTERVAL_MS, 60_000L)).publishAtOnce(a, b, c);

        List<KeyValue<String, SubjectClaims>> records = topology.subjectRecords();
        assertThat(records).hasSize(1);
        assertThat(onlyClaim(records.get(0).value).getMentions()).isEqualTo(3);
        assertThat(topology.claimRecords()).as("a new claim is announced at once, not per interval").hasSize(1);

        topology.publishAtOnce(a, b);
        assertThat(topology.subjectRecords()).as("mentions already counted leave nothing to write").isEmpty();
    }

    @Test
    void aNewFigureForAKnownSubjectIsASecondClaimInItsRecord() {
        Article first = article("kw-1", "kyiv-wire", TOTAL_1, T0);
        Article next = article("kw-2", "kyiv-wire", TOTAL_2, T0.plus(Duration.ofDays(1)));
        NumericClaim firstClaim = onlyExtracted(first);
        NumericClaim nextClaim = onlyExtracted(next);
        assertThat(nextClaim.getSubjectKey()).as("premise: same subject").isEqualTo(firstClaim.getSubjectKey());
        assertThat(nextClaim.getClaimKey()).as("premise: another figure").isNotEqualTo(firstClaim.getClaimKey());

        topology(Map.of()).publish(first, next);

        SubjectClaims subject = table(topology.subjectRecords()).get(firstClaim.getSubjectKey());
        assertThat(subject.getClaims()).extracting(ClaimSummary::getValue).containsExactly(855_470.0, 856_620.0);
        assertThat(subject.getClaims()).extracting(ClaimSummary::getMentions).containsExactly(1L, 1L);
        assertThat(subject.getUpdated()).isEqualTo(T0.plus(Duration.ofDays(1)));
        assertThat(topology.claimRecords()).extracting(r -> r.value.getClaimKey())
            .containsExactly(firstClaim.getClaimKey(), nextClaim.getClaimKey());
    }

    @Test
    void claimsNotSeenForTheRetentionExpireAndAnEmptySubjectIsDeletedWithATombstone() {
        topology(Map.of(ClaimsSettings.CLAIM_RETENTION_MS, Duration.ofDays(30).toMillis(),
            ClaimsSettings.EXPIRY_INTERVAL_MS, Duration.ofHours(1).toMillis()));
        Article oldFigure = article("kw-1", "kyiv-wire", TOTAL_1, T0);
        Article newFigure = article("kw-2", "kyiv-wire", TOTAL_2, T0.plus(Duration.ofDays(20)));
        String losses = onlyExtracted(oldFigure).getSubjectKey();
        topology.publish(oldFigure, newFigure);
        topology.subjectRecords();

        // Another subject moves stream time 35 days past the first figure: only it has expired.
        topology.publish(article("nbu-1", "kyiv-wire", RATE_1, T0.plus(Duration.ofDays(35))));
        SubjectClaims remaining = table(topology.subjectRecords()).get(losses);
        assertThat(remaining.getClaims()).extracting(ClaimSummary::getValue).containsExactly(856_620.0);

        // 55 days: the second figure has not been seen for 35 days either.
        topology.publish(article("nbu-2", "kyiv-wire", RATE_2, T0.plus(Duration.ofDays(55))));
        List<KeyValue<String, SubjectClaims>> records = topology.subjectRecords();
        assertThat(records).filteredOn(r -> r.key.equals(losses)).hasSize(1).first()
            .satisfies(tombstone -> assertThat(tombstone.value).isNull());
        assertThat(table(records)).doesNotContainKey(losses);
    }

    @Test
    void aRecordThatCannotBeReadGoesToTheDeadLetterTopicAndTheNextIsProcessed() {
        // at_least_once only because of the test driver: under exactly-once it clears a dead
        // letter sent while reading, before the transaction that holds it commits (MockProducer
        // clear()). ProcessingApplicationIT checks this path under exactly_once_v2 on a broker.
        topology(Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE));
        byte[] poison = "not an Avro article".getBytes(StandardCharsets.UTF_8);
        topology.publishRaw("poison-1", poison);
        topology.publish(article("kw-1", "kyiv-wire", DAILY_1, T0));

        List<TestRecord<byte[], byte[]>> dead = topology.deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).key()).isEqualTo("poison-1".getBytes(StandardCharsets.UTF_8));
        assertThat(dead.get(0).value()).isEqualTo(poison);
        Headers headers = dead.get(0).headers();
        assertThat(header(headers, "__streams.errors.topic")).isEqualTo(ClaimsTopics.ARTICLES);
        assertThat(header(headers, "__streams.errors.partition")).isEqualTo("0");
        assertThat(header(headers, "__streams.errors.offset")).isEqualTo("0");
        assertThat(header(headers, "__streams.errors.exception")).isEqualTo("org.apache.kafka.common.errors.SerializationException");
        assertThat(header(headers, "__streams.errors.message")).contains(ClaimsTopics.ARTICLES);

        assertThat(topology.subjectRecords()).hasSize(1);
    }

    @Test
    void anArticleWhoseProcessingFailsGoesToTheDeadLetterTopicAndIsNotRememberedAsSeen() {
        // A test-only extractor that fails on its first call: the real one cannot be made to fail.
        AtomicInteger calls = new AtomicInteger();
        topology = new TopologyHarness(registry.url(), stateDir, Map.of(), (ArticleText text) -> {
            if (calls.getAndIncrement() == 0) {
                throw new IllegalStateException("extractor failed");
            }
            return EXTRACTOR.extract(text);
        });
        Article a = article("kw-1", "kyiv-wire", DAILY_1, T0);
        topology.publish(a);

        List<TestRecord<byte[], byte[]>> dead = topology.deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0).headers(), "__streams.errors.topic")).isEqualTo(ClaimsTopics.ARTICLES);
        assertThat(header(dead.get(0).headers(), "__streams.errors.offset")).isEqualTo("0");
        assertThat(header(dead.get(0).headers(), "__streams.errors.exception")).isEqualTo(IllegalStateException.class.getName());
        assertThat(topology.serdes().article().deserializer().deserialize(ClaimsTopics.ARTICLES, dead.get(0).value()))
            .as("the dead letter carries the article as read").isEqualTo(a);
        assertThat(topology.subjectRecords()).isEmpty();

        // Sent again (say, from the dead-letter topic once the fault is fixed), it is processed, once.
        topology.publish(a, a);
        List<KeyValue<String, SubjectClaims>> records = topology.subjectRecords();
        assertThat(records).hasSize(1);
        assertThat(onlyClaim(records.get(0).value).getMentions()).isEqualTo(1);
    }

    @Test
    void anUnreachableRegistryStopsProcessingRatherThanDeadLetteringGoodRecords() {
        Article a = article("kw-1", "kyiv-wire", DAILY_1, T0);
        byte[] bytes = topology(Map.of()).serdes().article().serializer().serialize(ClaimsTopics.ARTICLES, a);
        registry.close();

        // The topology's own deserializer has not seen the schema id yet and must ask the registry.
        assertThatThrownBy(() -> topology.publishRaw("kw-1", bytes))
            .isInstanceOf(StreamsException.class)
            .hasStackTraceContaining(RegistryException.class.getName());
        assertThat(topology.deadLetters()).isEmpty();
    }

    @Test
    void aRegistryFailureWhileWritingAnOutputStopsProcessingRatherThanDeadLettering() {
        Map<String, Object> unreachable = Map.of(RegistryClientConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:9",
            RegistryClientConfig.MAX_RETRIES, 0);
        ClaimsSerdes live = ProcessingApplication.serdes(Map.of(RegistryClientConfig.SCHEMA_REGISTRY_URL, registry.url()));
        ClaimsSerdes outputsUnreachable = new ClaimsSerdes(live.article(),
            ProcessingApplication.serdes(unreachable).subjectClaims(), live.claim());
        topology = new TopologyHarness(registry.url(), stateDir, Map.of(), EXTRACTOR::extract, outputsUnreachable);

        assertThatThrownBy(() -> topology.publish(article("kw-1", "kyiv-wire", DAILY_1, T0)))
            .isInstanceOf(StreamsException.class)
            .hasStackTraceContaining(RegistryException.class.getName());
        assertThat(topology.deadLetters()).isEmpty();
    }

    @Test
    void aReplayedArticleNeverCountsTwiceEvenBeyondTheSourcesCapAndTheDedupWindow() {
        // Article dedup forgets after a minute, and claims list two sources: a replay of the
        // first article, an hour later, reaches the aggregate and must be recognised there.
        topology(Map.of(ClaimsSettings.ARTICLE_DEDUP_RETENTION_MS, 60_000L, ClaimsSettings.MAX_SOURCES_PER_CLAIM, 2));
        Article first = article("kw-1", "kyiv-wire", DAILY_1, T0);
        topology.publish(first,
            article("cp-1", "continental-post", DAILY_2, T0.plusSeconds(3600)),
            article("gd-1", "globe-dispatch", DAILY_3, T0.plusSeconds(2 * 3600)),
            article("na-1", "north-atlantic-news", DAILY_1, T0.plusSeconds(3 * 3600)));
        ClaimSummary before = onlyClaim(table(topology.subjectRecords()).values().iterator().next());
        assertThat(before.getMentions()).isEqualTo(4);
        assertThat(before.getSources()).extracting(SourceRef::getArticleId).containsExactly("kw-1", "na-1");

        WindowStore<String, String> ids = topology.driver().getWindowStore(ClaimsTopology.ARTICLE_ID_STORE);
        try (WindowStoreIterator<String> remembered = ids.fetch("kw-1", 0, Long.MAX_VALUE)) {
            assertThat(remembered.hasNext()).as("premise: article dedup has forgotten kw-1").isFalse();
        }

        topology.publish(first);
        assertThat(topology.subjectRecords()).as("a replay changes nothing and emits nothing").isEmpty();
        assertThat(topology.claimRecords()).hasSize(1);
    }

    @Test
    void anArticleWithoutAPublicationTimeIsTimedByItsFetch() {
        Instant fetched = Instant.parse("2025-02-14T12:00:00Z");
        Article undated = article("kw-1", "kyiv-wire", DAILY_1, null);
        assertThat(undated.getFetched()).isEqualTo(fetched);
        topology(Map.of()).publish(undated);

        ClaimSummary claim = onlyClaim(topology.subjectRecords().get(0).value);
        assertThat(claim.getFirstSeen()).isEqualTo(fetched);
        assertThat(claim.getSources().get(0).getPublished()).isEqualTo(fetched);
        assertThat(topology.claimRecords().get(0).value.getFirstSeen()).isEqualTo(fetched);
    }

    @Test
    void onlyThePublicTopicsHaveSchemaRegistrySubjects() {
        topology(Map.of()).publish(article("kw-1", "kyiv-wire", DAILY_1, T0), article("kw-2", "kyiv-wire", TOTAL_1, T0));
        assertThat(topology.subjectRecords()).hasSize(2);

        // Repartition topic, stores and changelogs use their own serde, without the registry.
        assertThat(SchemaRegistryClient.of(registry.url()).subjects())
            .containsExactlyInAnyOrder("news.articles-value", "claims.by-subject-value", "news.claims-value");
    }

    @Test
    void everyProcessorStoreAndInternalTopicIsNamedExplicitly() {
        TopologyDescription description = ClaimsTopology.build(ClaimsSettings.defaults(), EXTRACTOR,
            topology(Map.of()).serdes()).describe();

        // Generated names shift when the topology changes, renaming changelogs and losing state.
        assertThat(description.toString()).doesNotContain("KSTREAM-", "KTABLE-")
            .contains(ClaimsTopology.MENTIONS_REPARTITION + "-repartition", ClaimsTopology.SUBJECT_STORE,
                ClaimsTopology.COUNTED_STORE, ClaimsTopology.ARTICLE_ID_STORE, ClaimsTopology.ARTICLE_TEXT_STORE,
                ClaimsTopology.KEY_SCHEME_STORE);
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static ClaimSummary onlyClaim(SubjectClaims subject) {
        assertThat(subject.getClaims()).hasSize(1);
        return subject.getClaims().get(0);
    }

    private static String onlyClaimKey(Article a) {
        return onlyExtracted(a).getClaimKey();
    }

    /** The one claim the real extractor finds in {@code a}, as the topology would emit it. */
    private static NumericClaim onlyExtracted(Article a) {
        List<io.claimstream.avro.internal.ClaimMention> mentions = new MentionExtractor(EXTRACTOR::extract).mentions(a);
        assertThat(mentions).as("premise: one claim in %s", a.getText()).hasSize(1);
        return Outputs.firstSeen(mentions.get(0));
    }
}
