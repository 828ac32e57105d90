package io.claimstream.topology;

import static io.claimstream.topology.TestArticles.article;
import static io.claimstream.topology.TopologyHarness.EXTRACTOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.claimstream.avro.SourceRef;
import io.claimstream.avro.SubjectClaims;
import io.claimstream.avro.internal.ClaimMention;
import io.claimstream.avro.internal.SubjectHead;
import io.claimstream.extract.ArticleText;
import io.claimstream.extract.NumericClaim;
import io.claimstream.extract.SubjectKeyScheme;
import io.claimstream.registry.EmbeddedSchemaRegistry;
import io.claimstream.registry.InMemoryRegistry;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrading a running deployment to new subject-key rules: the topology first runs keying
 * subjects under scheme 1, then restarts on that state under scheme 2, as an application
 * upgraded to rules that key subjects otherwise.
 *
 * <p>A {@link TopologyTestDriver} deletes its state directory when it closes, so the restart
 * carries the state over as Kafka Streams does when an instance restores its stores from their
 * changelogs: the stores' contents are copied into the restarted driver before it processes
 * anything.
 */
class KeySchemeUpgradeTest {

    private static final Instant T0 = Instant.parse("2025-02-14T08:40:00Z");
    private static final String DAILY = "Russia lost 1,150 troops over the past day, the General Staff said.";
    private static final String DAILY_AGAIN = "The General Staff said Russia lost 1150 soldiers in the past day.";
    private static final String DRONES = "Ukraine's air force said it shot down 45 drones overnight.";
    private static final String KILLED = "The storm killed 27 people in the Philippines, disaster officials said.";
    private static final String RATE = "The National Bank of Ukraine raised its key rate to 15.5%, the bank said.";
    private static final String RATE_LATER = "The National Bank of Ukraine raised its key rate to 16.5%, the bank said.";
    private static final String TOTAL = "Russia has lost 855,470 troops since the start of the invasion, the General Staff said.";
    private static final List<String> AGGREGATOR_STORES = List.of(ClaimsTopology.SUBJECT_STORE, ClaimsTopology.CLAIM_STORE,
        ClaimsTopology.COUNTED_STORE, ClaimsTopology.PENDING_STORE, ClaimsTopology.CLAIM_EXPIRY_STORE,
        ClaimsTopology.KEY_SCHEME_STORE, ClaimsTopology.LEGACY_SUBJECT_STORE, ClaimsTopology.LEGACY_EXPIRY_STORE);
    private static final List<String> DEDUP_STORES = List.of(ClaimsTopology.ARTICLE_ID_STORE, ClaimsTopology.ARTICLE_TEXT_STORE);
    /** Small, so that the upgrade takes several punctuations. */
    private static final int BATCH = 2;

    @TempDir
    Path before;
    @TempDir
    Path after;

    private EmbeddedSchemaRegistry registry;
    private final List<TopologyHarness> harnesses = new ArrayList<>();

    @BeforeEach
    void startRegistry() {
        registry = InMemoryRegistry.start();
    }

    @AfterEach
    void stop() {
        harnesses.forEach(TopologyHarness::close);
        registry.close();
    }

    @Test
    void theCurrentSchemeIsSix() {
        assertThat(SubjectKeyScheme.VERSION).isEqualTo(6);
        assertThat(KeyScheme.current().version()).isEqualTo(SubjectKeyScheme.VERSION);
    }

