package io.claimstream.registry;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.claimstream.kafka.TopicProvisioner;
import io.claimstream.kafka.TopicSpec;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema log kept in a compacted, single-partition Kafka topic, as Confluent's registry
 * keeps it: ids and versions survive a restart, and a registry started on the same cluster
 * later sees them all.
 *
 * <p>A reader thread follows the topic and applies each record to the state. A write is
 * produced with {@code acks=all} and idempotence, then waits until the reader has applied it:
 * the state is only ever the log's, so every registry following the topic agrees on it.
 */
final class KafkaSchemaLog implements SchemaLog {

    private static final Logger log = LoggerFactory.getLogger(KafkaSchemaLog.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String topic;
    private final TopicPartition partition;
    private final Map<String, Object> clientConfig;
    private final Optional<Short> replicationFactor;
    private final Duration timeout;
    private final Object progress = new Object();

    private KafkaProducer<byte[], byte[]> producer;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread reader;
    private volatile boolean closed;
    /** Offset of the next record the reader will apply; guarded by {@code progress}. */
    private long applied;
    private RuntimeException readerFailure;

    /**
     * @param clientConfig Kafka client settings (bootstrap.servers, security) for the admin, producer and consumer
     * @param replicationFactor of the topic if this creates it; empty uses the broker's default
     * @param timeout for creating the topic, catching up at start and each write
     */
    KafkaSchemaLog(Map<String, Object> clientConfig, String topic, Optional<Short> replicationFactor, Duration timeout) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.topic = topic;
        this.partition = new TopicPartition(topic, 0);
        this.replicationFactor = replicationFactor;
        this.timeout = timeout;
    }

    @Override
    public void start(Consumer<StoreRecord> sink) {
        try (Admin admin = Admin.create(clientConfig)) {
            ensureTopic(admin);
        }
        consumer = new KafkaConsumer<>(consumerConfig());
        try {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (consumer.position(partition, timeout) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end (offset " + end + ") within " + timeout);
                }
                consume(sink);
            }
            applied = consumer.position(partition, timeout);
            producer = new KafkaProducer<>(producerConfig());
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        log.info("Schema registry store {} read to offset {}", topic, applied);
        reader = new Thread(() -> follow(sink), "schema-registry-store-reader");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public void append(StoreRecord record) {
        long offset;
        try {
            RecordMetadata written = producer.send(new ProducerRecord<>(topic, 0, record.key(), record.value()))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            offset = written.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(500, RegistryException.STORE_ERROR, "Interrupted while writing to " + topic, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RecordTooLargeException) {
                // The request's fault, not the store's: a client must not retry it as an outage.
                throw new RegistryException(413, 413, "Request too large for the schema store " + topic
                    + ": " + e.getCause().getMessage(), e.getCause());
            }
            throw new RegistryException(500, RegistryException.STORE_ERROR,
                "Error while writing to the schema store " + topic + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new RegistryException(500, RegistryException.OPERATION_TIMEOUT,
                "Write to the schema store " + topic + " timed out after " + timeout, e);
        }
        awaitApplied(offset + 1);
    }

    private void awaitApplied(long offset) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (applied < offset) {
                if (readerFailure != null) {
                    throw new RegistryException(500, RegistryException.STORE_ERROR,
                        "The schema store reader failed: " + readerFailure, readerFailure);
                }
                long waitMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (waitMillis <= 0) {
                    throw new RegistryException(500, RegistryException.OPERATION_TIMEOUT,
                        "Wrote offset " + (offset - 1) + " of " + topic + " but did not read it back within " + timeout);
                }
                try {
                    progress.wait(waitMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RegistryException(500, RegistryException.STORE_ERROR, "Interrupted while reading back " + topic, e);
                }
            }
        }
    }

    private void follow(Consumer<StoreRecord> sink) {
        try {
            while (!closed) {
                consume(sink);
                long position = consumer.position(partition);
                synchronized (progress) {
                    applied = position;
                    progress.notifyAll();
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                fail(e);
            }
        } catch (RuntimeException e) {
            log.error("Schema registry store reader of {} stopped", topic, e);
            fail(e);
        } finally {
            consumer.close();
        }
    }

    private void fail(RuntimeException e) {
        synchronized (progress) {
            readerFailure = e;
            progress.notifyAll();
        }
    }

    private void consume(Consumer<StoreRecord> sink) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            if (record.key() == null) {
                continue;
            }
            try {
                StoreRecord.decode(record.key(), record.value()).ifPresent(sink);
            } catch (RuntimeException e) {
                // Confluent's registry skips what it cannot read too: one bad record must not
                // make every schema unreadable.
                log.warn("Skipping unreadable record at offset {} of {}: {}", record.offset(), topic, e.getMessage());
            }
        }
    }

    private void ensureTopic(Admin admin) {
        TopicProvisioner provisioner = new TopicProvisioner(admin, timeout);
        TopicSpec spec = SchemaStoreTopic.spec(topic, replicationFactor);
        // Creates it, or checks an existing one is compacted alone, and waits until it answers:
        // a topic created moments ago can drop the first idempotent batch (KAFKA-15591).
        if (!provisioner.provision(List.of(spec)).isEmpty()) {
            log.info("Created schema registry store topic {}", topic);
        }
        int partitions = provisioner.describe(List.of(spec)).get(0).partitions();
        if (partitions != 1) {
            throw new IllegalStateException("schema store topic " + topic + " has " + partitions
                + " partitions; it needs exactly one, so that its records keep one order");
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned, not subscribed: no group, no commits
        return config;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    @Override
    public void close() {
        closed = true;
        if (reader != null) {
            // The reader owns the consumer and closes it on its way out of poll.
            consumer.wakeup();
            try {
                reader.join(POLL.toMillis() * 5 + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
