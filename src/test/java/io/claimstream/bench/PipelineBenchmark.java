package io.claimstream.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.claimstream.avro.Article;
import io.claimstream.runtime.ProcessingApplication;
import io.claimstream.topology.ArticleTime;
import io.claimstream.topology.ClaimsTopics;
import io.claimstream.topology.ClaimsTopology;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The processing application on the in-process KRaft broker under exactly_once_v2, with all
 * Streams settings at claimstream's defaults:
 *
 * <ul>
 * <li>throughput: N articles produced (as the ingester's producer does), and the time from the
 * first send until the last claims.by-subject update is visible to a read_committed consumer;
 * <li>the same for a pass-through application on the same broker (articles read and written to
 * another topic with the same serdes and settings): the ceiling the broker and Kafka Streams set;
 * <li>latency: articles produced at a steady rate, and for each the time from its send until a
 * claims.by-subject record listing it among a claim's sources is visible.
 * </ul>
 */
public final class PipelineBenchmark implements Benchmark {

    static final String CLAIMS_APP = "claimstream-bench";
    static final String PASS_THROUGH_APP = "claimstream-bench-pass-through";
    static final String PASS_THROUGH_IN = "bench.articles";
    static final String PASS_THROUGH_OUT = "bench.articles-copy";
    /** About what 2,000 feeds publish in a day: sets the event times, so dedup windows hold what they would. */
    private static final int ARTICLES_PER_DAY = 40_000;
    private static final int PARTITIONS = 6;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    static final double RATIO_TARGET = 50;
    static final double P99_TARGET_MS = 1_000;

    /** One measured batch: how many records, how long producing them took, and until the last output was visible. */
    record Round(int articles, long textBytes, double produceSeconds, double seconds, long outputs, Map<String, Long> bytesWritten,
                 CpuTime.Used cpu) {
        double articlesPerSecond() {
            return articles / seconds;
        }
    }

    @Override
    public List<Metric> run(Scale scale, Path workDir) throws Exception {
        Duration spacing = ArticleGenerator.perDay(ARTICLES_PER_DAY);
        int total = scale.pipelineWarmup() + scale.pipelineArticles();
        // Published up to now, so that the paced articles of the latency run, published now, follow on.
        ArticleGenerator generator = new ArticleGenerator(21, Instant.now().minus(spacing.multipliedBy(total)), spacing, "pipeline");
        List<Article> warmup = generator.next(scale.pipelineWarmup());
        List<Article> measured = generator.next(scale.pipelineArticles());
        int paced = (int) (scale.latencyRate() * scale.latencyDuration().toSeconds());
        List<Article> latencyArticles = new ArticleGenerator(22, Instant.now(), spacing, "latency").next(paced);
        List<Metric> metrics = new ArrayList<>();
        try (BenchCluster cluster = BenchCluster.start(workDir)) {
            Serializer<Article> serializer = ProcessingApplication.serdes(cluster.applicationProperties(CLAIMS_APP)).article().serializer();
            List<KeyValue<String, byte[]>> warmupRecords = serialize(serializer, warmup);
            List<KeyValue<String, byte[]>> measuredRecords = serialize(serializer, measured);
            long textBytes = TopologyThroughput.textBytes(measured);

            Round passThrough = passThrough(cluster, warmupRecords, measuredRecords, textBytes);
            Round endToEnd;
            LatencyProbe.Result latency;
            LatencyProbe.Result sustainedLatency = null;
            Map<String, Object> props = cluster.applicationProperties(CLAIMS_APP);
            try (ProcessingApplication app = ProcessingApplication.create(props).start()) {
                if (!app.awaitRunning(Duration.ofMinutes(2))) {
                    throw new IllegalStateException("the claims application did not reach RUNNING: " + app.state());
                }
                String repartition = CLAIMS_APP + "-" + ClaimsTopology.MENTIONS_REPARTITION + "-repartition";
                GroupProgress progress = new GroupProgress(CLAIMS_APP, Set.of(ClaimsTopics.ARTICLES, repartition), Set.of(repartition));
                try (CommittedOutput output = new CommittedOutput(cluster.bootstrapServers(), ClaimsTopics.SUBJECT_CLAIMS);
                     CommittedOutput firstSeen = new CommittedOutput(cluster.bootstrapServers(), ClaimsTopics.CLAIMS);
                     KafkaProducer<String, byte[]> producer = cluster.producer("bench-articles")) {
                    round(cluster, producer, progress, output, ClaimsTopics.ARTICLES, warmupRecords, 0, CLAIMS_APP);
                    endToEnd = round(cluster, producer, progress, output, ClaimsTopics.ARTICLES, measuredRecords, textBytes, CLAIMS_APP);
                    // First at a rate the application sustains, if 1,000/s is more: the latency that
                    // commits and the topology's work give, apart from any backlog.
                    int sustained = (int) Math.min(scale.latencyRate(), endToEnd.articlesPerSecond() / 2);
                    if (sustained >= 1 && sustained < scale.latencyRate()) {
                        Duration half = scale.latencyDuration().dividedBy(2);
                        List<Article> articles = new ArticleGenerator(23, Instant.now(), spacing, "latency-sustained")
                            .next((int) Math.max(1, sustained * half.toSeconds()));
                        sustainedLatency = paced(cluster, props, producer, serializer, progress, firstSeen, articles, sustained,
                            latencyWait(scale));
                    }
                    latency = paced(cluster, props, producer, serializer, progress, firstSeen, latencyArticles,
                        scale.latencyRate(), latencyWait(scale));
                }
            }
            if (endToEnd.outputs() == 0 || passThrough.outputs() != measured.size()) {
                throw new IllegalStateException("inconsistent outputs: " + endToEnd.outputs() + " subject updates, "
                    + passThrough.outputs() + " of " + measured.size() + " articles passed through");
            }
            metrics.add(Metric.info("pass-through, exactly_once_v2", passThrough.articlesPerSecond(), "articles/s",
                describe(passThrough, "records copied")));
            metrics.add(Metric.info("end to end, exactly_once_v2", endToEnd.articlesPerSecond(), "articles/s",
                describe(endToEnd, "claims.by-subject updates")));
            metrics.add(Metric.info("end to end text", endToEnd.textBytes() / 1e6 / endToEnd.seconds(), "MB/s", ""));
            metrics.add(Metric.info("stream thread CPU per article, pass-through", passThrough.cpu().streamThreadMillisPer(passThrough.articles()),
                "ms", CpuTime.DESCRIPTION));
            metrics.add(Metric.info("stream thread CPU per article, end to end", endToEnd.cpu().streamThreadMillisPer(endToEnd.articles()),
                "ms", ""));
            metrics.add(Metric.info("process CPU per article, pass-through", passThrough.cpu().processMillisPer(passThrough.articles()),
                "ms", ""));
            metrics.add(Metric.info("process CPU per article, end to end", endToEnd.cpu().processMillisPer(endToEnd.articles()),
                "ms", ""));
            metrics.add(Metric.held("end to end / pass-through", 100 * endToEnd.articlesPerSecond() / passThrough.articlesPerSecond(),
                "%", Target.atLeast(RATIO_TARGET), ""));
            metrics.add(Metric.info("latency p50", latency.p50Millis(), "ms", latency.describe()));
            metrics.add(Metric.held("latency p99", latency.p99Millis(), "ms", Target.below(P99_TARGET_MS), ""));
            metrics.add(Metric.info("latency max", latency.maxMillis(), "ms", ""));
            if (sustainedLatency != null) {
                metrics.add(Metric.info("latency p50, " + sustainedLatency.rate() + "/s", sustainedLatency.p50Millis(), "ms",
                    "at half the measured throughput: " + sustainedLatency.describe()));
                metrics.add(Metric.info("latency p99, " + sustainedLatency.rate() + "/s", sustainedLatency.p99Millis(), "ms", ""));
            }
            return metrics;
        }
    }

    /**
     * How long to wait for the application to catch up after the paced run: past that it did not
     * sustain the rate, and the latencies of what it has not processed are only lower bounds.
     */
    private static Duration latencyWait(Scale scale) {
        Duration twice = scale.latencyDuration().multipliedBy(2);
        return twice.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : twice;
    }

    /** Articles sent at {@code rate} and the latency of each to its subject updates. */
    private static LatencyProbe.Result paced(BenchCluster cluster, Map<String, Object> props, KafkaProducer<String, byte[]> producer,
                                             Serializer<Article> serializer, GroupProgress progress, CommittedOutput firstSeen,
                                             List<Article> articles, int rate, Duration wait) throws Exception {
        LatencyProbe probe = new LatencyProbe(ProcessingApplication.serdes(props).claim().deserializer(), rate);
        firstSeen.listen(probe);
        probe.pace(producer, serializer, articles);
        return probe.result(caughtUp(cluster, progress, firstSeen, wait));
    }

    private static boolean caughtUp(BenchCluster cluster, GroupProgress progress, CommittedOutput output, Duration wait)
        throws Exception {
        if (!progress.caughtUpWithin(cluster.admin(), wait)) {
            return false;
        }
        output.awaitCaughtUp(cluster.admin(), TIMEOUT);
        return true;
    }

    private static Round passThrough(BenchCluster cluster, List<KeyValue<String, byte[]>> warmup,
                                     List<KeyValue<String, byte[]>> measured, long textBytes) throws Exception {
        cluster.createTopics(PARTITIONS, PASS_THROUGH_IN, PASS_THROUGH_OUT);
        Map<String, Object> props = cluster.applicationProperties(PASS_THROUGH_APP);
        Serde<Article> articles = ProcessingApplication.serdes(props).article();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(PASS_THROUGH_IN, Consumed.with(Serdes.String(), articles).withTimestampExtractor(new ArticleTime()))
            .to(PASS_THROUGH_OUT, Produced.with(Serdes.String(), articles));
        KafkaStreams streams = new KafkaStreams(builder.build(), ProcessingApplication.streamsProperties(props));
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        try (CommittedOutput output = new CommittedOutput(cluster.bootstrapServers(), PASS_THROUGH_OUT);
             KafkaProducer<String, byte[]> producer = cluster.producer("bench-pass-through")) {
            streams.start();
            if (!running.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the pass-through application did not reach RUNNING: " + streams.state());
            }
            GroupProgress progress = new GroupProgress(PASS_THROUGH_APP, Set.of(PASS_THROUGH_IN), Set.of());
            round(cluster, producer, progress, output, PASS_THROUGH_IN, warmup, 0, PASS_THROUGH_APP);
            return round(cluster, producer, progress, output, PASS_THROUGH_IN, measured, textBytes, PASS_THROUGH_APP);
        } finally {
            streams.close(Duration.ofSeconds(30));
        }
    }

    /** Sends the records, then waits until the application has committed them all and the output is read. */
    private static Round round(BenchCluster cluster, KafkaProducer<String, byte[]> producer, GroupProgress progress,
                               CommittedOutput output, String topic, List<KeyValue<String, byte[]>> records, long textBytes,
                               String applicationId) throws Exception {
        long before = output.records();
        CpuTime cpu = CpuTime.start(applicationId);
        Map<String, Long> bytesBefore = cluster.topicBytes();
        AtomicReference<Exception> failed = new AtomicReference<>();
        long started = System.nanoTime();
        for (int i = 0; i < records.size(); i++) {
            if (i % 1_000 == 0) {
                cluster.requireDiskHeadroom();
            }
            KeyValue<String, byte[]> r = records.get(i);
            producer.send(new ProducerRecord<>(topic, r.key, r.value), (metadata, e) -> {
                if (e != null) {
                    failed.compareAndSet(null, e);
                }
            });
        }
        producer.flush();
        long produced = System.nanoTime();
        if (failed.get() != null) {
            throw new IllegalStateException("producing to " + topic + " failed", failed.get());
        }
        progress.awaitCaughtUp(cluster.admin(), TIMEOUT);
        output.awaitCaughtUp(cluster.admin(), TIMEOUT);
        double seconds = (output.lastVisibleNanos() - started) / 1e9;
        Map<String, Long> written = new TreeMap<>();
        cluster.topicBytes().forEach((t, after) -> {
            long grown = after - bytesBefore.getOrDefault(t, 0L);
            if (grown > 0 && !t.startsWith("__")) {
                written.put(t, grown);
            }
        });
        return new Round(records.size(), textBytes, (produced - started) / 1e9, seconds, output.records() - before, written,
            cpu.used());
    }

    private static List<KeyValue<String, byte[]>> serialize(Serializer<Article> serializer, List<Article> articles) {
        List<KeyValue<String, byte[]>> records = new ArrayList<>(articles.size());
        for (Article a : articles) {
            records.add(KeyValue.pair(a.getId(), serializer.serialize(ClaimsTopics.ARTICLES, a)));
        }
        return records;
    }

    private static String describe(Round round, String outputs) {
        StringBuilder topics = new StringBuilder();
        long total = round.bytesWritten().values().stream().mapToLong(Long::longValue).sum();
        round.bytesWritten().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .forEach(e -> topics.append(topics.length() == 0 ? "" : ", ").append(e.getKey().replace(CLAIMS_APP + "-", ""))
                .append(String.format(Locale.ROOT, " %.1f", e.getValue() / 1024.0 / round.articles())));
        return String.format(Locale.ROOT, "%,d generated articles (%.0f bytes of text each on average), first send to last "
                + "output visible read_committed: %.2f s (sending took %.2f s); %,d %s; %d partitions; Kafka log bytes per "
                + "article %.1f KB (%s)", round.articles(), (double) round.textBytes() / round.articles(), round.seconds(),
            round.produceSeconds(), round.outputs(), outputs, PARTITIONS, total / 1024.0 / round.articles(), topics);
    }
}
