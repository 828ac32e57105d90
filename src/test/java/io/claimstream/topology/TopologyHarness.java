package io.claimstream.topology;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import io.claimstream.avro.Article;
import io.claimstream.avro.NumericClaim;
import io.claimstream.avro.SubjectClaims;
import io.claimstream.extract.ArticleText;
import io.claimstream.extract.ClaimExtractor;
import io.claimstream.registry.RegistryClientConfig;
import io.claimstream.runtime.ProcessingApplication;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The claims topology in a {@link TopologyTestDriver}, with the application's own Streams
 * properties (exactly-once, dead-letter handlers) and registry serdes against a real registry
 * over loopback HTTP.
 */
public final class TopologyHarness implements AutoCloseable {

    /** One extractor for all tests: loading its lexicons is the slow part. */
    public static final ClaimExtractor EXTRACTOR = new ClaimExtractor();

    private final TopologyTestDriver driver;
    private final ClaimsSerdes serdes;
    private final TestInputTopic<String, Article> articles;
    private final TestInputTopic<String, byte[]> rawArticles;
    private final TestOutputTopic<String, byte[]> subjectClaims;
    private final TestOutputTopic<String, NumericClaim> claims;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final Duration emitInterval;

    public TopologyHarness(String registryUrl, Path stateDir, Map<String, ?> settings) {
        this(registryUrl, stateDir, settings, EXTRACTOR::extract);
    }

    public TopologyHarness(String registryUrl, Path stateDir, Map<String, ?> settings,
                           Function<ArticleText, List<io.claimstream.extract.NumericClaim>> extractor) {
        this(registryUrl, stateDir, settings, extractor, null);
    }

    /** With {@code replacement} in place of the serdes of the registry at {@code registryUrl}, when not null. */
    public TopologyHarness(String registryUrl, Path stateDir, Map<String, ?> settings,
                           Function<ArticleText, List<io.claimstream.extract.NumericClaim>> extractor, ClaimsSerdes replacement) {
        this(registryUrl, stateDir, settings, extractor, replacement, KeyScheme.current());
    }

    /** Keying subjects under {@code keyScheme}. */
    TopologyHarness(String registryUrl, Path stateDir, Map<String, ?> settings,
                    Function<ArticleText, List<io.claimstream.extract.NumericClaim>> extractor, ClaimsSerdes replacement,
                    KeyScheme keyScheme) {
        Map<String, Object> props = new LinkedHashMap<>(settings);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "test-driver:9092");
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "claims-topology-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(RegistryClientConfig.SCHEMA_REGISTRY_URL, registryUrl);
        Properties streamsProps = ProcessingApplication.streamsProperties(props);
        serdes = replacement != null ? replacement : ProcessingApplication.serdes(props);
        ClaimsSettings claimsSettings = ClaimsSettings.from(props);
        emitInterval = claimsSettings.subjectEmitInterval();
        driver = new TopologyTestDriver(ClaimsTopology.build(claimsSettings, extractor, serdes, keyScheme), streamsProps);
        articles = driver.createInputTopic(ClaimsTopics.ARTICLES, new StringSerializer(), serdes.article().serializer());
        rawArticles = driver.createInputTopic(ClaimsTopics.ARTICLES, new StringSerializer(), new ByteArraySerializer());
        subjectClaims = driver.createOutputTopic(ClaimsTopics.SUBJECT_CLAIMS, new StringDeserializer(),
            new ByteArrayDeserializer());
        claims = driver.createOutputTopic(ClaimsTopics.CLAIMS, new StringDeserializer(), serdes.claim().deserializer());
        deadLetters = driver.createOutputTopic(ClaimsTopics.DEAD_LETTERS, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Publishes each article one emit interval after the one before, so each article's changes are written on their own. */
    public void publish(Article... published) {
        for (Article a : published) {
            articles.pipeInput(a.getId(), a);
            driver.advanceWallClockTime(emitInterval);
        }
    }

    /** Publishes the articles all within one emit interval, then lets it pass. */
    public void publishAtOnce(Article... published) {
        for (Article a : published) {
            articles.pipeInput(a.getId(), a);
        }
        driver.advanceWallClockTime(emitInterval);
    }

    /** Publishes the articles and lets no time pass: the subjects they change stay pending, unwritten. */
    public void publishWithoutWaiting(Article... published) {
        for (Article a : published) {
            articles.pipeInput(a.getId(), a);
        }
    }

    public void publishRaw(String key, byte[] value) {
        rawArticles.pipeInput(key, value);
        driver.advanceWallClockTime(emitInterval);
    }

    /**
     * The claims.by-subject records written since the last call, in order. Values are read as
     * bytes first: a null value here is a null on the wire (a real tombstone), since an empty or
     * otherwise unreadable value would fail to decode.
     */
    public List<KeyValue<String, SubjectClaims>> subjectRecords() {
        List<KeyValue<String, SubjectClaims>> records = new ArrayList<>();
        for (KeyValue<String, byte[]> raw : subjectClaims.readKeyValuesToList()) {
            records.add(KeyValue.pair(raw.key, serdes.subjectClaims().deserializer().deserialize(ClaimsTopics.SUBJECT_CLAIMS, raw.value)));
        }
        return records;
    }

    /** The claims.by-subject records written since the last call, in order, with their headers; a null value is a tombstone. */
    public List<TestRecord<String, SubjectClaims>> subjectRecordsWithHeaders() {
        List<TestRecord<String, SubjectClaims>> records = new ArrayList<>();
        for (TestRecord<String, byte[]> raw : subjectClaims.readRecordsToList()) {
            records.add(new TestRecord<>(raw.key(),
                serdes.subjectClaims().deserializer().deserialize(ClaimsTopics.SUBJECT_CLAIMS, raw.value()), raw.headers(),
                raw.getRecordTime()));
        }
        return records;
    }

    /** The news.claims records written since the last call, in order. */
    public List<KeyValue<String, NumericClaim>> claimRecords() {
        return claims.readKeyValuesToList();
    }

    public List<TestRecord<byte[], byte[]>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    /** claims.by-subject as a consumer of the compacted topic sees it: the latest value per key, tombstones removing. */
    public static Map<String, SubjectClaims> table(List<KeyValue<String, SubjectClaims>> records) {
        Map<String, SubjectClaims> table = new LinkedHashMap<>();
        for (KeyValue<String, SubjectClaims> r : records) {
            if (r.value == null) {
                table.remove(r.key);
            } else {
                table.put(r.key, r.value);
            }
        }
        return table;
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    public ClaimsSerdes serdes() {
        return serdes;
    }

    @Override
    public void close() {
        driver.close();
    }
}
