package io.claimstream.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the operator view shows of one process, as the process knows it in memory: readiness,
 * and for each part it runs, how that part is doing. A part the process does not run is null.
 *
 * @param at when the report was made
 * @param readiness the checks of {@code /health/ready}
 * @param processing the processing application, or null in an ingest-only process
 * @param ingest the ingester, or null in a process-only process
 */
public record OperatorReport(Instant at, Health readiness, Processing processing, Ingest ingest) {

    /**
     * The Kafka Streams application of this process.
     *
     * @param applicationId its {@code application.id}: the consumer group whose lag is shown
     * @param state the client's state (RUNNING, REBALANCING, ERROR...)
     * @param threads its stream threads
     * @param lag records behind the end of each input partition this instance consumes
     * @param deadLetters records sent to news.dlq since the process started, by the stage that gave up on them
     */
    public record Processing(String applicationId, String state, List<StreamThread> threads, List<Lag> lag,
                             Map<String, Long> deadLetters) {

        public Processing {
            threads = List.copyOf(threads);
            lag = List.copyOf(lag);
            deadLetters = Map.copyOf(deadLetters);
        }
    }

    /** A stream thread, with the tasks it runs. */
    public record StreamThread(String name, String state, int activeTasks, int standbyTasks) {
    }

    /**
     * How far this instance's consumer is behind on one partition.
     *
     * @param records records between its position and the end; null before its first fetch tells
     */
    public record Lag(String topic, int partition, Double records) {
    }

    /**
     * The ingester of this process.
     *
     * @param joined whether its consumer group has given it its share of the feeds
     * @param failure why it stopped following its feeds, or null while it follows them
     * @param feeds the feeds it polls
     */
    public record Ingest(boolean joined, String failure, List<Feed> feeds) {

        public Ingest {
            feeds = List.copyOf(feeds);
        }
    }

    /**
     * One feed as its last poll left it.
     *
     * @param lastFetch null before the first poll
     * @param lastHttpStatus null when the last poll got no response
     * @param lastError null when the last poll succeeded
     * @param nextFetch the earliest next poll, later when backing off; null for at once
     */
    public record Feed(String url, Instant lastFetch, Integer lastHttpStatus, String lastError, int consecutiveErrors,
                       long itemsPublished, Instant nextFetch) {
    }
}
