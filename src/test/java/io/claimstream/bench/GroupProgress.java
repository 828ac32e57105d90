package io.claimstream.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Whether a Streams application has processed and committed everything on its input topics.
 * Under exactly-once its offsets commit in the transaction that holds its outputs, so then its
 * outputs are committed too.
 *
 * @param groupId the application id
 * @param topics the topics it reads
 * @param transactional those of them it writes itself, in transactions: the last offset of such a
 *     partition may be a commit marker, which no consumer position passes
 */
record GroupProgress(String groupId, Set<String> topics, Set<String> transactional) {

    private static final long POLL_MILLIS = 20;

    void awaitCaughtUp(Admin admin, Duration timeout) throws Exception {
        String behind = behindAfter(admin, timeout);
        if (behind != null) {
            throw new IllegalStateException(groupId + " has not caught up within " + timeout + ": " + behind);
        }
    }

    boolean caughtUpWithin(Admin admin, Duration timeout) throws Exception {
        return behindAfter(admin, timeout) == null;
    }

    /** Waits until the application has caught up, or {@code timeout}; then what it is still behind on, or null. */
    private String behindAfter(Admin admin, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String behind;
        while ((behind = behind(admin)) != null && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
        }
        return behind;
    }

    /** What is not processed yet, or null. */
    private String behind(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicDescription d : described.values()) {
            for (TopicPartitionInfo p : d.partitions()) {
                request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
            }
        }
        var ends = admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
            .get(10, TimeUnit.SECONDS);
        for (var end : ends.entrySet()) {
            TopicPartition tp = end.getKey();
            OffsetAndMetadata position = committed.get(tp);
            long at = position == null ? 0 : position.offset();
            long slack = transactional.contains(tp.topic()) ? 1 : 0;
            if (at < end.getValue().offset() - slack) {
                return tp + " at " + at + " of " + end.getValue().offset();
            }
        }
        return null;
    }
}
