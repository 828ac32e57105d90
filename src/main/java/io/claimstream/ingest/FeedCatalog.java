package io.claimstream.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.claimstream.avro.FeedSettings;
import io.claimstream.avro.FeedState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The set of feeds in news.feeds, as operators edit and read it, with each feed's status. */
public final class FeedCatalog implements AutoCloseable {

    /**
     * A feed and how polling it has gone.
     *
     * @param feed the feed's settings
     * @param checkpoint its state in news.feed-state, or null before its first poll
     */
    public record Listing(Feed feed, FeedCheckpoint checkpoint) {
    }

    private final Map<String, ?> clientConfig;
    private final IngestSerdes serdes;
    private final Duration timeout;
    private final Producer<String, FeedSettings> feeds;
    private final Producer<String, FeedState> states;

    public FeedCatalog(String bootstrapServers, IngestSerdes serdes, Duration timeout) {
        this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), serdes, timeout);
    }

    /**
     * A catalog whose Kafka clients take {@code clientConfig}: bootstrap.servers, and security or
     * timeouts as the cluster needs.
     */
    public FeedCatalog(Map<String, ?> clientConfig, IngestSerdes serdes, Duration timeout) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.serdes = serdes;
        this.timeout = timeout;
        this.feeds = new KafkaProducer<>(ArticlePublisher.producerConfig(clientConfig, "claimstream-feeds"),
            new StringSerializer(), serdes.feedSettings().serializer());
        this.states = new KafkaProducer<>(ArticlePublisher.producerConfig(clientConfig, "claimstream-feeds"),
            new StringSerializer(), serdes.feedState().serializer());
    }

    /** Adds a feed, or replaces the settings of one with the same URL. */
    public void put(Feed feed) throws InterruptedException {
        send(feeds, new ProducerRecord<>(IngestTopics.FEEDS, feed.url(), feed.toAvro()));
    }

    /**
     * Gives a feed a new URL and keeps what polling it has learnt (validators, the ids it has
     * published, its status) under the new one, so that nothing it published is published
     * again. Ingesters must not be polling it meanwhile.
     */
    public void move(Listing from, Feed to) throws InterruptedException {
        FeedCheckpoint c = from.checkpoint();
        if (c != null) {
            FeedCheckpoint moved = new FeedCheckpoint(to.url(), c.validators(), c.recentIds(), c.status());
            send(states, new ProducerRecord<>(IngestTopics.FEED_STATE, to.url(), moved.toAvro()));
        }
        put(to);
        remove(from.feed().url());
    }

    /** Removes a feed and forgets its state; ingesters stop polling it. */
    public void remove(String url) throws InterruptedException {
        send(feeds, new ProducerRecord<>(IngestTopics.FEEDS, url, null));
        // Keyed alike and co-partitioned, the tombstone lands where the state is.
        send(states, new ProducerRecord<>(IngestTopics.FEED_STATE, url, null));
    }

    /** Every feed with its status, by URL. */
    public List<Listing> list() {
        Map<String, CompactedTopicReader.Latest<FeedSettings>> settings;
        Map<String, CompactedTopicReader.Latest<FeedState>> stateByUrl;
        try (KafkaConsumer<String, FeedSettings> reader = new KafkaConsumer<>(readerConfig(), new StringDeserializer(),
            serdes.feedSettings().deserializer())) {
            settings = CompactedTopicReader.read(reader, partitions(reader, IngestTopics.FEEDS), timeout);
        }
        try (KafkaConsumer<String, FeedState> reader = new KafkaConsumer<>(readerConfig(), new StringDeserializer(),
            serdes.feedState().deserializer())) {
            stateByUrl = CompactedTopicReader.read(reader, partitions(reader, IngestTopics.FEED_STATE), timeout);
        }
        List<Listing> listings = new ArrayList<>();
        settings.forEach((url, latest) -> {
            CompactedTopicReader.Latest<FeedState> state = stateByUrl.get(url);
            listings.add(new Listing(Feed.fromAvro(latest.value()),
                state == null ? null : FeedCheckpoint.fromAvro(state.value())));
        });
        listings.sort(Comparator.comparing(l -> l.feed().url()));
        return listings;
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, ?> reader, String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : reader.partitionsFor(topic, timeout)) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        return partitions;
    }

    private Map<String, Object> readerConfig() {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "claimstream-feeds-list");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ProducerConfig.COMPRESSION_TYPE_CONFIG);
        return config;
    }

    private <V> void send(Producer<String, V> producer, ProducerRecord<String, V> record) throws InterruptedException {
        try {
            producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("writing " + record.key() + " to " + record.topic() + " failed: "
                + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("writing " + record.key() + " to " + record.topic() + " timed out after "
                + timeout.toSeconds() + " s", e);
        }
    }

    @Override
    public void close() {
        feeds.close(Duration.ofSeconds(10));
        states.close(Duration.ofSeconds(10));
    }
}
