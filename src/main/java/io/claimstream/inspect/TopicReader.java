package io.claimstream.inspect;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.claimstream.registry.RegistryException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a topic as its consumers see it: committed records only ({@code read_committed}, so
 * nothing of an aborted or open transaction), from the beginning to the current end and then,
 * when following, as they arrive. As a table, a compacted topic is read the way compaction will
 * leave it: the latest value of each key, deleted keys left out.
 */
public final class TopicReader implements AutoCloseable {

    /** How records are handed on. */
    public enum View {
        /** Every record, in offset order within each partition. */
        LOG,
        /** The latest value of each key as of the current end, in key order, tombstones removed; then every later record. */
        TABLE
    }

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<Object> values;
    private final Duration timeout;
    private volatile boolean stopped;

    /**
     * @param clientConfig Kafka client settings (bootstrap.servers, security)
     * @param values decodes the values, e.g. the registry's generic Avro deserializer
     * @param timeout how long reading up to the current end may take
     */
    public TopicReader(Map<String, ?> clientConfig, Deserializer<Object> values, Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "claimstream-inspect");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.values = values;
        this.timeout = timeout;
    }

    /**
     * Hands {@code sink} the records of {@code topic} whose key {@code keys} accepts, up to the
     * current end; when {@code follow}, then those that arrive until {@link #stop()}.
     *
     * @throws IllegalArgumentException when the topic does not exist
     * @throws RegistryException when the schema registry cannot be reached
     */
    public void read(String topic, Predicate<String> keys, View view, boolean follow, Consumer<TopicRecord> sink) {
        try {
            List<TopicPartition> partitions = partitions(topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Map<String, TopicRecord> table = new TreeMap<>();
            Consumer<TopicRecord> untilEnd = view == View.TABLE ? r -> {
                if (r.isTombstone()) {
                    table.remove(r.key());
                } else {
                    table.put(r.key(), r);
                }
            } : sink;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!stopped && !reached(end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + timeout.toSeconds() + " s");
                }
                poll(keys, untilEnd);
            }
            table.values().forEach(sink);
            while (follow && !stopped) {
                poll(keys, sink);
            }
        } catch (WakeupException e) {
            if (!stopped) {
                throw e;
            }
        }
    }

    /** Ends a {@link #read} that follows the topic; callable from any thread. */
    public void stop() {
        stopped = true;
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close();
    }

    private List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("there is no topic " + topic);
        }
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
        return partitions;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), timeout) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void poll(Predicate<String> keys, Consumer<TopicRecord> sink) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
            String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
            if (keys.test(key)) {
                sink.accept(decode(r, key));
            }
        }
    }

    private TopicRecord decode(ConsumerRecord<byte[], byte[]> r, String key) {
        Map<String, String> headers = new TreeMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
        }
        Instant timestamp = Instant.ofEpochMilli(r.timestamp());
        if (r.value() == null) {
            return new TopicRecord(r.topic(), r.partition(), r.offset(), timestamp, key, null, headers, null);
        }
        try {
            return new TopicRecord(r.topic(), r.partition(), r.offset(), timestamp, key,
                AvroJson.toJson(values.deserialize(r.topic(), r.value())), headers, null);
        } catch (RegistryException e) {
            if (e.isUnavailable()) {
                throw e;
            }
            return new TopicRecord(r.topic(), r.partition(), r.offset(), timestamp, key, null, headers, e.getMessage());
        } catch (RuntimeException e) {
            // A record that is not Avro in the registry's wire format: shown as such, the rest still read.
            return new TopicRecord(r.topic(), r.partition(), r.offset(), timestamp, key, null, headers,
                r.value().length + " bytes that are not Avro in the registry's wire format: " + e.getMessage());
        }
    }
}
