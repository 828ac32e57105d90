package io.claimstream.ingest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/** Per-feed status as Micrometer meters, tagged with the feed URL. */
public final class IngestMetrics {

    static final String POLLS = "claimstream.ingest.polls";
    static final String ARTICLES = "claimstream.ingest.articles.published";
    static final String CONSECUTIVE_ERRORS = "claimstream.ingest.feed.consecutive.errors";
    static final String LAST_FETCH = "claimstream.ingest.feed.last.fetch";
    static final String LAST_STATUS = "claimstream.ingest.feed.last.http.status";
    static final String ITEMS_PUBLISHED = "claimstream.ingest.feed.items.published";

    private final MeterRegistry registry;
    private final Map<String, FeedStatus> statuses = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String url, PollOutcome outcome) {
        FeedStatus status = outcome.checkpoint().status();
        if (statuses.put(url, status) == null) {
            gauge(CONSECUTIVE_ERRORS, url, s -> s.consecutiveErrors(), "failed polls in a row");
            gauge(LAST_FETCH, url, s -> s.lastFetch() == null ? Double.NaN : s.lastFetch().getEpochSecond(),
                "epoch seconds of the last fetch");
            gauge(LAST_STATUS, url, s -> s.lastHttpStatus() == null ? Double.NaN : s.lastHttpStatus(),
                "HTTP status of the last fetch");
            gauge(ITEMS_PUBLISHED, url, s -> s.itemsPublished(), "articles published from the feed since it was added");
        }
        Counter.builder(POLLS).tag("feed", url).tag("outcome", outcome.kind().name().toLowerCase(java.util.Locale.ROOT))
            .description("polls of a feed by outcome").register(registry).increment();
        Counter.builder(ARTICLES).tag("feed", url).description("articles published").register(registry)
            .increment(outcome.articlesPublished());
    }

    /** A feed this ingester no longer polls: its meters would only report stale values. */
    void forget(String url) {
        statuses.remove(url);
        for (Meter meter : registry.getMeters()) {
            if (meter.getId().getName().startsWith("claimstream.ingest.") && url.equals(meter.getId().getTag("feed"))) {
                registry.remove(meter);
            }
        }
    }

    /** The latest status of every feed this ingester polls, by URL. */
    public Map<String, FeedStatus> statuses() {
        return Map.copyOf(statuses);
    }

    private void gauge(String name, String url, ToDoubleFunction<FeedStatus> value, String description) {
        Gauge.builder(name, statuses, m -> {
            FeedStatus s = m.get(url);
            return s == null ? Double.NaN : value.applyAsDouble(s);
        }).tag("feed", url).description(description).register(registry);
    }
}
