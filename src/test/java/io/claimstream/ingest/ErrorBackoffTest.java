package io.claimstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ErrorBackoffTest {

    @Test
    void doublesPerFailureUpToTheCap() {
        ErrorBackoff backoff = new ErrorBackoff(Duration.ofMinutes(1), Duration.ofMinutes(30), () -> 0.5);

        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(backoff.delayAfter(5)).isEqualTo(Duration.ofMinutes(16));
        assertThat(backoff.delayAfter(6)).isEqualTo(Duration.ofMinutes(30));
        assertThat(backoff.delayAfter(1000)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void jitterSpreadsDelaysByAFifthEitherWayButNeverPastTheCap() {
        ErrorBackoff low = new ErrorBackoff(Duration.ofMinutes(10), Duration.ofMinutes(30), () -> 0.0);
        ErrorBackoff high = new ErrorBackoff(Duration.ofMinutes(10), Duration.ofMinutes(30), () -> 0.999_999);

        assertThat(low.delayAfter(1)).isEqualTo(Duration.ofMinutes(8));
        assertThat(high.delayAfter(1)).isBetween(Duration.ofSeconds(719), Duration.ofMinutes(12));
        assertThat(high.delayAfter(3)).isEqualTo(Duration.ofMinutes(30));
    }
}
