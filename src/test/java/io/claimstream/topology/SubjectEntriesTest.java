package io.claimstream.topology;

import static io.claimstream.topology.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.claimstream.avro.Article;
import io.claimstream.avro.ClaimSummary;
import io.claimstream.avro.SubjectClaims;
import io.claimstream.avro.internal.ClaimState;
import io.claimstream.avro.internal.ClaimantState;
import io.claimstream.avro.internal.MentionPosition;
import io.claimstream.avro.internal.SourceState;
import io.claimstream.avro.internal.SubjectState;
import io.claimstream.extract.ArticleText;
import io.claimstream.extract.NumericClaim;
import io.claimstream.extract.Qualifier;
import io.claimstream.extract.QuantityKind;
import io.claimstream.registry.EmbeddedSchemaRegistry;
import io.claimstream.registry.InMemoryRegistry;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subject as a head and one entry per claim: what a busy subject keeps, what its record
 * lists within its size bound, which claim a full subject drops, and how state of the earlier
 * layout (one value per subject) is moved. The articles' text is the figure they state; the
 * extractor here reads it as one claim about one subject, so the tests control every claim.
 */
class SubjectEntriesTest {

    private static final Instant T0 = Instant.parse("2025-02-14T08:00:00Z");
    private static final String SUBJECT = "russia/soldier-killed";
    /** One claim per article: the figure its text starts with. */
    private static final Function<ArticleText, List<NumericClaim>> FIGURE = text -> {
        String figure = text.text().substring(0, text.text().indexOf(' '));
        double value = Double.parseDouble(figure);
        String span = figure + " soldiers";
        return List.of(new NumericClaim(0, span.length(), span, span + " were killed.", value, null, "soldier",
            QuantityKind.COUNT, Qualifier.EXACT, null, text.source().startsWith("gov") ? "the governor" : null,
            "soldier killed (russia)", SUBJECT, SUBJECT + "|" + value + "|soldier"));
    };

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

    @Test
    void aSubjectReportedByManyOutletsListsTheFirstAndLatestSourcesAndCountsThemAll() {
        topology(Map.of());
        List<Article> reports = new ArrayList<>();
        for (int o = 0; o < 30; o++) {
            reports.add(report("a" + o, (o % 2 == 0 ? "gov-outlet-" : "outlet-") + (o % 10), 1150, T0.plusSeconds(o)));
        }
        topology.publishAtOnce(reports.toArray(Article[]::new));

        ClaimSummary claim = only(topology.subjectRecords()).getClaims().get(0);
        assertThat(claim.getMentions()).isEqualTo(30);
        assertThat(claim.getOutlets()).isEqualTo(10);
        assertThat(claim.getClaimantCount()).isEqualTo(1);
        assertThat(claim.getSources()).extracting(s -> s.getArticleId()).containsExactly("a0", "a29");
    }

    @Test
    void aSourceKeyedByItsLinkListsTheUrlOnceAndNewsClaimsKeepsTheId() {
        topology(Map.of());
        Article byLink = report("https://outlet.example/2025/02/14/losses", "outlet", 1150, T0);
        byLink.setLink(byLink.getId());
        topology.publish(byLink, report("guid-7", "other", 1150, T0.plusSeconds(60)));

        ClaimSummary claim = only(topology.subjectRecords()).getClaims().get(0);
        assertThat(claim.getSources()).extracting(s -> s.getArticleId()).as("empty where the id is the link")
            .containsExactly("", "guid-7");
        assertThat(claim.getSources()).extracting(s -> s.getLink())
            .containsExactly("https://outlet.example/2025/02/14/losses", "https://other.example/guid-7");
        assertThat(topology.claimRecords()).singleElement()
            .satisfies(first -> assertThat(first.value.getArticle().getArticleId()).isEqualTo(byLink.getId()));
    }