    @Test
    void afterTheUpgradeNoSubjectUnderAnOldSchemeKeyRemainsAndNewSubjectsAreWrittenNormally() {
        // Scheme 1 keys subjects as the extractor does today; scheme 2 keys them otherwise, except
        // the bank's rate, whose key both schemes happen to build.
        String rateKey = onlyKey(RATE);
        Function<ArticleText, List<NumericClaim>> scheme2 = rekeyed(key -> key.equals(rateKey) ? key : "v2-" + key);

        TopologyHarness old = harness(before, EXTRACTOR::extract, 1);
        old.publish(article("kw-1", "kyiv-wire", DAILY, T0),
            article("kw-2", "kyiv-wire", DRONES, T0.plusSeconds(60)),
            article("cp-1", "continental-post", KILLED, T0.plusSeconds(120)),
            article("nb-1", "bank-news", RATE, T0.plusSeconds(180)),
            article("kw-3", "kyiv-wire", TOTAL, T0.plusSeconds(240)));
        List<TestRecord<String, SubjectClaims>> written = old.subjectRecordsWithHeaders();
        Set<String> oldKeys = new LinkedHashSet<>();
        written.forEach(r -> oldKeys.add(r.key()));
        assertThat(oldKeys).as("premise: several subjects under scheme 1, the rate's among them")
            .hasSizeGreaterThan(BATCH + 1).contains(rateKey);
        assertThat(written).allSatisfy(r -> assertThat(keyScheme(r.headers())).isEqualTo("1"));

        TopologyHarness upgraded = restart(old, after, scheme2, 2);
        assertThat(subjects(upgraded).keySet()).as("premise: the restarted instance has the scheme-1 subjects")
            .containsExactlyInAnyOrderElementsOf(oldKeys);

        // Before the upgrade has reached it, the rate's subject is mentioned under scheme 2: the
        // new subject replaces the old one rather than adding to it.
        upgraded.publish(article("nb-2", "bank-news", RATE_LATER, T0.plusSeconds(3600)),
            article("cp-2", "continental-post", DAILY_AGAIN, T0.plusSeconds(3660)));
        for (int i = 0; i < oldKeys.size(); i++) {
            upgraded.driver().advanceWallClockTime(Duration.ofSeconds(1));
        }

        List<TestRecord<String, SubjectClaims>> records = upgraded.subjectRecordsWithHeaders();
        Map<String, TestRecord<String, SubjectClaims>> last = new LinkedHashMap<>();
        records.forEach(r -> last.put(r.key(), r));
        Set<String> oldOnly = new LinkedHashSet<>(oldKeys);
        oldOnly.remove(rateKey);
        for (String key : oldOnly) {
            assertThat(last).as("a record for the old key %s", key).containsKey(key);
            assertThat(last.get(key).value()).as("the last record of the old key %s is a tombstone", key).isNull();
            assertThat(keyScheme(last.get(key).headers())).as("the tombstone of %s names its scheme", key).isEqualTo("1");
        }

        // The new subjects: written under scheme 2, with only what was said under it.
        String dailyKey = "v2-" + onlyKey(DAILY_AGAIN);
        assertThat(last.get(dailyKey).value()).isNotNull();
        assertThat(keyScheme(last.get(dailyKey).headers())).isEqualTo("2");
        assertThat(last.get(dailyKey).value().getClaims()).singleElement()
            .satisfies(c -> assertThat(c.getSources()).extracting(SourceRef::getArticleId).containsExactly("cp-2"));
        SubjectClaims rate = last.get(rateKey).value();
        assertThat(rate).as("the rate's key is also a scheme-2 key: it holds the new subject").isNotNull();
        assertThat(keyScheme(last.get(rateKey).headers())).isEqualTo("2");
        assertThat(rate.getClaims()).as("nothing of the scheme-1 subject is merged into the new one").singleElement()
            .satisfies(c -> assertThat(c.getSources()).extracting(SourceRef::getArticleId).containsExactly("nb-2"));
        assertThat(records).filteredOn(r -> r.value() != null)
            .allSatisfy(r -> assertThat(keyScheme(r.headers())).isEqualTo("2"));
        assertThat(upgraded.driver().createOutputTopic(ClaimsTopics.CLAIMS, new StringDeserializer(), new ByteArrayDeserializer())
            .readRecordsToList()).as("news.claims records of the new subjects")
            .hasSize(2).allSatisfy(r -> assertThat(keyScheme(r.headers())).isEqualTo("2"));

        // The store holds scheme-2 subjects only, and nothing is left of the old ones.
        Map<String, SubjectHead> stored = subjects(upgraded);
        assertThat(stored.keySet()).containsExactlyInAnyOrder(dailyKey, rateKey);
        assertThat(stored.values()).allSatisfy(s -> assertThat(s.getKeyScheme()).isEqualTo(2));
        assertThat(keys(upgraded.driver().getKeyValueStore(ClaimsTopology.COUNTED_STORE)))
            .as("counted articles (and outlet markers) of the old subjects are gone")
            .extracting(pair -> pair.substring(pair.indexOf('\u0000') + 1))
            .filteredOn(counted -> counted.charAt(0) > '\u0002')
            .containsExactlyInAnyOrder("cp-2", "nb-2");
        assertThat(keys(upgraded.driver().getKeyValueStore(ClaimsTopology.CLAIM_STORE))).hasSize(2);
        assertThat(keys(upgraded.driver().getKeyValueStore(ClaimsTopology.CLAIM_EXPIRY_STORE))).hasSize(2);
        assertThat(keys(upgraded.driver().getKeyValueStore(ClaimsTopology.PENDING_STORE))).isEmpty();

        // Done once: later punctuations and a further restart write nothing more.
        upgraded.driver().advanceWallClockTime(Duration.ofSeconds(10));
        assertThat(upgraded.subjectRecords()).isEmpty();
        TopologyHarness again = restart(upgraded, before, scheme2, 2);
        again.driver().advanceWallClockTime(Duration.ofSeconds(10));
        assertThat(again.subjectRecords()).isEmpty();
        assertThat(subjects(again).keySet()).containsExactlyInAnyOrder(dailyKey, rateKey);
    }

