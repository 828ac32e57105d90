package io.claimstream.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.claimstream.avro.Article;
import io.claimstream.extract.ArticleText;
import io.claimstream.extract.ClaimExtractor;
import io.claimstream.registry.EmbeddedSchemaRegistry;
import io.claimstream.registry.InMemoryRegistry;
import io.claimstream.registry.RegistryClientConfig;
import io.claimstream.runtime.ProcessingApplication;
import io.claimstream.topology.ArticleTime;
import io.claimstream.topology.ClaimsSerdes;
import io.claimstream.topology.ClaimsSettings;
import io.claimstream.topology.ClaimsTopics;
import io.claimstream.topology.ClaimsTopology;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Articles per second through the whole claims topology in a {@link TopologyTestDriver}, as the
 * topology tests run it: the application's Streams properties, registry serdes against a
 * registry over loopback HTTP, RocksDB stores. Articles are serialized before the clock starts.
 *
 * <p>The driver commits (and so flushes every store) after each record, which a running
 * application does every commit interval: this is a lower bound of what the topology's code
 * sustains on one thread. The same articles through the extractor alone say how much of the
 * time extraction takes.
 */
public final class TopologyThroughput implements Benchmark {

    private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");
    private static final int ARTICLES_PER_DAY = 25_000;

    @Override
    public List<Metric> run(Scale scale, Path workDir) throws Exception {
        ArticleGenerator generator = new ArticleGenerator(11, START, ArticleGenerator.perDay(ARTICLES_PER_DAY), "topology");
        List<Article> warmup = generator.next(scale.topologyWarmup());
        List<Article> measured = generator.next(scale.topologyArticles());
        try (EmbeddedSchemaRegistry registry = InMemoryRegistry.start();
             Driven driven = new Driven(registry.url(), workDir.resolve("state"))) {
            Counts warm = driven.pipe(driven.serialize(warmup));
            List<KeyValue<String, byte[]>> values = driven.serialize(measured);
            long started = System.nanoTime();
            Counts counts = driven.pipe(values);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (warm.subjectUpdates == 0 || counts.subjectUpdates == 0) {
                throw new IllegalStateException("the topology wrote no subject update for " + measured.size() + " articles");
            }
            double extractionSeconds = extractionSeconds(measured);
            double megabytes = textBytes(measured) / 1e6;
            String what = String.format(Locale.ROOT, "%d generated articles (%.0f bytes of text each on average) after %d to warm up; "
                    + "%d claims.by-subject updates (%.1f per article, %.0f bytes each on average), %d news.claims records, "
                    + "%d dead letters; the driver commits after every record",
                measured.size(), megabytes * 1e6 / measured.size(), warmup.size(), counts.subjectUpdates,
                (double) counts.subjectUpdates / measured.size(), (double) counts.subjectBytes / counts.subjectUpdates,
                counts.claims, counts.deadLetters);
            return List.of(
                Metric.info("topology (TopologyTestDriver)", measured.size() / seconds, "articles/s", what),
                Metric.info("topology text", megabytes / seconds, "MB/s", ""),
                Metric.info("extraction alone, same articles", measured.size() / extractionSeconds, "articles/s",
                    String.format(Locale.ROOT, "extraction is %.0f%% of the topology's time per article",
                        100 * extractionSeconds / seconds)));
        }
    }

    /** Seconds the extractor alone takes for the articles (after one pass to warm up). */
    private static double extractionSeconds(List<Article> articles) {
        ClaimExtractor extractor = new ClaimExtractor();
        List<ArticleText> texts = new ArrayList<>();
        for (Article a : articles) {
            texts.add(new ArticleText(a.getId(), a.getTitle(), a.getText(), ArticleTime.of(a), a.getLink(), a.getSource()));
        }
        texts.forEach(extractor::extract);
        long started = System.nanoTime();
        texts.forEach(extractor::extract);
        return (System.nanoTime() - started) / 1e9;
    }

