package io.claimstream.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every limit and timeout of the ingester. {@link #defaults()} is what runs unless configured
 * otherwise; each cap exists so that no feed, however broken or hostile, can hold a thread or the
 * heap for long.
 *
 * @param connectTimeout time to open a TCP (and TLS) connection
 * @param readTimeout time from sending a request until its whole body has arrived; bounds slow and
 *     trickling servers, not only silent ones
 * @param maxResponseBytes largest response body accepted, counted both as received and after
 *     gzip/deflate decoding
 * @param maxRedirects redirects followed per fetch
 * @param maxConcurrentFetches fetches in flight at once, over all feeds of this process
 * @param defaultPollInterval time between polls of a feed whose settings name none
 * @param minPollInterval floor applied to configured intervals, so a typo cannot hammer an outlet
 * @param backoffBase delay after the first failed poll; doubled for each further failure
 * @param backoffMax longest delay between polls of a failing feed
 * @param maxRetryAfter longest Retry-After honoured; longer ones are cut to this
 * @param maxItemsPerFeed items read from one feed document; the rest are ignored
 * @param maxArticleChars longest article text kept; longer texts are cut
 * @param recentIdsPerFeed ids remembered per feed to avoid republishing items still in the feed
 * @param publishTimeout time to wait for the broker to acknowledge a poll's articles or state
 * @param userAgent User-Agent header sent with every request
 * @param fetchDeadline time one fetch may take in all, redirects included, from the first request
 *     until the last body has arrived; with {@code readTimeout} per response, it bounds how long a
 *     slow server holds a fetch slot
 * @param allowedAddressRanges address ranges (CIDR) feeds may be fetched from although they are
 *     internal (loopback, private, link-local); empty by default, so that a feed or its redirects
 *     cannot reach the services around the ingester
 */
public record IngestSettings(
    Duration connectTimeout,
    Duration readTimeout,
    long maxResponseBytes,
    int maxRedirects,
    int maxConcurrentFetches,
    Duration defaultPollInterval,
    Duration minPollInterval,
    Duration backoffBase,
    Duration backoffMax,
    Duration maxRetryAfter,
    int maxItemsPerFeed,
    int maxArticleChars,
    int recentIdsPerFeed,
    Duration publishTimeout,
    String userAgent,
    Duration fetchDeadline,
    List<String> allowedAddressRanges) {

    public IngestSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(defaultPollInterval, "defaultPollInterval");
        Objects.requireNonNull(minPollInterval, "minPollInterval");
        requirePositive(backoffBase, "backoffBase");
        requirePositive(backoffMax, "backoffMax");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        requirePositive(publishTimeout, "publishTimeout");
        Objects.requireNonNull(userAgent, "userAgent");
        requirePositive(fetchDeadline, "fetchDeadline");
        allowedAddressRanges = List.copyOf(allowedAddressRanges);
        AddressPolicy.allowing(allowedAddressRanges);
        if (maxResponseBytes <= 0 || maxRedirects < 0 || maxConcurrentFetches <= 0 || maxItemsPerFeed <= 0
            || maxArticleChars <= 0 || recentIdsPerFeed <= 0) {
            throw new IllegalArgumentException("ingest limits must be positive");
        }
    }

    public static IngestSettings defaults() {
        return new IngestSettings(
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            10L * 1024 * 1024,
            5,
            4,
            Duration.ofMinutes(15),
            Duration.ofMinutes(1),
            Duration.ofMinutes(1),
            Duration.ofHours(6),
            Duration.ofHours(24),
            500,
            200_000,
            2_000,
            Duration.ofSeconds(60),
            defaultUserAgent(),
            Duration.ofSeconds(60),
            List.of());
    }

    /** Names claimstream and its version so that outlets can tell who polls them. */
    public static String defaultUserAgent() {
        String version = IngestSettings.class.getPackage().getImplementationVersion();
        return "claimstream/" + (version == null ? "dev" : version) + " (RSS/Atom ingester)";
    }

    public IngestSettings withTimeouts(Duration connect, Duration read) {
        return new IngestSettings(connect, read, maxResponseBytes, maxRedirects, maxConcurrentFetches,
            defaultPollInterval, minPollInterval, backoffBase, backoffMax, maxRetryAfter, maxItemsPerFeed,
            maxArticleChars, recentIdsPerFeed, publishTimeout, userAgent, fetchDeadline, allowedAddressRanges);
    }

    public IngestSettings withMaxResponseBytes(long bytes) {
        return new IngestSettings(connectTimeout, readTimeout, bytes, maxRedirects, maxConcurrentFetches,
            defaultPollInterval, minPollInterval, backoffBase, backoffMax, maxRetryAfter, maxItemsPerFeed,
            maxArticleChars, recentIdsPerFeed, publishTimeout, userAgent, fetchDeadline, allowedAddressRanges);
    }

    public IngestSettings withMaxConcurrentFetches(int fetches) {
        return new IngestSettings(connectTimeout, readTimeout, maxResponseBytes, maxRedirects, fetches,
            defaultPollInterval, minPollInterval, backoffBase, backoffMax, maxRetryAfter, maxItemsPerFeed,
            maxArticleChars, recentIdsPerFeed, publishTimeout, userAgent, fetchDeadline, allowedAddressRanges);
    }

    public IngestSettings withPollIntervals(Duration defaultInterval, Duration minInterval) {
        return new IngestSettings(connectTimeout, readTimeout, maxResponseBytes, maxRedirects, maxConcurrentFetches,
            defaultInterval, minInterval, backoffBase, backoffMax, maxRetryAfter, maxItemsPerFeed,
            maxArticleChars, recentIdsPerFeed, publishTimeout, userAgent, fetchDeadline, allowedAddressRanges);
    }

    public IngestSettings withBackoff(Duration base, Duration max) {
        return new IngestSettings(connectTimeout, readTimeout, maxResponseBytes, maxRedirects, maxConcurrentFetches,
            defaultPollInterval, minPollInterval, base, max, maxRetryAfter, maxItemsPerFeed,
            maxArticleChars, recentIdsPerFeed, publishTimeout, userAgent, fetchDeadline, allowedAddressRanges);
    }

    public IngestSettings withRecentIdsPerFeed(int ids) {
        return new IngestSettings(connectTimeout, readTimeout, maxResponseBytes, maxRedirects, maxConcurrentFetches,
            defaultPollInterval, minPollInterval, backoffBase, backoffMax, maxRetryAfter, maxItemsPerFeed,
            maxArticleChars, ids, publishTimeout, userAgent, fetchDeadline, allowedAddressRanges);
    }

    public IngestSettings withFetchDeadline(Duration deadline) {
        return new IngestSettings(connectTimeout, readTimeout, maxResponseBytes, maxRedirects, maxConcurrentFetches,
            defaultPollInterval, minPollInterval, backoffBase, backoffMax, maxRetryAfter, maxItemsPerFeed,
            maxArticleChars, recentIdsPerFeed, publishTimeout, userAgent, deadline, allowedAddressRanges);
    }

    /** These settings with {@code ranges} allowed as well as the ranges already allowed. */
    public IngestSettings withAllowedAddressRanges(List<String> ranges) {
        List<String> all = new ArrayList<>(allowedAddressRanges);
        ranges.stream().filter(r -> !all.contains(r)).forEach(all::add);
        return new IngestSettings(connectTimeout, readTimeout, maxResponseBytes, maxRedirects, maxConcurrentFetches,
            defaultPollInterval, minPollInterval, backoffBase, backoffMax, maxRetryAfter, maxItemsPerFeed,
            maxArticleChars, recentIdsPerFeed, publishTimeout, userAgent, fetchDeadline, all);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
        }
    }
}
