package io.claimstream.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Reads a feed the way the ingester would, from a URL or a file, without Kafka, and says which
 * articles it would publish or why it cannot: how a user finds out whether a feed works before
 * adding it.
 */
public final class FeedCheck {

    /**
     * The verdict on one feed.
     *
     * @param feed the URL or path as given
     * @param error why it cannot be ingested, or null when it can
     * @param source the outlet name its articles would carry, or null
     * @param items the articles it would publish
     */
    public record Report(String feed, String error, String source, List<FeedItem> items) {

        public Report {
            items = List.copyOf(items);
        }

        public boolean ok() {
            return error == null;
        }
    }

    private final FeedFetcher fetcher;
    private final FeedParser parser;
    private final IngestSettings settings;
    private final Clock clock;

    public FeedCheck(IngestSettings settings, Clock clock) {
        this.fetcher = new FeedFetcher(settings, clock);
        this.parser = new FeedParser(settings);
        this.settings = settings;
        this.clock = clock;
    }

    public Report check(String feed) throws InterruptedException {
        String lower = feed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return checkUrl(feed);
        }
        Path path = lower.startsWith("file:") ? Path.of(URI.create(feed)) : Path.of(feed);
        return checkFile(feed, path);
    }

    private Report checkUrl(String feed) throws InterruptedException {
        URI uri;
        try {
            uri = URI.create(Feed.requireFeedUrl(feed));
        } catch (IllegalArgumentException e) {
            return failed(feed, e.getMessage());
        }
        FetchResult result = fetcher.fetch(uri, CacheValidators.NONE);
        if (result instanceof FetchResult.Failed) {
            return failed(feed, ((FetchResult.Failed) result).reason());
        }
        if (result instanceof FetchResult.NotModified) {
            return failed(feed, "HTTP 304 to an unconditional request");
        }
        FetchResult.Fetched fetched = (FetchResult.Fetched) result;
        return parsed(feed, fetched.body(), fetched.contentType(), fetched.finalUrl(), fetched.fetchedAt(), uri.getHost());
    }

    private Report checkFile(String feed, Path path) {
        byte[] body;
        try (InputStream in = Files.newInputStream(path)) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxResponseBytes() + 1));
        } catch (NoSuchFileException e) {
            return failed(feed, "no such file: " + path);
        } catch (IOException e) {
            return failed(feed, "cannot read " + path + ": " + e.getMessage());
        }
        if (body.length > settings.maxResponseBytes()) {
            return failed(feed, "file larger than the limit of " + ByteSizes.describe(settings.maxResponseBytes()));
        }
        Path name = path.getFileName();
        return parsed(feed, body, null, path.toAbsolutePath().toUri(), clock.instant(), name == null ? feed : name.toString());
    }

    private Report parsed(String feed, byte[] body, String contentType, URI location, Instant at, String fallbackSource) {
        try {
            ParsedFeed parsed = parser.parse(body, contentType, location, at);
            return new Report(feed, null, parsed.title() == null ? fallbackSource : parsed.title(), parsed.items());
        } catch (FeedParseException e) {
            return failed(feed, e.getMessage());
        }
    }

    private static Report failed(String feed, String reason) {
        return new Report(feed, reason, null, List.of());
    }
}