    @Test
    void mentionsKeyedBeforeTheUpgradeAndStillInTheRepartitionTopicAreDropped() {
        TopologyHarness upgraded = harness(before, EXTRACTOR::extract, 2);
        ClaimMention keyedBefore = ClaimMention.newBuilder()
            .setSubjectKey("russia/soldier/lost").setSubject("soldier lost (russia)").setClaimKey("russia/soldier/lost=1150")
            .setValue(1150).setUnit("soldier").setKind("count").setQualifier("EXACT").setSpan("1,150 troops").setStart(0)
            .setArticleId("kw-1").setSource("kyiv-wire").setPublished(T0)
            .build();
        TestInputTopic<String, ClaimMention> repartition = upgraded.driver().createInputTopic(
            "claims-topology-test-" + ClaimsTopology.MENTIONS_REPARTITION + "-repartition",
            new StringSerializer(), InternalAvroSerde.of(ClaimMention.class).serializer(), T0, Duration.ZERO);

        // Written by the earlier version: no header.
        repartition.pipeInput("russia/soldier/lost", keyedBefore);
        upgraded.driver().advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(upgraded.subjectRecords()).isEmpty();
        assertThat(subjects(upgraded)).isEmpty();

        // The same mention keyed by this version counts.
        TestRecord<String, ClaimMention> current = new TestRecord<>("russia/soldier/lost", keyedBefore);
        current.headers().add(ClaimsTopology.KEY_SCHEME_HEADER, "2".getBytes(StandardCharsets.US_ASCII));
        repartition.pipeInput(current);
        upgraded.driver().advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(upgraded.subjectRecords()).extracting(kv -> kv.key).containsExactly("russia/soldier/lost");
    }

    private TopologyHarness harness(Path stateDir, Function<ArticleText, List<NumericClaim>> extractor, int scheme) {
        TopologyHarness harness = new TopologyHarness(registry.url(), stateDir, Map.of(), extractor, null,
            new KeyScheme(scheme, BATCH));
        harnesses.add(harness);
        return harness;
    }

    /** A restart of {@code running} under {@code scheme}, on its state. */
    private TopologyHarness restart(TopologyHarness running, Path stateDir,
                                    Function<ArticleText, List<NumericClaim>> extractor, int scheme) {
        TopologyHarness restarted = harness(stateDir, extractor, scheme);
        for (String name : AGGREGATOR_STORES) {
            copy(running.driver().getKeyValueStore(name), restarted.driver().getKeyValueStore(name));
        }
        for (String name : DEDUP_STORES) {
            WindowStore<Object, Object> to = restarted.driver().getWindowStore(name);
            try (KeyValueIterator<Windowed<Object>, Object> all = running.driver().getWindowStore(name).all()) {
                all.forEachRemaining(kv -> to.put(kv.key.key(), kv.value, kv.key.window().start()));
            }
        }
        running.close();
        harnesses.remove(running);
        return restarted;
    }

    private static void copy(KeyValueStore<Object, Object> from, KeyValueStore<Object, Object> to) {
        try (KeyValueIterator<Object, Object> all = from.all()) {
            all.forEachRemaining(kv -> to.put(kv.key, kv.value));
        }
    }

    private static Map<String, SubjectHead> subjects(TopologyHarness harness) {
        Map<String, SubjectHead> subjects = new LinkedHashMap<>();
        KeyValueStore<String, SubjectHead> store = harness.driver().getKeyValueStore(ClaimsTopology.SUBJECT_STORE);
        try (KeyValueIterator<String, SubjectHead> all = store.all()) {
            all.forEachRemaining(kv -> subjects.put(kv.key, kv.value));
        }
        return subjects;
    }

    private static List<String> keys(KeyValueStore<String, ?> store) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, ?> all = store.all()) {
            all.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }

    private static String keyScheme(Headers headers) {
        Header header = headers.lastHeader(ClaimsTopology.KEY_SCHEME_HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
    }

    /** The extractor, with subject keys (and the claim keys built on them) rewritten by {@code rekey}. */
    private static Function<ArticleText, List<NumericClaim>> rekeyed(Function<String, String> rekey) {
        return text -> EXTRACTOR.extract(text).stream().map(c -> {
            String key = rekey.apply(c.subjectKey());
            return new NumericClaim(c.start(), c.end(), c.span(), c.sentence(), c.value(), c.valueHigh(), c.unit(), c.kind(),
                c.qualifier(), c.change(), c.claimant(), c.subject(), key, key + c.claimKey().substring(c.subjectKey().length()));
        }).toList();
    }

    private static String onlyKey(String text) {
        List<NumericClaim> claims = EXTRACTOR.extract(new ArticleText("premise", null, text, T0, null, "premise"));
        assertThat(claims).as("premise: one claim in %s", text).hasSize(1);
        return claims.get(0).subjectKey();
    }
}
