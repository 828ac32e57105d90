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

import io.claimstream.ingest.FeedIngester;
import io.claimstream.status.Health;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Ready means: Kafka Streams is RUNNING (not rebalancing, not restoring, not failed), the
 * ingester has its share of the feeds from its group, and every topic the process reads or writes
 * exists; each part only where the process runs it. What a load balancer or an orchestrator asks
 * before sending queries or counting the instance in, and what an operator reads when it says no.
 */
public final class Readiness {

    private final Supplier<KafkaStreams.State> streamsState;
    private final FeedIngester ingester;
    private final Admin admin;
    private final Collection<String> topics;
    private final Duration timeout;

    public Readiness(Supplier<KafkaStreams.State> streamsState, Admin admin, Collection<String> topics, Duration timeout) {
        this(streamsState, null, admin, topics, timeout);
    }

    /**
     * @param streamsState the processing application's state, or null when the process does not process
     * @param ingester the ingester, or null when the process does not ingest
     */
    public Readiness(Supplier<KafkaStreams.State> streamsState, FeedIngester ingester, Admin admin, Collection<String> topics,
                     Duration timeout) {
        this.streamsState = streamsState;
        this.ingester = ingester;
        this.admin = admin;
        this.topics = List.copyOf(topics);
        this.timeout = timeout;
    }

    public Health check() {
        Map<String, String> checks = new TreeMap<>();
        boolean ready = true;
        if (streamsState != null) {
            KafkaStreams.State state = streamsState.get();
            checks.put("streams", String.valueOf(state));
            ready = state == KafkaStreams.State.RUNNING;
        }
        if (ingester != null) {
            String ingesterCheck = !ingester.alive() ? "stopped: " + ingester.failure()
                : ingester.joined() ? polling(ingester.feeds().size()) : "joining its group";
            checks.put("ingester", ingesterCheck);
            ready &= ingester.alive() && ingester.joined();
        }
        String topicCheck = topicCheck();
        checks.put("topics", topicCheck);
        return new Health(ready && topicCheck.equals("ok"), checks);
    }

    private static String polling(int feeds) {
        return "polling " + feeds + (feeds == 1 ? " feed" : " feeds");
    }

    /**
     * Live means: the parts of the process still do their work or recover by themselves. False
     * when Kafka Streams has failed for good (ERROR, or on its way there), or when the ingester has
     * stopped following its feeds: a restart is what helps then. Kafka being unreachable is not a
     * reason (the clients reconnect; readiness says so), and nothing here asks Kafka.
     *
     * @param streamsState the processing application's state, or null when the process does not process
     * @param ingester the ingester, or null when the process does not ingest
     */
    public static Health liveness(Supplier<KafkaStreams.State> streamsState, FeedIngester ingester) {
        Map<String, String> checks = new TreeMap<>();
        boolean live = true;
        if (streamsState != null) {
            KafkaStreams.State state = streamsState.get();
            checks.put("streams", String.valueOf(state));
            live = state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR;
        }
        if (ingester != null) {
            checks.put("ingester", ingester.alive() ? "following its feeds" : "stopped: " + ingester.failure());
            live &= ingester.alive();
        }
        return new Health(live, checks);
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
