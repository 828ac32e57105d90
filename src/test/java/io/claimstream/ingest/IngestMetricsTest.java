package io.claimstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class IngestMetricsTest {

    private static final String URL = "https://news.example/feed";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IngestMetrics metrics = new IngestMetrics(registry);

    @Test
    void eachFeedsStatusIsAGaugeTaggedWithItsUrl() {
        Instant at = Instant.parse("2025-03-12T12:00:00Z");
        metrics.record(URL, outcome(new FeedStatus(at, 200, null, 0, 7, null), PollOutcome.Kind.FETCHED, 7));
        metrics.record(URL, outcome(new FeedStatus(at.plusSeconds(60), 503, "HTTP 503", 1, 7, null), PollOutcome.Kind.FAILED, 0));

        assertThat(registry.get(IngestMetrics.CONSECUTIVE_ERRORS).tag("feed", URL).gauge().value()).isEqualTo(1);
        assertThat(registry.get(IngestMetrics.LAST_STATUS).tag("feed", URL).gauge().value()).isEqualTo(503);
        assertThat(registry.get(IngestMetrics.LAST_FETCH).tag("feed", URL).gauge().value()).isEqualTo(at.getEpochSecond() + 60);
        assertThat(registry.get(IngestMetrics.ITEMS_PUBLISHED).tag("feed", URL).gauge().value()).isEqualTo(7);
        assertThat(registry.get(IngestMetrics.ARTICLES).tag("feed", URL).counter().count()).isEqualTo(7);
        assertThat(registry.get(IngestMetrics.POLLS).tag("feed", URL).tag("outcome", "failed").counter().count()).isEqualTo(1);
        assertThat(metrics.statuses().get(URL).lastError()).isEqualTo("HTTP 503");
    }

    @Test
    void aFeedNoLongerPolledLeavesNoMeters() {
        metrics.record(URL, outcome(new FeedStatus(Instant.EPOCH, 200, null, 0, 1, null), PollOutcome.Kind.FETCHED, 1));

        metrics.forget(URL);

        assertThat(registry.getMeters()).isEmpty();
        assertThat(metrics.statuses()).isEmpty();
    }

    private static PollOutcome outcome(FeedStatus status, PollOutcome.Kind kind, int published) {
        return new PollOutcome(new FeedCheckpoint(URL, CacheValidators.NONE, List.of(), status), kind, published);
    }
}
