package io.claimstream.ingest;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long a failing feed rests: the base delay doubled for each failure in a row, capped, and
 * spread by ±20 % so that feeds failing together (an outlet's outage) do not retry together.
 */
public final class ErrorBackoff {

    private static final double JITTER = 0.2;

    private final Duration base;
    private final Duration max;
    private final DoubleSupplier random;

    /** @param random uniform values in [0, 1) */
    public ErrorBackoff(Duration base, Duration max, DoubleSupplier random) {
        this.base = base;
        this.max = max;
        this.random = random;
    }

    public Duration delayAfter(int consecutiveErrors) {
        int doublings = Math.max(0, Math.min(consecutiveErrors - 1, 30));
        double exponential = Math.min(base.toMillis() * Math.pow(2, doublings), max.toMillis());
        double jittered = exponential * (1 - JITTER + 2 * JITTER * random.getAsDouble());
        return Duration.ofMillis(Math.round(Math.min(jittered, max.toMillis())));
    }
}