    @Test
    void aRecordOverItsBoundListsTheClaimsReportedMostAndCountsThemAll() {
        int bound = ClaimsSettings.MIN_SUBJECT_RECORD_BYTES;
        topology(Map.of(ClaimsSettings.SUBJECT_RECORD_MAX_BYTES, bound, ClaimsSettings.MAX_CLAIMS_PER_SUBJECT, 1000));
        List<Article> reports = new ArrayList<>();
        for (int figure = 0; figure < 400; figure++) {
            // The even figures are reported twice.
            reports.add(report("a" + figure, "outlet-a", 1000 + figure, T0.plusSeconds(figure)));
            if (figure % 2 == 0) {
                reports.add(report("b" + figure, "outlet-b", 1000 + figure, T0.plusSeconds(figure)));
            }
        }
        topology.publishAtOnce(reports.toArray(Article[]::new));

        List<org.apache.kafka.streams.test.TestRecord<String, SubjectClaims>> written = topology.subjectRecordsWithHeaders();
        SubjectClaims record = written.get(written.size() - 1).value();
        assertThat(record.getClaimCount()).isEqualTo(400);
        assertThat(record.getClaims()).as("premise: 400 claims with long headlines pass the bound").hasSizeLessThan(400);
        assertThat(record.getClaims()).extracting(ClaimSummary::getMentions).as("the claims reported most come first")
            .containsOnly(2L);
        assertThat(record.getClaims()).extracting(ClaimSummary::getFirstSeen).as("listed in order of first appearance")
            .isSorted();
        byte[] bytes = topology.serdes().subjectClaims().serializer().serialize(ClaimsTopics.SUBJECT_CLAIMS, record);
        assertThat(bytes.length).isLessThanOrEqualTo(bound);
    }

    @Test
    void aSubjectWhoseRecordPassesTheEmitBudgetWaitsAnIntervalPerBudgetAndThenCarriesEveryChange() {
        int budget = 1024;
        topology(Map.of(ClaimsSettings.SUBJECT_EMIT_BUDGET_BYTES, budget));
        Duration interval = ClaimsSettings.defaults().subjectEmitInterval();
        List<Article> reports = new ArrayList<>();
        for (int figure = 0; figure < 20; figure++) {
            reports.add(report("a" + figure, "outlet-a", 1000 + figure, T0.plusSeconds(figure)));
        }
        topology.publishAtOnce(reports.toArray(Article[]::new));
        SubjectClaims first = only(topology.subjectRecords());
        long held = (Outputs.approximateBytes(first) - 1) / budget;
        assertThat(held).as("premise: 20 claims with long headlines take several budgets").isGreaterThanOrEqualTo(3);
        byte[] bytes = topology.serdes().subjectClaims().serializer().serialize(ClaimsTopics.SUBJECT_CLAIMS, first);
        assertThat((double) Outputs.approximateBytes(first)).as("the estimate is close to the encoded size")
            .isBetween(bytes.length * 0.8, bytes.length * 1.2);

        topology.publish(report("b0", "outlet-b", 1000, T0.plusSeconds(100)));
        topology.driver().advanceWallClockTime(interval.multipliedBy(held - 2));
        assertThat(topology.subjectRecords()).as("held for %s intervals after it was written", held).isEmpty();
        topology.publish(report("b1", "outlet-b", 1001, T0.plusSeconds(101)));

        SubjectClaims next = only(topology.subjectRecords());
        assertThat(next.getClaims()).filteredOn(c -> c.getValue() <= 1001).extracting(ClaimSummary::getMentions)
            .as("both mentions made while it was held").containsExactly(2L, 2L);
    }

    @Test
    void aFullSubjectDropsTheClaimSeenLeastRecentlyAndRefusesOneOlderThanAllItKeeps() {
        topology(Map.of(ClaimsSettings.MAX_CLAIMS_PER_SUBJECT, 2));
        topology.publish(report("a1", "outlet", 1, T0.plusSeconds(3600)),
            report("a2", "outlet", 2, T0.plusSeconds(2 * 3600)),
            report("a3", "outlet", 1, T0.plusSeconds(5 * 3600)));
        topology.subjectRecords();

        topology.publish(report("a4", "outlet", 3, T0.plusSeconds(6 * 3600)));
        SubjectClaims full = only(topology.subjectRecords());
        assertThat(full.getClaims()).extracting(ClaimSummary::getValue).containsExactly(1.0, 3.0);
        assertThat(full.getClaimCount()).isEqualTo(2);
        assertThat(full.getEvictedClaims()).isEqualTo(1);

        topology.publish(report("a5", "outlet", 4, T0));
        assertThat(topology.subjectRecords()).as("a new claim older than all kept is the one dropped: nothing changes").isEmpty();

        // A dropped claim reported again is a claim again.
        topology.publish(report("a2-again", "outlet", 2, T0.plusSeconds(7 * 3600)));
        assertThat(only(topology.subjectRecords()).getClaims()).extracting(ClaimSummary::getValue).contains(2.0);
    }

