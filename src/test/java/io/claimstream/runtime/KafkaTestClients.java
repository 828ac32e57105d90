package io.claimstream.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.claimstream.topology.ClaimsTopics;
import io.claimstream.topology.ClaimsTopology;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producing to, reading from, and watching the progress of the processing application on a test broker. */
public final class KafkaTestClients {

    private KafkaTestClients() {
    }

    /** An idempotent producer acknowledged by all replicas, as the ingester's. */
    public static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends the records with an idempotent producer and waits for every acknowledgement. */
    public static List<RecordMetadata> produce(String bootstrapServers, List<ProducerRecord<String, byte[]>> records)
        throws Exception {
        List<RecordMetadata> written = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = producer(bootstrapServers)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            records.forEach(r -> sent.add(producer.send(r)));
            for (Future<RecordMetadata> f : sent) {
                written.add(f.get(30, TimeUnit.SECONDS));
            }
        }
        return written;
    }

    /** Every committed record of {@code topic}, read from the beginning to the current end, in partition order. */
    public static List<ConsumerRecord<String, byte[]>> readCommitted(String bootstrapServers, String topic) {
        return read(bootstrapServers, topic, IsolationLevel.READ_COMMITTED);
    }

    /** Every record of {@code topic}, those of aborted transactions included. */
    public static List<ConsumerRecord<String, byte[]>> readUncommitted(String bootstrapServers, String topic) {
        return read(bootstrapServers, topic, IsolationLevel.READ_UNCOMMITTED);
    }

    private static List<ConsumerRecord<String, byte[]>> read(String bootstrapServers, String topic, IsolationLevel isolation) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // With read_committed, endOffsets is the last stable offset: everything committed so far.
            // Read uncommitted, a transaction still open at the end is read as far as it got.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * Waits until the application has processed and committed everything on news.articles and
     * on its repartition topic. Under exactly-once, offsets commit in the transaction that holds
     * the outputs, so then every output is committed too.
     */
    public static void awaitProcessed(Admin admin, String applicationId, Duration timeout) throws Exception {
        String repartition = applicationId + "-" + ClaimsTopology.MENTIONS_REPARTITION + "-repartition";
        long deadline = System.nanoTime() + timeout.toNanos();
        String behind = null;
        while (System.nanoTime() < deadline) {
            behind = behind(admin, applicationId, List.of(ClaimsTopics.ARTICLES, repartition));
            if (behind == null && subjectsWritten(admin, deadline)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(applicationId + " has not caught up within " + timeout + ": " + behind);
    }

    /**
     * Input committed is not yet output written: changed subjects wait for the next emit
     * interval (200 ms by default). They are all out once claims.by-subject's committed end
     * stays put for ten intervals.
     */
    private static boolean subjectsWritten(Admin admin, long deadline) throws Exception {
        Map<TopicPartition, Long> before = committedEnds(admin, List.of(ClaimsTopics.SUBJECT_CLAIMS));
        while (System.nanoTime() < deadline) {
            Thread.sleep(2_000);
            Map<TopicPartition, Long> after = committedEnds(admin, List.of(ClaimsTopics.SUBJECT_CLAIMS));
            if (after.equals(before)) {
                return true;
            }
            before = after;
        }
        return false;
    }

    /** The read_committed end offset of every partition of {@code topics}. */
    private static Map<TopicPartition, Long> committedEnds(Admin admin, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
            for (TopicPartitionInfo p : d.partitions()) {
                request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
            }
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(10, TimeUnit.SECONDS)
            .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private static String behind(Admin admin, String group, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> ends;
        try {
            ends = committedEnds(admin, topics);
        } catch (ExecutionException notYetCreated) {
            return "topics " + topics + " not there yet";
        }
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            TopicPartition tp = end.getKey();
            long endOffset = end.getValue();
            long position = committed.containsKey(tp) ? committed.get(tp).offset() : 0;
            // The application writes its repartition topic in transactions: the last entry of a
            // partition may be a commit marker that no consumer position has to pass.
            long slack = tp.topic().equals(ClaimsTopics.ARTICLES) ? 0 : 1;
            if (position < endOffset - slack) {
                return tp + " at " + position + " of " + endOffset;
            }
        }
        return null;
    }
}
