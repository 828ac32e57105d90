package io.claimstream.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.claimstream.status.Health;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Ready means: Kafka Streams is RUNNING (not rebalancing, not restoring, not failed) and every
 * topic claimstream reads or writes exists. What a load balancer or an orchestrator asks before
 * sending queries, and what an operator reads when it says no.
 */
public final class Readiness {

    private final Supplier<KafkaStreams.State> streamsState;
    private final Admin admin;
    private final Collection<String> topics;
    private final Duration timeout;

    public Readiness(Supplier<KafkaStreams.State> streamsState, Admin admin, Collection<String> topics, Duration timeout) {
        this.streamsState = streamsState;
        this.admin = admin;
        this.topics = List.copyOf(topics);
        this.timeout = timeout;
    }

    public Health check() {
        Map<String, String> checks = new TreeMap<>();
        KafkaStreams.State state = streamsState.get();
        checks.put("streams", String.valueOf(state));
        String topicCheck = topicCheck();
        checks.put("topics", topicCheck);
        return new Health(state == KafkaStreams.State.RUNNING && topicCheck.equals("ok"), checks);
    }

    private String topicCheck() {
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<String> missing = new ArrayList<>();
            for (String topic : topics) {
                if (!existing.contains(topic)) {
                    missing.add(topic);
                }
            }
            return missing.isEmpty() ? "ok" : "missing " + String.join(", ", missing);
        } catch (ExecutionException e) {
            return "cannot list topics: " + e.getCause().getMessage();
        } catch (TimeoutException e) {
            return "cannot list topics: no answer from Kafka within " + timeout.toMillis() + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