    @Test
    void expiryRemovesTheClaimsNobodyReportedForTheRetentionAndThenTheSubject() {
        topology(Map.of(ClaimsSettings.CLAIM_RETENTION_MS, Duration.ofHours(2).toMillis(),
            ClaimsSettings.EXPIRY_INTERVAL_MS, Duration.ofMinutes(10).toMillis()));
        topology.publish(report("a1", "outlet", 1, T0), report("a2", "outlet", 2, T0.plusSeconds(3600)));
        topology.subjectRecords();

        topology.publish(report("other", "outlet", 3, T0.plusSeconds(3 * 3600 - 60)));
        assertThat(table(topology.subjectRecords()).get(SUBJECT).getClaims()).extracting(ClaimSummary::getValue)
            .containsExactly(2.0, 3.0);
        topology.publish(report("late", "outlet", 3, T0.plusSeconds(6 * 3600)));
        topology.publish(report("later", "outlet", 3, T0.plusSeconds(9 * 3600)));
        assertThat(table(topology.subjectRecords()).get(SUBJECT).getClaims()).extracting(ClaimSummary::getValue)
            .containsExactly(3.0);
        assertThat(keys(ClaimsTopology.CLAIM_STORE)).hasSize(1);
        assertThat(keys(ClaimsTopology.CLAIM_EXPIRY_STORE)).hasSize(1);
    }

    @Test
    void anIndexEntryAtTheExactLastSeenTimeAsTheEarlierVersionWroteItNeitherExpiresALiveClaimNorKeepsADeadOne() {
        topology(Map.of(ClaimsSettings.CLAIM_RETENTION_MS, Duration.ofHours(2).toMillis(),
            ClaimsSettings.EXPIRY_INTERVAL_MS, Duration.ofMinutes(10).toMillis()));
        topology.publish(report("a1", "outlet", 1, T0.plusSeconds(5 * 60)));
        topology.subjectRecords();
        // The earlier version indexed the claim at its last-seen time itself, not at the end of its interval.
        KeyValueStore<String, String> index = topology.driver().getKeyValueStore(ClaimsTopology.CLAIM_EXPIRY_STORE);
        String entryKey = SubjectStores.entryKey(SUBJECT, SUBJECT + "|1.0|soldier");
        assertThat(keys(ClaimsTopology.CLAIM_EXPIRY_STORE))
            .containsExactly(SubjectStores.indexKey(T0.plusSeconds(10 * 60).toEpochMilli(), entryKey));
        index.delete(SubjectStores.indexKey(T0.plusSeconds(10 * 60).toEpochMilli(), entryKey));
        index.put(SubjectStores.indexKey(T0.plusSeconds(5 * 60).toEpochMilli(), entryKey), SUBJECT);

        topology.publish(report("a2", "outlet", 1, T0.plusSeconds(65 * 60)));
        // The old entry passes the horizon while the claim, seen again since, is live: it stays.
        topology.publish(report("b1", "outlet", 3, T0.plusSeconds(150 * 60)));
        assertThat(table(topology.subjectRecords()).get(SUBJECT).getClaims()).extracting(ClaimSummary::getValue)
            .containsExactly(1.0, 3.0);
        // Its own entry passes the horizon: it goes, and the index keeps only the live claim's.
        topology.publish(report("b2", "outlet", 3, T0.plusSeconds(200 * 60)));
        assertThat(table(topology.subjectRecords()).get(SUBJECT).getClaims()).extracting(ClaimSummary::getValue)
            .containsExactly(3.0);
        assertThat(keys(ClaimsTopology.CLAIM_EXPIRY_STORE)).singleElement()
            .satisfies(key -> assertThat(SubjectStores.indexedEntry(key)).isEqualTo(SubjectStores.entryKey(SUBJECT, SUBJECT + "|3.0|soldier")));
    }

