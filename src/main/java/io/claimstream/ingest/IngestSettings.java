package io.claimstream.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

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

    /** The ingester's keys, defined here and included in the table of every key (config.ClaimstreamSettings). */
    public static final String GROUP_ID = "claimstream.ingest.group.id";
    public static final String CONNECT_TIMEOUT_MS = "claimstream.ingest.connect.timeout.ms";
    public static final String READ_TIMEOUT_MS = "claimstream.ingest.read.timeout.ms";
    public static final String MAX_RESPONSE_BYTES = "claimstream.ingest.max.response.bytes";
    public static final String MAX_REDIRECTS = "claimstream.ingest.max.redirects";
    public static final String MAX_CONCURRENT_FETCHES = "claimstream.ingest.max.concurrent.fetches";
    public static final String POLL_INTERVAL_MS = "claimstream.ingest.poll.interval.ms";
    public static final String MIN_POLL_INTERVAL_MS = "claimstream.ingest.min.poll.interval.ms";
    public static final String BACKOFF_BASE_MS = "claimstream.ingest.backoff.base.ms";
    public static final String BACKOFF_MAX_MS = "claimstream.ingest.backoff.max.ms";
    public static final String MAX_RETRY_AFTER_MS = "claimstream.ingest.max.retry.after.ms";
    public static final String MAX_ITEMS_PER_FEED = "claimstream.ingest.max.items.per.feed";
    public static final String MAX_ARTICLE_CHARS = "claimstream.ingest.max.article.chars";
    public static final String RECENT_IDS_PER_FEED = "claimstream.ingest.recent.ids.per.feed";
    public static final String PUBLISH_TIMEOUT_MS = "claimstream.ingest.publish.timeout.ms";
    public static final String USER_AGENT = "claimstream.ingest.user.agent";
    public static final String FETCH_DEADLINE_MS = "claimstream.ingest.fetch.deadline.ms";
    public static final String FETCH_ALLOWED_RANGES = "claimstream.ingest.fetch.allowed.ranges";
    public static final String COMPRESSION_TYPE = "claimstream.ingest.compression.type";
    public static final String DEFAULT_GROUP_ID = "claimstream-ingest";
    /**
     * What the ingester's producers compress with unless configured: every Kafka client
     * decompresses gzip without a plugin (kafkajs has no lz4, snappy or zstd of its own).
     */
    public static final String DEFAULT_COMPRESSION = "gzip";

    private static final ConfigDef DEFINITION = ownDefinition();

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

    /** The ingester's keys with type, default, validator and meaning. */
    public static ConfigDef definition() {
        return new ConfigDef(DEFINITION);
    }

    /**
     * The ingester's settings from values {@link #definition()} has parsed (every key present,
     * defaults filled in).
     *
     * @throws ConfigException naming the key when values disagree
     */
    public static IngestSettings from(Map<String, Object> v) {
        IngestSettings ingest;
        try {
            ingest = new IngestSettings(
                millis(v, CONNECT_TIMEOUT_MS),
                millis(v, READ_TIMEOUT_MS),
                (Long) v.get(MAX_RESPONSE_BYTES),
                (Integer) v.get(MAX_REDIRECTS),
                (Integer) v.get(MAX_CONCURRENT_FETCHES),
                millis(v, POLL_INTERVAL_MS),
                millis(v, MIN_POLL_INTERVAL_MS),
                millis(v, BACKOFF_BASE_MS),
                millis(v, BACKOFF_MAX_MS),
                millis(v, MAX_RETRY_AFTER_MS),
                (Integer) v.get(MAX_ITEMS_PER_FEED),
                (Integer) v.get(MAX_ARTICLE_CHARS),
                (Integer) v.get(RECENT_IDS_PER_FEED),
                millis(v, PUBLISH_TIMEOUT_MS),
                v.get(USER_AGENT) == null ? defaultUserAgent() : (String) v.get(USER_AGENT),
                millis(v, FETCH_DEADLINE_MS),
                stringList(v, FETCH_ALLOWED_RANGES));
        } catch (IllegalArgumentException e) {
            // The ranges of the definition keep every limit positive; this only guards the record's own rules.
            throw new ConfigException("claimstream.ingest settings are invalid: " + e.getMessage());
        }
        if (ingest.minPollInterval().compareTo(ingest.defaultPollInterval()) > 0) {
            throw new ConfigException(MIN_POLL_INTERVAL_MS, ingest.minPollInterval().toMillis(),
                "must not exceed " + POLL_INTERVAL_MS + " (" + ingest.defaultPollInterval().toMillis() + ")");
        }
        return ingest;
    }

    private static ConfigDef ownDefinition() {
        IngestSettings d = defaults();
        return new ConfigDef()
            .define(GROUP_ID, Type.STRING, DEFAULT_GROUP_ID, new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                "Consumer group of the ingesters: instances with the same id share the feeds of news.feeds.")
            .define(CONNECT_TIMEOUT_MS, Type.LONG, d.connectTimeout().toMillis(), Range.atLeast(1), Importance.LOW,
                "Time to open a connection to a feed's server.")
            .define(READ_TIMEOUT_MS, Type.LONG, d.readTimeout().toMillis(), Range.atLeast(1), Importance.LOW,
                "Time from sending a feed request until its whole body has arrived.")
            .define(MAX_RESPONSE_BYTES, Type.LONG, d.maxResponseBytes(), Range.atLeast(1), Importance.LOW,
                "Largest feed response accepted, before and after gzip/deflate decoding.")
            .define(MAX_REDIRECTS, Type.INT, d.maxRedirects(), Range.atLeast(0), Importance.LOW,
                "Redirects followed per fetch.")
            .define(MAX_CONCURRENT_FETCHES, Type.INT, d.maxConcurrentFetches(), Range.atLeast(1), Importance.LOW,
                "Feed fetches in flight at once in this process.")
            .define(POLL_INTERVAL_MS, Type.LONG, d.defaultPollInterval().toMillis(), Range.atLeast(1), Importance.MEDIUM,
                "Time between polls of a feed whose settings name no interval.")
            .define(MIN_POLL_INTERVAL_MS, Type.LONG, d.minPollInterval().toMillis(), Range.atLeast(1), Importance.LOW,
                "Floor of every feed's poll interval, so that a typo cannot hammer an outlet.")
            .define(BACKOFF_BASE_MS, Type.LONG, d.backoffBase().toMillis(), Range.atLeast(1), Importance.LOW,
                "Delay after a feed's first failed poll; doubled for each further failure (±20 % jitter).")
            .define(BACKOFF_MAX_MS, Type.LONG, d.backoffMax().toMillis(), Range.atLeast(1), Importance.LOW,
                "Longest delay between polls of a failing feed.")
            .define(MAX_RETRY_AFTER_MS, Type.LONG, d.maxRetryAfter().toMillis(), Range.atLeast(0), Importance.LOW,
                "Longest Retry-After honoured; longer ones are cut to this.")
            .define(MAX_ITEMS_PER_FEED, Type.INT, d.maxItemsPerFeed(), Range.atLeast(1), Importance.LOW,
                "Items read from one feed document; the rest are ignored.")
            .define(MAX_ARTICLE_CHARS, Type.INT, d.maxArticleChars(), Range.atLeast(1), Importance.LOW,
                "Longest article text kept; longer texts are cut.")
            .define(RECENT_IDS_PER_FEED, Type.INT, d.recentIdsPerFeed(), Range.atLeast(1), Importance.LOW,
                "Article ids remembered per feed, so that items still in a feed are not published again.")
            .define(PUBLISH_TIMEOUT_MS, Type.LONG, d.publishTimeout().toMillis(), Range.atLeast(1), Importance.LOW,
                "Time to wait for the broker to acknowledge a poll's articles and state.")
            // null rather than the default itself, which names the build's version.
            .define(USER_AGENT, Type.STRING, null, new ConfigDef.NonEmptyString(), Importance.LOW,
                "User-Agent header of feed requests; unset: claimstream/VERSION (RSS/Atom ingester).")
            .define(FETCH_DEADLINE_MS, Type.LONG, d.fetchDeadline().toMillis(), Range.atLeast(1), Importance.LOW,
                "Time one feed fetch may take in all, redirects included, until the last body has arrived; "
                    + "a slow server holds a fetch slot no longer.")
            .define(FETCH_ALLOWED_RANGES, Type.LIST, null, IngestSettings::validRanges, Importance.MEDIUM,
                "Address ranges (CIDR, comma-separated, e.g. 10.1.0.0/16,::1/128) feeds may be fetched from although they are "
                    + "loopback, private, link-local (cloud metadata) or other internal addresses, which are refused otherwise, "
                    + "for the feed URL and every redirect; unset: none. Embedded mode adds loopback for its sample feeds.")
            .define(COMPRESSION_TYPE, Type.STRING, DEFAULT_COMPRESSION,
                ConfigDef.ValidString.in("gzip", "none", "snappy", "lz4", "zstd"), Importance.LOW,
                "compression.type of the ingester's producers (news.articles, news.feeds, news.feed-state). Processing "
                    + "takes Kafka Streams' compression.type (lz4 unless set), which its internal topics keep.");
    }

    private static void validRanges(String name, Object value) {
        if (value == null) {
            return;
        }
        try {
            AddressPolicy.allowing(stringList(Map.of(name, value), name));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> stringList(Map<String, Object> values, String key) {
        Object value = values.get(key);
        return value == null ? List.of() : (List<String>) value;
    }

    private static Duration millis(Map<String, Object> values, String key) {
        return Duration.ofMillis((Long) values.get(key));
    }
}
