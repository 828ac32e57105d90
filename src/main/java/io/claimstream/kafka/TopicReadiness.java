package io.claimstream.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Waits until every partition of the given topics answers a list-offsets request.
 *
 * <p>Right after a topic is created, the first idempotent batch sent to it can be rejected and
 * later silently dropped (KAFKA-15591, seen on Kafka 4.4 here). Producing only once the leader
 * answers for every partition avoids it.
 */
public final class TopicReadiness {

    private static final long RETRY_MILLIS = 100;

    private TopicReadiness() {
    }

    public static void await(Admin admin, Collection<String> topics, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                Map<TopicPartition, OffsetSpec> request = new HashMap<>();
                Map<String, TopicDescription> described =
                    admin.describeTopics(topics).allTopicNames().get(remaining(deadline), TimeUnit.MILLISECONDS);
                for (TopicDescription d : described.values()) {
                    for (TopicPartitionInfo p : d.partitions()) {
                        if (p.leader() == null) {
                            throw new IllegalStateException(d.name() + "-" + p.partition() + " has no leader yet");
                        }
                        request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
                    }
                }
                admin.listOffsets(request).all().get(remaining(deadline), TimeUnit.MILLISECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topics " + topics, e);
            } catch (ExecutionException | TimeoutException | IllegalStateException e) {
                last = e;
                sleep();
            }
        }
        throw new IllegalStateException("topics " + topics + " not ready after " + timeout, last);
    }

    private static long remaining(long deadlineNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    private static void sleep() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topics", e);
        }
    }
}
