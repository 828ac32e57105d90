package io.claimstream.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import io.claimstream.avro.Article;
import io.claimstream.runtime.ProcessingApplication;
import io.claimstream.topology.ClaimsSettings;
import io.claimstream.topology.ClaimsTopics;
import io.claimstream.topology.ClaimsTopology;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What the processing application keeps as articles keep coming: heap after a full GC, resident
 * memory, the state stores on disk, and the subjects they hold, measured at several article
 * counts. The generated articles cover several days of event time, the claim and dedup retention
 * are set to one day, so the run shows whether what is kept follows the configuration (the last
 * day's subjects) or the number of articles seen.
 */
public final class MemoryBenchmark implements Benchmark {

    static final String APP = "claimstream-bench-memory";
    static final Duration RETENTION = Duration.ofDays(1);
    static final double GROWTH_TARGET = 25;
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration TIMEOUT = Duration.ofMinutes(60);

    /** What was kept after some number of articles. */
    record Snapshot(long articles, long heapBytes, long residentBytes, long stateBytes, long liveSubjects,
                    long countedPairs, long subjectsSeen, long tombstones) {
    }

    @Override
    public List<Metric> run(Scale scale, Path workDir) throws Exception {
        ArticleGenerator generator = new ArticleGenerator(31, START, ArticleGenerator.perDay(scale.memoryArticlesPerDay()), "memory");
        List<Snapshot> snapshots = new ArrayList<>();
        try (BenchCluster cluster = BenchCluster.start(workDir)) {
            Map<String, Object> props = cluster.applicationProperties(APP);
            props.put(ClaimsSettings.CLAIM_RETENTION_MS, RETENTION.toMillis());
            props.put(ClaimsSettings.ARTICLE_DEDUP_RETENTION_MS, RETENTION.toMillis());
            Serializer<Article> serializer = ProcessingApplication.serdes(props).article().serializer();
            try (ProcessingApplication app = ProcessingApplication.create(props).start()) {
                if (!app.awaitRunning(Duration.ofMinutes(2))) {
                    throw new IllegalStateException("the claims application did not reach RUNNING: " + app.state());
                }
                String repartition = APP + "-" + ClaimsTopology.MENTIONS_REPARTITION + "-repartition";
                GroupProgress progress = new GroupProgress(APP, Set.of(ClaimsTopics.ARTICLES, repartition), Set.of(repartition));
                Set<String> seen = ConcurrentHashMap.newKeySet();
                AtomicLong tombstones = new AtomicLong();
                try (CommittedOutput output = new CommittedOutput(cluster.bootstrapServers(), ClaimsTopics.SUBJECT_CLAIMS);
                     KafkaProducer<String, byte[]> producer = cluster.producer("bench-memory")) {
                    output.listen((record, at) -> {
                        seen.add(record.key());
                        if (record.value() == null) {
                            tombstones.incrementAndGet();
                        }
                    });
                    snapshots.add(snapshot(0, app, cluster, seen, tombstones));
                    long produced = 0;
                    for (int checkpoint : scale.memoryCheckpoints()) {
                        produce(producer, serializer, generator.next((int) (checkpoint - produced)));
                        produced = checkpoint;
                        progress.awaitCaughtUp(cluster.admin(), TIMEOUT);
                        output.awaitCaughtUp(cluster.admin(), TIMEOUT);
                        snapshots.add(snapshot(produced, app, cluster, seen, tombstones));
                    }
                }
            }
        }
        return metrics(scale, snapshots);
    }

    private static List<Metric> metrics(Scale scale, List<Snapshot> snapshots) {
        Snapshot last = snapshots.get(snapshots.size() - 1);
        Snapshot half = snapshots.stream().filter(s -> s.articles() >= last.articles() / 2).findFirst().orElseThrow();
        String setup = String.format(Locale.ROOT, "claim and dedup retention %d day, %,d generated articles per day of event time "
            + "(%,d articles = %.1f days); heap of the JVM that also runs the broker and the registry", RETENTION.toDays(),
            scale.memoryArticlesPerDay(), last.articles(), (double) last.articles() / scale.memoryArticlesPerDay());
        List<Metric> metrics = new ArrayList<>();
        metrics.add(Metric.info(String.format(Locale.ROOT, "heap after GC, %,d articles", last.articles()), mb(last.heapBytes()),
            "MB", setup + "; " + series(snapshots, s -> mb(s.heapBytes()), "MB")));
        metrics.add(Metric.info("resident memory (RSS)", mb(last.residentBytes()), "MB",
            "the whole JVM, broker included; RocksDB's block caches and memtables are off-heap, in one budget "
                + "(claimstream.state.memory.bytes, 256 MiB by default): " + series(snapshots, s -> mb(s.residentBytes()), "MB")));
        metrics.add(Metric.info("state stores on disk", mb(last.stateBytes()), "MB", series(snapshots, s -> mb(s.stateBytes()), "MB")));
        metrics.add(Metric.info("live subjects", last.liveSubjects(), "",
            "in the subject store; subjects ever written to claims.by-subject: " + series(snapshots, Snapshot::subjectsSeen, "")
                + "; live: " + series(snapshots, Snapshot::liveSubjects, "") + "; tombstones written: " + last.tombstones()
                + "; (claim, article) pairs counted: " + last.countedPairs()));
        metrics.add(Metric.info("state on disk per 10,000 live subjects", mb(last.stateBytes() * 10_000.0 / Math.max(1, last.liveSubjects())),
            "MB", "all four stores (subjects, counted mentions, article ids and texts) divided by the live subjects"));
        metrics.add(Metric.held(growthName("heap", half, last), growth(half.heapBytes(), last.heapBytes()), "%",
            Target.below(GROWTH_TARGET), "memory bounded by configuration: doubling the articles seen must not grow it"));
        metrics.add(Metric.held(growthName("state on disk", half, last), growth(half.stateBytes(), last.stateBytes()), "%",
            Target.below(GROWTH_TARGET), ""));
        metrics.add(Metric.held(growthName("live subjects", half, last), growth(half.liveSubjects(), last.liveSubjects()), "%",
            Target.below(GROWTH_TARGET), ""));
        metrics.add(Metric.info(growthName("resident memory", half, last), growth(half.residentBytes(), last.residentBytes()), "%", ""));
        metrics.add(Metric.info(growthName("subjects seen", half, last), growth(half.subjectsSeen(), last.subjectsSeen()), "%",
            "for comparison: what an unbounded store would grow by"));
        return metrics;
    }

    private static String growthName(String what, Snapshot from, Snapshot to) {
        return String.format(Locale.ROOT, "%s growth, %,dk to %,dk articles", what, from.articles() / 1000, to.articles() / 1000);
    }

    private static double growth(long from, long to) {
        return from == 0 ? 0 : 100.0 * (to - from) / from;
    }

    private static String series(List<Snapshot> snapshots, java.util.function.ToDoubleFunction<Snapshot> value, String unit) {
        StringBuilder out = new StringBuilder();
        for (Snapshot s : snapshots) {
            out.append(out.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,d: %,.0f%s", s.articles(),
                value.applyAsDouble(s), unit.isEmpty() ? "" : " " + unit));
        }
        return out.toString();
    }

    private static double mb(double bytes) {
        return bytes / 1024 / 1024;
    }

    private static void produce(KafkaProducer<String, byte[]> producer, Serializer<Article> serializer, List<Article> articles) {
        AtomicReference<Exception> failed = new AtomicReference<>();
        for (Article a : articles) {
            producer.send(new ProducerRecord<>(ClaimsTopics.ARTICLES, a.getId(), serializer.serialize(ClaimsTopics.ARTICLES, a)),
                (metadata, e) -> {
                    if (e != null) {
                        failed.compareAndSet(null, e);
                    }
                });
        }
        producer.flush();
        if (failed.get() != null) {
            throw new IllegalStateException("producing articles failed", failed.get());
        }
    }

    private static Snapshot snapshot(long articles, ProcessingApplication app, BenchCluster cluster, Set<String> seen,
                                     AtomicLong tombstones) throws IOException, InterruptedException {
        long heap = heapAfterGc();
        return new Snapshot(articles, heap, residentBytes(), directoryBytes(cluster.stateDir(APP)),
            count(app, ClaimsTopology.SUBJECT_STORE), count(app, ClaimsTopology.COUNTED_STORE), seen.size(), tombstones.get());
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return 0;
    }

    private static long directoryBytes(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // RocksDB deleted it while we walked
                }
            }).sum();
        }
    }

    private static long count(ProcessingApplication app, String store) {
        ReadOnlyKeyValueStore<String, Object> view = app.streams().store(
            StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()));
        long n = 0;
        try (KeyValueIterator<String, Object> all = view.all()) {
            while (all.hasNext()) {
                all.next();
                n++;
            }
        }
        return n;
    }
}
