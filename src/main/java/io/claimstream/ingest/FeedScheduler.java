package io.claimstream.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls each feed this ingester owns at its own pace: one poll of a feed at a time, the next one
 * when its checkpoint says (interval, backoff or Retry-After). Removing a feed waits for a poll in
 * progress to finish and store its checkpoint, so that whoever takes the feed over next reads it.
 *
 * <p>Feeds whose last poll was slow once it had a fetch slot (half the read timeout or the fetch
 * deadline, whichever is shorter) are polled on threads of their own, half as many as there are fetch slots: slow or
 * hostile servers can take at most half the slots, and the other feeds keep their cadence.
 */
final class FeedScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FeedScheduler.class);

    private final FeedPoller poller;
    private final FeedStateStore store;
    private final IngestMetrics metrics;
    private final ErrorBackoff backoff;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor executor;
    private final ScheduledThreadPoolExecutor slowExecutor;
    private final long slowPollNanos;
    private final Map<String, ScheduledFeed> feeds = new ConcurrentHashMap<>();

    FeedScheduler(FeedPoller poller, FeedStateStore store, IngestMetrics metrics, ErrorBackoff backoff,
                  IngestSettings settings, Clock clock, String name) {
        this.poller = poller;
        this.store = store;
        this.metrics = metrics;
        this.backoff = backoff;
        this.clock = clock;
        this.executor = pollThreads(settings.maxConcurrentFetches(), name + "-poll-");
        this.slowExecutor = pollThreads(Math.max(1, settings.maxConcurrentFetches() / 2), name + "-slow-poll-");
        Duration shorter = settings.readTimeout().compareTo(settings.fetchDeadline()) < 0 ? settings.readTimeout() : settings.fetchDeadline();
        this.slowPollNanos = shorter.toNanos() / 2;
    }

    private static ScheduledThreadPoolExecutor pollThreads(int count, String prefix) {
        AtomicInteger threads = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(count, r -> {
            Thread t = new Thread(r, prefix + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.setRemoveOnCancelPolicy(true);
        return pool;
    }

    /** Starts polling a feed, or updates the settings of one already polled. */
    void put(int partition, Feed feed, FeedCheckpoint checkpoint) {
        ScheduledFeed existing = feeds.get(feed.url());
        if (existing != null) {
            existing.feed = feed;
            return;
        }
        ScheduledFeed scheduled = new ScheduledFeed(partition, feed, checkpoint);
        feeds.put(feed.url(), scheduled);
        log.info("now polling {} (partition {})", feed.url(), partition);
        scheduleNext(scheduled, checkpoint.status().nextFetch());
    }

    /** Stops polling a feed, after its poll in progress if any. */
    void remove(String url) {
        ScheduledFeed scheduled = feeds.remove(url);
        if (scheduled != null) {
            stop(scheduled);
            log.info("stopped polling {}", url);
        }
    }

    void removePartitions(Collection<Integer> partitions) {
        List<ScheduledFeed> leaving = feeds.values().stream().filter(f -> partitions.contains(f.partition)).toList();
        for (ScheduledFeed f : leaving) {
            feeds.remove(f.feed.url(), f);
            f.stopped = true;
            cancel(f);
        }
        for (ScheduledFeed f : leaving) {
            stop(f);
        }
        if (!leaving.isEmpty()) {
            log.info("handed over {} feeds of partitions {}", leaving.size(), partitions);
        }
    }

    boolean polls(String url) {
        return feeds.containsKey(url);
    }

    Set<String> feeds() {
        return Set.copyOf(feeds.keySet());
    }

    private void stop(ScheduledFeed f) {
        f.stopped = true;
        cancel(f);
        synchronized (f) {
            // Entered only once a poll in progress has stored its checkpoint.
            metrics.forget(f.feed.url());
        }
    }

    private void cancel(ScheduledFeed f) {
        ScheduledFuture<?> next = f.next;
        if (next != null) {
            next.cancel(false);
        }
    }

    private void scheduleNext(ScheduledFeed f, Instant at) {
        long delay = at == null ? 0 : Math.max(0, Duration.between(clock.instant(), at).toMillis());
        ScheduledThreadPoolExecutor pool = f.slow ? slowExecutor : executor;
        if (!f.stopped && !pool.isShutdown()) {
            try {
                f.next = pool.schedule(() -> run(f), delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // Closing.
            }
        }
    }

    private void run(ScheduledFeed f) {
        Instant next;
        synchronized (f) {
            if (f.stopped) {
                return;
            }
            try {
                PollOutcome outcome = poller.poll(f.feed, f.checkpoint);
                // From the start of the fetch, once it had a slot: waiting for a slot is not the feed's slowness.
                Instant fetched = outcome.checkpoint().status().lastFetch();
                boolean slow = fetched != null && Duration.between(fetched, clock.instant()).toNanos() >= slowPollNanos;
                if (slow != f.slow) {
                    log.info("{}: {}", f.feed.url(), slow ? "polled slowly, now on the threads of slow feeds" : "polled in time again");
                    f.slow = slow;
                }
                f.checkpoint = outcome.checkpoint();
                metrics.record(f.feed.url(), outcome);
                store.save(f.partition, outcome.checkpoint());
                next = outcome.checkpoint().status().nextFetch();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                // A bug, an unreachable broker or an Error (a StackOverflowError in a library) must
                // not end this feed's schedule: an exception escaping a scheduled task cancels it silently.
                f.failures++;
                next = clock.instant().plus(backoff.delayAfter(f.failures));
                log.error("{}: poll could not complete, retrying at {}", f.feed.url(), next, e);
                recordFailure(f, next, e);
            }
        }
        scheduleNext(f, next);
    }

    /** Shows a poll that could not complete in the feed's status, so that it does not read "never fetched". */
    private void recordFailure(ScheduledFeed f, Instant next, Throwable e) {
        try {
            FeedStatus previous = f.checkpoint.status();
            String reason = "the poll could not complete: " + (e.getMessage() == null ? "internal error" : e.getMessage());
            FeedStatus status = new FeedStatus(clock.instant(), previous.lastHttpStatus(), reason,
                previous.consecutiveErrors() + 1, previous.itemsPublished(), next);
            f.checkpoint = new FeedCheckpoint(f.checkpoint.url(), f.checkpoint.validators(), f.checkpoint.recentIds(), status);
            metrics.record(f.feed.url(), new PollOutcome(f.checkpoint, PollOutcome.Kind.FAILED, 0));
        } catch (RuntimeException again) {
            log.debug("{}: could not record the failed poll", f.feed.url(), again);
        }
    }

    @Override
    public void close() {
        for (ScheduledFeed f : feeds.values()) {
            f.stopped = true;
            cancel(f);
        }
        executor.shutdownNow();
        slowExecutor.shutdownNow();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
            slowExecutor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        feeds.clear();
    }

    private static final class ScheduledFeed {
        final int partition;
        volatile Feed feed;
        volatile boolean stopped;
        volatile boolean slow;
        volatile ScheduledFuture<?> next;
        FeedCheckpoint checkpoint;
        int failures;

        ScheduledFeed(int partition, Feed feed, FeedCheckpoint checkpoint) {
            this.partition = partition;
            this.feed = feed;
            this.checkpoint = checkpoint;
        }
    }
}
