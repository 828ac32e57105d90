package io.claimstream.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.claimstream.avro.FeedSettings;
import io.claimstream.avro.FeedState;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ingester: it joins the consumer group on news.feeds, polls the feeds of the partitions it is
 * given and publishes their articles. Running several with the same group id splits the feeds
 * among them; when one stops or dies, the group gives its partitions, and so its feeds, to the
 * others, which resume from the checkpoints in news.feed-state.
 *
 * <p>The group's offsets are never committed: on every assignment the ingester reads its
 * partitions of the compacted topic from the start, which is the whole current set of feeds.
 */
public final class FeedIngester implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FeedIngester.class);
    public static final String DEFAULT_GROUP_ID = "claimstream-ingest";

    private final KafkaConsumer<String, FeedSettings> feedConsumer;
    private final FeedStateStore stateStore;
    private final ArticlePublisher publisher;
    private final FeedScheduler scheduler;
    private final IngestMetrics metrics;
    private final Thread assignmentThread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<Integer, Map<String, FeedCheckpoint>> checkpointsByPartition = new ConcurrentHashMap<>();
    private volatile boolean closing;
    /** Whether the group has given this ingester its share (perhaps none) at least once. */
    private volatile boolean joined;
    /** Why the ingester stopped following its feeds, if it did on its own. */
    private volatile String failure;

    private FeedIngester(Map<String, ?> clientConfig, String groupId, String name, IngestSettings settings,
                         IngestSerdes serdes, MeterRegistry registry) {
        Clock clock = Clock.systemUTC();
        this.metrics = new IngestMetrics(registry);
        this.feedConsumer = new KafkaConsumer<>(groupConsumerConfig(clientConfig, groupId, name),
            new StringDeserializer(), serdes.feedSettings().deserializer());
        this.stateStore = new FeedStateStore(
            new KafkaProducer<>(ArticlePublisher.producerConfig(clientConfig, name + "-state"),
                new StringSerializer(), serdes.feedState().serializer()),
            new KafkaConsumer<String, FeedState>(readerConfig(clientConfig, name + "-state-reader"),
                new StringDeserializer(), serdes.feedState().deserializer()),
            settings.publishTimeout());
        this.publisher = ArticlePublisher.create(clientConfig, name + "-articles", serdes.article(), settings);
        ErrorBackoff backoff = new ErrorBackoff(settings.backoffBase(), settings.backoffMax(),
            () -> ThreadLocalRandom.current().nextDouble());
        FeedPoller poller = new FeedPoller(new FeedFetcher(settings, clock), new FeedParser(settings), publisher, backoff, settings);
        this.scheduler = new FeedScheduler(poller, stateStore, metrics, backoff, settings, clock, name);
        this.assignmentThread = new Thread(this::followAssignment, name + "-feeds");
    }

    /**
     * Starts an ingester. The feed topics must exist with the same partition count.
     *
     * @param name names this instance's threads and Kafka clients
     */
    public static FeedIngester start(String bootstrapServers, String groupId, String name, IngestSettings settings,
                                     IngestSerdes serdes, MeterRegistry registry) {
        return start(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), groupId, name, settings, serdes, registry);
    }

    /**
     * Starts an ingester whose Kafka clients take {@code clientConfig} (bootstrap.servers, and
     * security or timeouts as the cluster needs) under the settings ingesting relies on.
     */
    public static FeedIngester start(Map<String, ?> clientConfig, String groupId, String name, IngestSettings settings,
                                     IngestSerdes serdes, MeterRegistry registry) {
        FeedIngester ingester = new FeedIngester(clientConfig, groupId, name, settings, serdes, registry);
        try {
            ingester.requireCoPartitionedTopics(settings.publishTimeout());
        } catch (RuntimeException e) {
            ingester.close();
            throw e;
        }
        ingester.assignmentThread.start();
        return ingester;
    }

    /** Feeds this ingester currently polls. */
    public Set<String> feeds() {
        return scheduler.feeds();
    }

    /** Status of the feeds this ingester has polled since it got them. */
    public Map<String, FeedStatus> statuses() {
        return metrics.statuses();
    }

    /**
     * Whether this ingester still follows its share of the feeds: false once its feed-following
     * thread has ended other than by {@link #close()}, and then no feed is added or removed until
     * the process restarts.
     */
    public boolean alive() {
        return failure == null && (closing || assignmentThread.isAlive());
    }

    /** Why the ingester stopped following its feeds, or null while it follows them. */
    public String failure() {
        return failure;
    }

    /** Whether its consumer group has given this ingester its share of the feeds (perhaps none: more ingesters than partitions). */
    public boolean joined() {
        return joined;
    }

    private void requireCoPartitionedTopics(Duration timeout) {
        int feeds = feedConsumer.partitionsFor(IngestTopics.FEEDS, timeout).size();
        int states = stateStore.partitionCount();
        if (feeds == 0 || feeds != states) {
            throw new IllegalStateException(IngestTopics.FEEDS + " has " + feeds + " partitions and " + IngestTopics.FEED_STATE
                + " has " + states + "; they must exist with the same count, since an ingester reads the state of the "
                + "feeds in partition p from partition p");
        }
    }

    private void followAssignment() {
        try {
            feedConsumer.subscribe(List.of(IngestTopics.FEEDS), new Rebalance());
            while (!closing) {
                try {
                    // Only each feed's latest record of the batch: a feed re-added or moved and then
                    // removed further on, as a catch-up from the start often reads, is never polled.
                    Map<String, ConsumerRecord<String, FeedSettings>> latest = new LinkedHashMap<>();
                    for (ConsumerRecord<String, FeedSettings> record : feedConsumer.poll(Duration.ofMillis(500))) {
                        latest.remove(record.key());
                        latest.put(record.key(), record);
                    }
                    latest.values().forEach(this::apply);
                } catch (RecordDeserializationException e) {
                    log.warn("skipping unreadable feed record at {} offset {}: {}", e.topicPartition(), e.offset(), e.getMessage());
                    feedConsumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        } catch (WakeupException e) {
            if (!closing) {
                failure = "woken up while not closing";
                throw e;
            }
        } catch (RuntimeException e) {
            failure = e.toString();
            log.error("the ingester stopped following its feed assignment", e);
        } finally {
            try {
                feedConsumer.close(CloseOptions.timeout(Duration.ofSeconds(30)));
            } finally {
                stopped.countDown();
            }
        }
    }

    private void apply(ConsumerRecord<String, FeedSettings> record) {
        String url = record.key();
        if (url == null) {
            return;
        }
        if (record.value() == null) {
            if (scheduler.polls(url)) {
                scheduler.remove(url);
                try {
                    stateStore.delete(record.partition(), url);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    log.warn("{}: removed, but its state could not be deleted: {}", url, e.getMessage());
                }
            }
            return;
        }
        Feed feed;
        try {
            feed = Feed.fromAvro(record.value());
        } catch (IllegalArgumentException e) {
            log.warn("ignoring feed record {}: {}", url, e.getMessage());
            return;
        }
        if (!feed.enabled()) {
            scheduler.remove(url);
            return;
        }
        FeedCheckpoint checkpoint = checkpointsByPartition.getOrDefault(record.partition(), Map.of())
            .getOrDefault(url, FeedCheckpoint.initial(url));
        scheduler.put(record.partition(), feed, checkpoint);
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                joined = true;
                return;
            }
            List<Integer> numbers = numbers(partitions);
            Map<Integer, Map<String, FeedCheckpoint>> loaded = stateStore.load(numbers);
            checkpointsByPartition.putAll(loaded);
            feedConsumer.seekToBeginning(partitions);
            log.info("given feed partitions {} ({} feed states loaded)", numbers,
                loaded.values().stream().mapToInt(Map::size).sum());
            joined = true;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            handOver(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            handOver(partitions);
        }

        private void handOver(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            List<Integer> numbers = numbers(partitions);
            scheduler.removePartitions(numbers);
            numbers.forEach(checkpointsByPartition::remove);
        }

        private List<Integer> numbers(Collection<TopicPartition> partitions) {
            return partitions.stream().map(TopicPartition::partition).toList();
        }
    }

    private static Map<String, Object> groupConsumerConfig(Map<String, ?> clientConfig, String groupId, String name) {
        Map<String, Object> config = readerConfig(clientConfig, name + "-feeds");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        // Incremental rebalancing: a joining or leaving ingester moves only the feeds that must move.
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        return config;
    }

    private static Map<String, Object> readerConfig(Map<String, ?> clientConfig, String clientId) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ProducerConfig.COMPRESSION_TYPE_CONFIG);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }

    @Override
    public void close() {
        closing = true;
        feedConsumer.wakeup();
        if (assignmentThread.isAlive()) {
            try {
                stopped.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            feedConsumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
        scheduler.close();
        publisher.close();
        stateStore.close();
        log.info("ingester stopped");
    }
}