    static long textBytes(List<Article> articles) {
        long bytes = 0;
        for (Article a : articles) {
            bytes += a.getText().getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }

    /** What the topology wrote for some input. */
    record Counts(long subjectUpdates, long subjectBytes, long claims, long deadLetters) {
    }

    /** The claims topology in a test driver, with the application's properties and serdes. */
    static final class Driven implements AutoCloseable {

        private final TopologyTestDriver driver;
        private final Serializer<Article> articleSerializer;
        private final TestInputTopic<String, byte[]> articles;
        private final TestOutputTopic<String, byte[]> subjects;
        private final TestOutputTopic<String, byte[]> claims;
        private final TestOutputTopic<byte[], byte[]> deadLetters;
        private final Duration emitInterval;

        Driven(String registryUrl, Path stateDir) {
            Map<String, Object> props = new HashMap<>();
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "test-driver:9092");
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "claimstream-bench-topology");
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            props.put(RegistryClientConfig.SCHEMA_REGISTRY_URL, registryUrl);
            // bench/run --set applies here as to the broker benchmarks (the driver's own keys above stay).
            BenchCluster.overrides().forEach(props::putIfAbsent);
            ClaimsSerdes serdes = ProcessingApplication.serdes(props);
            articleSerializer = serdes.article().serializer();
            ClaimsSettings settings = ClaimsSettings.from(props);
            emitInterval = settings.subjectEmitInterval();
            driver = new TopologyTestDriver(ClaimsTopology.build(settings, new ClaimExtractor(), serdes),
                ProcessingApplication.streamsProperties(props));
            articles = driver.createInputTopic(ClaimsTopics.ARTICLES, new StringSerializer(), new ByteArraySerializer());
            subjects = driver.createOutputTopic(ClaimsTopics.SUBJECT_CLAIMS, new StringDeserializer(), new ByteArrayDeserializer());
            claims = driver.createOutputTopic(ClaimsTopics.CLAIMS, new StringDeserializer(), new ByteArrayDeserializer());
            deadLetters = driver.createOutputTopic(ClaimsTopics.DEAD_LETTERS, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }

        /** Records as the ingester writes them: key = article id. */
        List<KeyValue<String, byte[]>> serialize(List<Article> list) {
            List<KeyValue<String, byte[]>> records = new ArrayList<>(list.size());
            list.forEach(a -> records.add(KeyValue.pair(a.getId(), articleSerializer.serialize(ClaimsTopics.ARTICLES, a))));
            return records;
        }

        /** Pipes the serialized articles in, draining the outputs as a consumer would. */
        Counts pipe(List<KeyValue<String, byte[]>> records) {
            long updates = 0;
            long updateBytes = 0;
            long firstSeen = 0;
            long dead = 0;
            int i = 0;
            long clock = System.nanoTime();
            for (KeyValue<String, byte[]> record : records) {
                articles.pipeInput(record.key, record.value);
                // The driver's wall clock stands still unless moved: move it as the real one moves,
                // so that changed subjects are written as often as a running application writes them.
                long now = System.nanoTime();
                driver.advanceWallClockTime(Duration.ofNanos(now - clock));
                clock = now;
                if (++i % 500 == 0 || i == records.size()) {
                    if (i == records.size()) {
                        // The subjects changed since the last emit are written within one interval, as a
                        // running application writes them: a batch piped in faster than that (a smoke run's
                        // 20 articles) would otherwise write none.
                        driver.advanceWallClockTime(emitInterval);
                    }
                    for (var update : subjects.readRecordsToList()) {
                        updates++;
                        updateBytes += update.value() == null ? 0 : update.value().length;
                    }
                    firstSeen += claims.readRecordsToList().size();
                    dead += deadLetters.readRecordsToList().size();
                    drainChangelogs();
                }
            }
            return new Counts(updates, updateBytes, firstSeen, dead);
        }

        /** The driver keeps every record written, changelogs included, until read: drop them so memory stays flat. */
        private void drainChangelogs() {
            for (String topic : driver.producedTopicNames()) {
                if (topic.endsWith("-changelog")) {
                    driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
                }
            }
        }

        @Override
        public void close() {
            driver.close();
        }
    }
}
