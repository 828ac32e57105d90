package io.claimstream.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How many stream thread failures are worth a new thread: at most {@code maxFailures} within any
 * {@code window}. A failure now and then (a broker restart, a network blip that outlasted the
 * clients' retries) is survived by replacing the thread; failures in a row mean the cause is
 * still there, and replacing threads would only spin.
 */
public final class ThreadFailureBudget {

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Deque<Instant> failures = new ArrayDeque<>();

    public ThreadFailureBudget(int maxFailures, Duration window, Clock clock) {
        if (maxFailures < 0) {
            throw new IllegalArgumentException("maxFailures must not be negative: " + maxFailures);
        }
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** Records a failure; true while the failures within the window, this one included, are within the budget. */
    public synchronized boolean allows() {
        Instant now = clock.instant();
        failures.addLast(now);
        while (!failures.isEmpty() && !failures.peekFirst().isAfter(now.minus(window))) {
            failures.removeFirst();
        }
        return failures.size() <= maxFailures;
    }

    /** Failures within the window, as of the last one recorded. */
    public synchronized int recentFailures() {
        return failures.size();
    }

    public int maxFailures() {
        return maxFailures;
    }

    public Duration window() {
        return window;
    }
}
