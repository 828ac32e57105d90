package io.claimstream.ingest;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.claimstream.avro.FeedState;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The feeds' checkpoints in news.feed-state. The checkpoint of a feed in partition p of
 * news.feeds is written to partition p here, so whoever is given partition p of the feeds reads
 * exactly their checkpoints, and nothing else, when it takes them over.
 */
final class FeedStateStore implements AutoCloseable {

    private final Producer<String, FeedState> producer;
    private final Consumer<String, FeedState> reader;
    private final Duration timeout;

    FeedStateStore(Producer<String, FeedState> producer, Consumer<String, FeedState> reader, Duration timeout) {
        this.producer = producer;
        this.reader = reader;
        this.timeout = timeout;
    }

    /** Checkpoints of the feeds in these partitions, by partition and feed URL; called from one thread only. */
    Map<Integer, Map<String, FeedCheckpoint>> load(Collection<Integer> partitions) {
        List<TopicPartition> topicPartitions =
            partitions.stream().map(p -> new TopicPartition(IngestTopics.FEED_STATE, p)).toList();
        Map<Integer, Map<String, FeedCheckpoint>> checkpoints = new HashMap<>();
        partitions.forEach(p -> checkpoints.put(p, new HashMap<>()));
        CompactedTopicReader.read(reader, topicPartitions, timeout).forEach((url, latest) ->
            checkpoints.get(latest.partition()).put(url, FeedCheckpoint.fromAvro(latest.value())));
        return checkpoints;
    }

    int partitionCount() {
        return reader.partitionsFor(IngestTopics.FEED_STATE, timeout).size();
    }

    void save(int partition, FeedCheckpoint checkpoint) throws InterruptedException {
        write(new ProducerRecord<>(IngestTopics.FEED_STATE, partition, checkpoint.url(), checkpoint.toAvro()));
    }

    void delete(int partition, String url) throws InterruptedException {
        write(new ProducerRecord<>(IngestTopics.FEED_STATE, partition, url, null));
    }

    private void write(ProducerRecord<String, FeedState> record) throws InterruptedException {
        try {
            producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot store the state of " + record.key() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
        reader.close(CloseOptions.timeout(Duration.ofSeconds(10)));
    }
}