    @Test
    void subjectsOfTheEarlierLayoutAreMovedToClaimEntriesWithTheirCountsAndArticles() {
        topology(Map.of());
        KeyValueStore<String, SubjectState> legacy = topology.driver().getKeyValueStore(ClaimsTopology.LEGACY_SUBJECT_STORE);
        // Written as the earlier version kept them, before the first punctuation of this one.
        legacy.put(SUBJECT, legacySubject(SUBJECT, 5));
        legacy.put("ukraine/drone-downed", legacySubject("ukraine/drone-downed", 1));
        KeyValueStore<String, Long> counted = topology.driver().getKeyValueStore(ClaimsTopology.COUNTED_STORE);
        counted.put(SUBJECT + "|1150.0|soldier\u0000old-0", T0.toEpochMilli());

        // A mention of a subject not moved yet moves it first; a replay of an article it counted changes nothing.
        topology.publish(report("old-0", "outlet-0", 1150, T0), report("new-1", "outlet-9", 1150, T0.plusSeconds(60)));
        SubjectClaims moved = table(topology.subjectRecords()).get(SUBJECT);
        ClaimSummary claim = moved.getClaims().get(0);
        assertThat(claim.getMentions()).isEqualTo(5 + 1);
        assertThat(claim.getOutlets()).as("the old value's five outlets and the new one").isEqualTo(6);
        assertThat(claim.getSources()).extracting(s -> s.getArticleId()).containsExactly("old-0", "new-1");
        assertThat(claim.getClaimants()).containsExactly("the governor");

        // The punctuation moves the rest, then marks the store moved.
        topology.driver().advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(keys(ClaimsTopology.LEGACY_SUBJECT_STORE)).isEmpty();
        assertThat(keys(ClaimsTopology.SUBJECT_STORE)).containsExactlyInAnyOrder(SUBJECT, "ukraine/drone-downed");
        assertThat(keys(ClaimsTopology.KEY_SCHEME_STORE)).contains(LegacySubjects.LAYOUT);
        assertThat(keys(ClaimsTopology.CLAIM_EXPIRY_STORE)).hasSize(2);
    }

    private TopologyHarness topology(Map<String, ?> settings) {
        topology = new TopologyHarness(registry.url(), stateDir, settings, FIGURE);
        return topology;
    }

    private static Article report(String id, String outlet, int figure, Instant published) {
        // The id in the text: an outlet's articles of one figure are not one text to deduplicate.
        Article a = article(id, outlet, figure + " in article " + id, published);
        a.setTitle("Live: the fighting in the east, what we know so far, and the latest figures from both sides, " + id);
        return a;
    }

    private static SubjectClaims only(List<KeyValue<String, SubjectClaims>> records) {
        assertThat(records).isNotEmpty();
        return records.get(records.size() - 1).value;
    }

    private static Map<String, SubjectClaims> table(List<KeyValue<String, SubjectClaims>> records) {
        return TopologyHarness.table(records);
    }

    private List<String> keys(String store) {
        List<String> keys = new ArrayList<>();
        KeyValueStore<String, Object> kv = topology.driver().getKeyValueStore(store);
        try (KeyValueIterator<String, Object> all = kv.all()) {
            all.forEachRemaining(e -> keys.add(e.key));
        }
        return keys;
    }

    /** A subject as the earlier layout kept it: one claim, {@code outlets} sources of as many outlets. */
    private static SubjectState legacySubject(String subjectKey, int outlets) {
        List<SourceState> sources = new ArrayList<>();
        for (int o = 0; o < outlets; o++) {
            sources.add(new SourceState("old-" + o, "outlet-" + o, "Headline " + o, null, T0.plusSeconds(o), null, "1,150"));
        }
        MentionPosition first = new MentionPosition(T0, "old-0", 0);
        ClaimState claim = ClaimState.newBuilder()
            .setClaimKey(subjectKey + "|1150.0|soldier").setValue(1150).setValueHigh(null).setUnit("soldier").setKind("count")
            .setQualifier("EXACT").setChange(null).setStatedFrom(first).setFirstSeen(T0).setLastSeen(T0.plusSeconds(outlets))
            .setMentions(outlets).setSources(sources).setClaimants(List.of(new ClaimantState("the governor", T0)))
            .build();
        return SubjectState.newBuilder().setSubjectKey(subjectKey).setSubject("soldier killed").setSubjectFrom(first)
            .setClaims(new ArrayList<>(List.of(claim))).setEvictedClaims(0).setKeyScheme(KeyScheme.current().version()).build();
    }
}
