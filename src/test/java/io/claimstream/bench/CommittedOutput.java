package io.claimstream.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * An output topic as a downstream consumer with {@code isolation.level=read_committed} sees
 * it, from its end at creation on: each record is noted with the moment the consumer received
 * it, that is when it had been committed and could be read.
 */
final class CommittedOutput implements AutoCloseable {

    /** Told of every record as it becomes visible, on the consumer's thread. */
    interface Listener {
        void visible(ConsumerRecord<String, byte[]> record, long visibleNanos);
    }

    private static final Duration POLL = Duration.ofMillis(20);

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final AtomicLong records = new AtomicLong();
    private volatile Listener listener = (record, at) -> { };
    private volatile long lastVisibleNanos;
    private volatile boolean closing;
    private volatile RuntimeException failure;

    CommittedOutput(String bootstrapServers, String topic) {
        this.topic = topic;
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-reader-" + topic);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A consumer that cares about latency does not let the broker hold a fetch for long.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(tp -> positions.put(tp, consumer.position(tp)));
        thread = new Thread(this::read, "bench-reader-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    void listen(Listener listener) {
        this.listener = listener;
    }

    long records() {
        return records.get();
    }

    /** When the latest record became visible, in {@link System#nanoTime()}. */
    long lastVisibleNanos() {
        return lastVisibleNanos;
    }

    /**
     * Waits until this reader has read everything written to the topic by now, once no
     * transaction on it is open or still being marked. The application's offsets show it caught
     * up as soon as its transaction commits, but the commit markers reach the output partitions a
     * little later: until then their last stable offset hides the transaction's records, which
     * would be counted in the next round.
     */
    void awaitCaughtUp(Admin admin, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> ends = ends(admin, IsolationLevel.READ_COMMITTED, timeout);
        while (!ends.equals(ends(admin, IsolationLevel.READ_UNCOMMITTED, timeout))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("a transaction on " + topic + " stayed open for " + timeout);
            }
            Thread.sleep(10);
            ends = ends(admin, IsolationLevel.READ_COMMITTED, timeout);
        }
        while (ends.entrySet().stream().anyMatch(e -> positions.get(e.getKey()) < e.getValue())) {
            if (failure != null) {
                throw new IllegalStateException("reading " + topic + " failed", failure);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + topic + " up to " + ends + " within " + timeout
                    + "; at " + positions);
            }
            Thread.sleep(10);
        }
    }

    private Map<TopicPartition, Long> ends(Admin admin, IsolationLevel isolation, Duration timeout) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        positions.keySet().forEach(tp -> request.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(isolation)).all()
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private void read() {
        try {
            while (!closing) {
                ConsumerRecords<String, byte[]> polled = consumer.poll(POLL);
                long now = System.nanoTime();
                for (ConsumerRecord<String, byte[]> record : polled) {
                    records.incrementAndGet();
                    listener.visible(record, now);
                }
                if (!polled.isEmpty()) {
                    lastVisibleNanos = now;
                }
                for (TopicPartition tp : positions.keySet()) {
                    positions.put(tp, consumer.position(tp));
                }
            }
        } catch (WakeupException e) {
            if (!closing) {
                failure = e;
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
