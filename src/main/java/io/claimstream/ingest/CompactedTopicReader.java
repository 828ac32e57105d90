package io.claimstream.ingest;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads partitions of a compacted topic from the start to their current end: the latest value per key. */
final class CompactedTopicReader {

    private static final Logger log = LoggerFactory.getLogger(CompactedTopicReader.class);

    /**
     * A key's latest value and the partition it lives in.
     *
     * @param partition the partition of the key
     * @param value the latest value, never a tombstone
     */
    record Latest<V>(int partition, V value) {
    }

    private CompactedTopicReader() {
    }

    static <V> Map<String, Latest<V>> read(Consumer<String, V> consumer, Collection<TopicPartition> partitions,
                                           Duration timeout) {
        Map<String, Latest<V>> latest = new HashMap<>();
        if (partitions.isEmpty()) {
            return latest;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reachedEnd(consumer, end)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + partitions + " to their end within " + timeout);
            }
            try {
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() == null) {
                        continue;
                    }
                    if (r.value() == null) {
                        latest.remove(r.key());
                    } else {
                        latest.put(r.key(), new Latest<>(r.partition(), r.value()));
                    }
                }
            } catch (RecordDeserializationException e) {
                log.warn("skipping unreadable record at {} offset {}: {}", e.topicPartition(), e.offset(), e.getMessage());
                consumer.seek(e.topicPartition(), e.offset() + 1);
            }
        }
        consumer.unsubscribe();
        return latest;
    }

    private static boolean reachedEnd(Consumer<String, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
