package io.claimstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class ThreadFailureBudgetTest {

    private Instant now = Instant.parse("2025-03-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void failuresWithinTheBudgetAreAllowedAndOneMoreIsNot() {
        ThreadFailureBudget budget = new ThreadFailureBudget(2, Duration.ofMinutes(10), clock);

        assertThat(budget.allows()).isTrue();
        now = now.plusSeconds(60);
        assertThat(budget.allows()).isTrue();
        now = now.plusSeconds(60);
        assertThat(budget.allows()).isFalse();
        assertThat(budget.recentFailures()).isEqualTo(3);
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        ThreadFailureBudget budget = new ThreadFailureBudget(2, Duration.ofMinutes(10), clock);

        budget.allows();
        budget.allows();
        now = now.plus(Duration.ofMinutes(10));
        assertThat(budget.allows()).as("the first two are 10 minutes old").isTrue();
        assertThat(budget.recentFailures()).isEqualTo(1);
        now = now.plusSeconds(1);
        assertThat(budget.allows()).isTrue();
        assertThat(budget.allows()).isFalse();
    }

    @Test
    void aBudgetOfZeroShutsDownAtTheFirstFailure() {
        assertThat(new ThreadFailureBudget(0, Duration.ofMinutes(1), clock).allows()).isFalse();
    }

    @Test
    void theHandlerReplacesThreadsWithinTheBudgetCountsThemAndThenShutsTheClientDown() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ThreadReplacingHandler handler = new ThreadReplacingHandler(new ThreadFailureBudget(1, Duration.ofMinutes(10), clock), registry);
        StreamsException failure = new StreamsException("task 0_1 failed", new IllegalStateException("registry down"));

        assertThat(handler.handle(failure)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(handler.handle(failure)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(registry.counter(ThreadReplacingHandler.REPLACED).count()).isEqualTo(1.0);
        assertThat(ThreadReplacingHandler.summary(failure)).isEqualTo("IllegalStateException: registry down");
    }
}
