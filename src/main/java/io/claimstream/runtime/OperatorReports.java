package io.claimstream.runtime;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

import io.claimstream.ingest.FeedIngester;
import io.claimstream.ingest.FeedStatus;
import io.claimstream.status.Health;
import io.claimstream.status.OperatorReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * The operator view's report of this process, from what it holds in memory: the ingester's
 * feed statuses, the Kafka Streams client's state, threads and consumer metrics, the dead-letter
 * counters in the meter registry, and readiness. Nothing is asked of Kafka, so the page answers
 * even when the cluster does not.
 */
public final class OperatorReports implements Supplier<OperatorReport> {

    /** The consumer metric of records behind the end of a partition, per assigned partition. */
    private static final String LAG_METRIC = "records-lag";
    private static final String FETCH_GROUP = "consumer-fetch-manager-metrics";

    private final String applicationId;
    private final Supplier<KafkaStreams> streams;
    private final FeedIngester ingester;
    private final MeterRegistry registry;
    private final Supplier<Health> readiness;
    private final Clock clock;

    /**
     * @param applicationId the processing application's id
     * @param streams its Kafka Streams client, or null when this process does not process
     * @param ingester the ingester, or null when this process does not ingest
     */
    public OperatorReports(String applicationId, Supplier<KafkaStreams> streams, FeedIngester ingester, MeterRegistry registry,
                           Supplier<Health> readiness, Clock clock) {
        this.applicationId = applicationId;
        this.streams = streams;
        this.ingester = ingester;
        this.registry = registry;
        this.readiness = readiness;
        this.clock = clock;
    }

    @Override
    public OperatorReport get() {
        return new OperatorReport(clock.instant(), readiness.get(), streams == null ? null : processing(streams.get()),
            ingester == null ? null : ingest());
    }

    private OperatorReport.Processing processing(KafkaStreams client) {
        List<OperatorReport.StreamThread> threads = new ArrayList<>();
        for (ThreadMetadata t : client.metadataForLocalThreads()) {
            threads.add(new OperatorReport.StreamThread(t.threadName(), t.threadState(), t.activeTasks().size(), t.standbyTasks().size()));
        }
        return new OperatorReport.Processing(applicationId, client.state().name(), threads, lag(client.metrics()), deadLetters());
    }

    /**
     * The lag of each partition the stream threads' main consumers are assigned; the restore
     * consumers' (changelogs being restored) are left out: they are not behind the news. The
     * consumer registers each partition's lag twice, the second time under the topic name with
     * its dots as underscores (deprecated); that copy is left out too.
     */
    static List<OperatorReport.Lag> lag(Map<MetricName, ? extends Metric> metrics) {
        record Seen(String client, String topic, String partition) {
        }
        Map<Seen, Object> values = new LinkedHashMap<>();
        metrics.forEach((name, metric) -> {
            Map<String, String> tags = name.tags();
            String client = tags.getOrDefault("client-id", "");
            if (name.name().equals(LAG_METRIC) && name.group().equals(FETCH_GROUP) && tags.containsKey("partition")
                && tags.containsKey("topic") && !client.endsWith("-restore-consumer")) {
                values.put(new Seen(client, tags.get("topic"), tags.get("partition")), metric.metricValue());
            }
        });
        Set<Seen> deprecated = new HashSet<>();
        values.keySet().stream().filter(s -> s.topic().contains("."))
            .forEach(s -> deprecated.add(new Seen(s.client(), s.topic().replace('.', '_'), s.partition())));
        List<OperatorReport.Lag> lag = new ArrayList<>();
        values.forEach((seen, value) -> {
            if (!deprecated.contains(seen)) {
                Double records = value instanceof Double d && !d.isNaN() ? d : null;
                lag.add(new OperatorReport.Lag(seen.topic(), Integer.parseInt(seen.partition()), records));
            }
        });
        return lag;
    }

    private Map<String, Long> deadLetters() {
        Map<String, Long> counts = new TreeMap<>();
        for (Counter counter : registry.find(DeadLetterMeters.NAME).counters()) {
            counts.merge(counter.getId().getTag("stage"), Math.round(counter.count()), Long::sum);
        }
        return counts;
    }

    private OperatorReport.Ingest ingest() {
        Map<String, FeedStatus> statuses = ingester.statuses();
        TreeSet<String> urls = new TreeSet<>(ingester.feeds());
        urls.addAll(statuses.keySet());
        List<OperatorReport.Feed> feeds = new ArrayList<>();
        for (String url : urls) {
            FeedStatus s = statuses.getOrDefault(url, FeedStatus.NEVER_FETCHED);
            feeds.add(new OperatorReport.Feed(url, s.lastFetch(), s.lastHttpStatus(), s.lastError(), s.consecutiveErrors(),
                s.itemsPublished(), s.nextFetch()));
        }
        return new OperatorReport.Ingest(ingester.joined(), ingester.failure(), feeds);
    }
}
