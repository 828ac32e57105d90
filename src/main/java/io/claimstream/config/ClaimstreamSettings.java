package io.claimstream.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.claimstream.ingest.AddressPolicy;
import io.claimstream.ingest.IngestSettings;
import io.claimstream.registry.BasicCredentials;
import io.claimstream.topology.ClaimsSettings;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The table of every {@code claimstream.} key: name, type, default, allowed values and meaning.
 * The keys of the running process (embedded mode, ports, ingester limits, failure budget,
 * shutdown) are defined here; the topology's are defined by {@link ClaimsSettings}, which
 * cannot depend on this package, and are included in {@link #definition()}. The README's
 * configuration table is checked against {@link #definition()} by a test.
 *
 * @param dataDir where embedded mode keeps the broker's log, the registry's schemas, the Streams
 *     state and its own files
 * @param kafkaPort port of the embedded broker; 0 picks a free one
 * @param registryHost address the embedded schema registry binds
 * @param registryPort port of the embedded schema registry; 0 picks a free one
 * @param registryCredentials basic auth the embedded schema registry asks of every request, or null
 * @param httpHost address the status server binds
 * @param httpPort port of the status server; 0 picks a free one, -1 serves none
 * @param statusCredentials basic auth the status server asks of every request, or null
 * @param sampleFeeds whether embedded mode serves and ingests the bundled sample feeds when no other feeds are configured
 * @param ingestGroupId consumer group of the ingesters: instances with the same id share the feeds
 * @param ingest the ingester's limits and timeouts
 * @param threadFailures stream thread failures tolerated within {@code threadFailureWindow}
 * @param threadFailureWindow the window of the failure budget
 * @param shutdownTimeout how long a graceful shutdown may take before the process halts
 * @param topicCompression compression.type set on the public topics when claimstream creates them
 * @param ingestCompression compression.type of the ingester's producers
 * @param sampleFeedsOnCluster whether a process on a cluster serves and ingests the bundled sample feeds
 *     when no other feeds are configured, as embedded mode does: a demo stack's way to show subjects
 */
public record ClaimstreamSettings(
    Path dataDir,
    int kafkaPort,
    String registryHost,
    int registryPort,
    BasicCredentials registryCredentials,
    String httpHost,
    int httpPort,
    BasicCredentials statusCredentials,
    boolean sampleFeeds,
    String ingestGroupId,
    IngestSettings ingest,
    int threadFailures,
    Duration threadFailureWindow,
    Duration shutdownTimeout,
    String topicCompression,
    String ingestCompression,
    boolean sampleFeedsOnCluster) {

    public static final String DATA_DIR = "claimstream.data.dir";
    public static final String KAFKA_PORT = "claimstream.embedded.kafka.port";
    public static final String REGISTRY_HOST = "claimstream.embedded.registry.host";
    public static final String REGISTRY_PORT = "claimstream.embedded.registry.port";
    public static final String REGISTRY_AUTH_USER = "claimstream.registry.auth.basic.user";
    public static final String REGISTRY_AUTH_PASSWORD = "claimstream.registry.auth.basic.password";
    public static final String STATUS_AUTH_USER = "claimstream.status.auth.basic.user";
    public static final String STATUS_AUTH_PASSWORD = "claimstream.status.auth.basic.password";
    public static final String SAMPLE_FEEDS = "claimstream.embedded.sample.feeds";
    public static final String SAMPLE_FEEDS_ON_CLUSTER = "claimstream.sample.feeds";
    public static final String HTTP_HOST = "claimstream.http.host";
    public static final String HTTP_PORT = "claimstream.http.port";
    public static final String INGEST_GROUP_ID = "claimstream.ingest.group.id";
    public static final String INGEST_CONNECT_TIMEOUT_MS = "claimstream.ingest.connect.timeout.ms";
    public static final String INGEST_READ_TIMEOUT_MS = "claimstream.ingest.read.timeout.ms";
    public static final String INGEST_MAX_RESPONSE_BYTES = "claimstream.ingest.max.response.bytes";
    public static final String INGEST_MAX_REDIRECTS = "claimstream.ingest.max.redirects";
    public static final String INGEST_MAX_CONCURRENT_FETCHES = "claimstream.ingest.max.concurrent.fetches";
    public static final String INGEST_POLL_INTERVAL_MS = "claimstream.ingest.poll.interval.ms";
    public static final String INGEST_MIN_POLL_INTERVAL_MS = "claimstream.ingest.min.poll.interval.ms";
    public static final String INGEST_BACKOFF_BASE_MS = "claimstream.ingest.backoff.base.ms";
    public static final String INGEST_BACKOFF_MAX_MS = "claimstream.ingest.backoff.max.ms";
    public static final String INGEST_MAX_RETRY_AFTER_MS = "claimstream.ingest.max.retry.after.ms";
    public static final String INGEST_MAX_ITEMS_PER_FEED = "claimstream.ingest.max.items.per.feed";
    public static final String INGEST_MAX_ARTICLE_CHARS = "claimstream.ingest.max.article.chars";
    public static final String INGEST_RECENT_IDS_PER_FEED = "claimstream.ingest.recent.ids.per.feed";
    public static final String INGEST_PUBLISH_TIMEOUT_MS = "claimstream.ingest.publish.timeout.ms";
    public static final String INGEST_USER_AGENT = "claimstream.ingest.user.agent";
    public static final String INGEST_FETCH_DEADLINE_MS = "claimstream.ingest.fetch.deadline.ms";
    public static final String INGEST_FETCH_ALLOWED_RANGES = "claimstream.ingest.fetch.allowed.ranges";
    public static final String THREAD_FAILURES_MAX = "claimstream.streams.thread.failures.max";
    public static final String THREAD_FAILURES_WINDOW_MS = "claimstream.streams.thread.failures.window.ms";
    public static final String SHUTDOWN_TIMEOUT_MS = "claimstream.shutdown.timeout.ms";
    public static final String PUBLIC_TOPICS_COMPRESSION_TYPE = "claimstream.public.topics.compression.type";
    public static final String INGEST_COMPRESSION_TYPE = "claimstream.ingest.compression.type";

    /**
     * What the public topics and the ingester's producers use unless configured: every Kafka
     * client decompresses gzip without a plugin (kafkajs has no lz4, snappy or zstd of its own).
     */
    public static final String DEFAULT_PUBLIC_COMPRESSION = "gzip";

    public static final String DEFAULT_DATA_DIR = "claimstream-data";
    public static final String DEFAULT_INGEST_GROUP_ID = "claimstream-ingest";

    private static final ConfigDef OWN = ownDefinition();
    private static final ConfigDef DEFINITION = allKeys();

    public ClaimstreamSettings {
        if (threadFailureWindow.isZero() || threadFailureWindow.isNegative()) {
            throw new ConfigException(THREAD_FAILURES_WINDOW_MS, threadFailureWindow.toMillis(), "must be positive");
        }
        if (ingest.minPollInterval().compareTo(ingest.defaultPollInterval()) > 0) {
            throw new ConfigException(INGEST_MIN_POLL_INTERVAL_MS, ingest.minPollInterval().toMillis(),
                "must not exceed " + INGEST_POLL_INTERVAL_MS + " (" + ingest.defaultPollInterval().toMillis() + ")");
        }
    }

    public static ClaimstreamSettings defaults() {
        return from(Map.of());
    }

    /**
     * Reads this record's keys from {@code props}, defaulting the missing ones; other keys are ignored.
     *
     * @throws ConfigException naming the key when a value is invalid
     */
    public static ClaimstreamSettings from(Map<?, ?> props) {
        Map<String, Object> own = new TreeMap<>();
        props.forEach((k, v) -> {
            if (OWN.names().contains(String.valueOf(k))) {
                own.put(String.valueOf(k), v);
            }
        });
        Map<String, Object> v = OWN.parse(own);
        IngestSettings ingest;
        try {
            ingest = new IngestSettings(
                millis(v, INGEST_CONNECT_TIMEOUT_MS),
                millis(v, INGEST_READ_TIMEOUT_MS),
                (Long) v.get(INGEST_MAX_RESPONSE_BYTES),
                (Integer) v.get(INGEST_MAX_REDIRECTS),
                (Integer) v.get(INGEST_MAX_CONCURRENT_FETCHES),
                millis(v, INGEST_POLL_INTERVAL_MS),
                millis(v, INGEST_MIN_POLL_INTERVAL_MS),
                millis(v, INGEST_BACKOFF_BASE_MS),
                millis(v, INGEST_BACKOFF_MAX_MS),
                millis(v, INGEST_MAX_RETRY_AFTER_MS),
                (Integer) v.get(INGEST_MAX_ITEMS_PER_FEED),
                (Integer) v.get(INGEST_MAX_ARTICLE_CHARS),
                (Integer) v.get(INGEST_RECENT_IDS_PER_FEED),
                millis(v, INGEST_PUBLISH_TIMEOUT_MS),
                v.get(INGEST_USER_AGENT) == null ? IngestSettings.defaultUserAgent() : (String) v.get(INGEST_USER_AGENT),
                millis(v, INGEST_FETCH_DEADLINE_MS),
                stringList(v, INGEST_FETCH_ALLOWED_RANGES));
        } catch (IllegalArgumentException e) {
            // The ranges above keep every limit positive; this only guards IngestSettings' own rules.
            throw new ConfigException("claimstream.ingest settings are invalid: " + e.getMessage());
        }
        return new ClaimstreamSettings(
            Path.of((String) v.get(DATA_DIR)),
            (Integer) v.get(KAFKA_PORT),
            (String) v.get(REGISTRY_HOST),
            (Integer) v.get(REGISTRY_PORT),
            credentials(v, REGISTRY_AUTH_USER, REGISTRY_AUTH_PASSWORD),
            (String) v.get(HTTP_HOST),
            (Integer) v.get(HTTP_PORT),
            credentials(v, STATUS_AUTH_USER, STATUS_AUTH_PASSWORD),
            (Boolean) v.get(SAMPLE_FEEDS),
            (String) v.get(INGEST_GROUP_ID),
            ingest,
            (Integer) v.get(THREAD_FAILURES_MAX),
            millis(v, THREAD_FAILURES_WINDOW_MS),
            millis(v, SHUTDOWN_TIMEOUT_MS),
            (String) v.get(PUBLIC_TOPICS_COMPRESSION_TYPE),
            (String) v.get(INGEST_COMPRESSION_TYPE),
            (Boolean) v.get(SAMPLE_FEEDS_ON_CLUSTER));
    }

    /**
     * The settings a schema registry client (Confluent's, or claimstream's) needs to send the
     * embedded registry's credentials: {@code basic.auth.credentials.source=USER_INFO} and
     * {@code basic.auth.user.info}; empty when the registry asks for none.
     */
    public Map<String, String> registryClientAuth() {
        return registryCredentials == null ? Map.of()
            : Map.of("basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", registryCredentials.userInfo());
    }

    /** The user and password of {@code userKey} and {@code passwordKey}: both or neither. */
    private static BasicCredentials credentials(Map<String, Object> values, String userKey, String passwordKey) {
        String user = (String) values.get(userKey);
        Password password = (Password) values.get(passwordKey);
        if (user == null && password == null) {
            return null;
        }
        if (user == null) {
            throw new ConfigException(userKey, null, "must be set with " + passwordKey);
        }
        if (password == null) {
            throw new ConfigException(passwordKey, null, "must be set with " + userKey);
        }
        try {
            return new BasicCredentials(user, password.value());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(userKey, user, e.getMessage());
        }
    }

    /** Every {@code claimstream.} key, the topology's included, with type, default, validator and meaning. */
    public static ConfigDef definition() {
        return new ConfigDef(DEFINITION);
    }

    private static ConfigDef allKeys() {
        ConfigDef all = new ConfigDef(OWN);
        ClaimsSettings.definition().configKeys().values().forEach(all::define);
        return all;
    }

    private static ConfigDef ownDefinition() {
        IngestSettings d = IngestSettings.defaults();
        Range port = Range.between(0, 65_535);
        return new ConfigDef()
            .define(DATA_DIR, Type.STRING, DEFAULT_DATA_DIR, new ConfigDef.NonEmptyString(), Importance.HIGH,
                "Embedded mode: where the broker's log (topics, schemas, feed state), the Streams state and temporary files "
                    + "are kept; a second start on it resumes.")
            .define(KAFKA_PORT, Type.INT, 9092, port, Importance.MEDIUM,
                "Embedded mode: port of the Kafka broker on 127.0.0.1 (0: a free port).")
            .define(REGISTRY_HOST, Type.STRING, "127.0.0.1", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                "Embedded mode: address the schema registry binds. A wider one (0.0.0.0: every interface) exposes it to the "
                    + "network: set claimstream.registry.auth.basic.user and .password with it.")
            .define(REGISTRY_PORT, Type.INT, 8081, port, Importance.MEDIUM,
                "Embedded mode: port of the schema registry (0: a free port).")
            .define(REGISTRY_AUTH_USER, Type.STRING, null, Importance.MEDIUM,
                "Embedded mode: user name the schema registry asks of every request (HTTP basic auth, with "
                    + REGISTRY_AUTH_PASSWORD + "); claimstream's own clients then send it. Unset: no authentication.")
            .define(REGISTRY_AUTH_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM,
                "Embedded mode: password of " + REGISTRY_AUTH_USER + ".")
            .define(STATUS_AUTH_USER, Type.STRING, null, Importance.MEDIUM,
                "User name the status server asks of every request (HTTP basic auth, with " + STATUS_AUTH_PASSWORD
                    + "); instances forwarding to each other send it. Unset: no authentication.")
            .define(STATUS_AUTH_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM,
                "Password of " + STATUS_AUTH_USER + ".")
            .define(SAMPLE_FEEDS, Type.BOOLEAN, true, Importance.LOW,
                "Embedded mode: serve and ingest the bundled sample feeds while no other feeds are configured "
                    + "(their stories span most of 2025, so claim retention then defaults to 400 days).")
            .define(SAMPLE_FEEDS_ON_CLUSTER, Type.BOOLEAN, false, Importance.LOW,
                "On a cluster (run, ingest): serve the bundled sample feeds inside the process on 127.0.0.1 and ingest them "
                    + "while no other feeds are configured, as embedded mode does, for a demo stack such as "
                    + "docker/docker-compose.yml; the ingester may then fetch from loopback. Same as run --sample-feeds.")
            .define(HTTP_HOST, Type.STRING, "127.0.0.1", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                "Address the status server (page, JSON API, /metrics, /health) binds. A wider one (0.0.0.0: every interface) "
                    + "exposes it to the network: set claimstream.status.auth.basic.user and .password with it.")
            .define(HTTP_PORT, Type.INT, 8080, Range.between(-1, 65_535), Importance.MEDIUM,
                "Port of the status server (0: a free port; -1: none).")
            .define(INGEST_GROUP_ID, Type.STRING, DEFAULT_INGEST_GROUP_ID, new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                "Consumer group of the ingesters: instances with the same id share the feeds of news.feeds.")
            .define(INGEST_CONNECT_TIMEOUT_MS, Type.LONG, d.connectTimeout().toMillis(), Range.atLeast(1), Importance.LOW,
                "Time to open a connection to a feed's server.")
            .define(INGEST_READ_TIMEOUT_MS, Type.LONG, d.readTimeout().toMillis(), Range.atLeast(1), Importance.LOW,
                "Time from sending a feed request until its whole body has arrived.")
            .define(INGEST_MAX_RESPONSE_BYTES, Type.LONG, d.maxResponseBytes(), Range.atLeast(1), Importance.LOW,
                "Largest feed response accepted, before and after gzip/deflate decoding.")
            .define(INGEST_MAX_REDIRECTS, Type.INT, d.maxRedirects(), Range.atLeast(0), Importance.LOW,
                "Redirects followed per fetch.")
            .define(INGEST_MAX_CONCURRENT_FETCHES, Type.INT, d.maxConcurrentFetches(), Range.atLeast(1), Importance.LOW,
                "Feed fetches in flight at once in this process.")
            .define(INGEST_POLL_INTERVAL_MS, Type.LONG, d.defaultPollInterval().toMillis(), Range.atLeast(1), Importance.MEDIUM,
                "Time between polls of a feed whose settings name no interval.")
            .define(INGEST_MIN_POLL_INTERVAL_MS, Type.LONG, d.minPollInterval().toMillis(), Range.atLeast(1), Importance.LOW,
                "Floor of every feed's poll interval, so that a typo cannot hammer an outlet.")
            .define(INGEST_BACKOFF_BASE_MS, Type.LONG, d.backoffBase().toMillis(), Range.atLeast(1), Importance.LOW,
                "Delay after a feed's first failed poll; doubled for each further failure (±20 % jitter).")
            .define(INGEST_BACKOFF_MAX_MS, Type.LONG, d.backoffMax().toMillis(), Range.atLeast(1), Importance.LOW,
                "Longest delay between polls of a failing feed.")
            .define(INGEST_MAX_RETRY_AFTER_MS, Type.LONG, d.maxRetryAfter().toMillis(), Range.atLeast(0), Importance.LOW,
                "Longest Retry-After honoured; longer ones are cut to this.")
            .define(INGEST_MAX_ITEMS_PER_FEED, Type.INT, d.maxItemsPerFeed(), Range.atLeast(1), Importance.LOW,
                "Items read from one feed document; the rest are ignored.")
            .define(INGEST_MAX_ARTICLE_CHARS, Type.INT, d.maxArticleChars(), Range.atLeast(1), Importance.LOW,
                "Longest article text kept; longer texts are cut.")
            .define(INGEST_RECENT_IDS_PER_FEED, Type.INT, d.recentIdsPerFeed(), Range.atLeast(1), Importance.LOW,
                "Article ids remembered per feed, so that items still in a feed are not published again.")
            .define(INGEST_PUBLISH_TIMEOUT_MS, Type.LONG, d.publishTimeout().toMillis(), Range.atLeast(1), Importance.LOW,
                "Time to wait for the broker to acknowledge a poll's articles and state.")
            // null rather than the default itself, which names the build's version.
            .define(INGEST_USER_AGENT, Type.STRING, null, new ConfigDef.NonEmptyString(), Importance.LOW,
                "User-Agent header of feed requests; unset: claimstream/VERSION (RSS/Atom ingester).")
            .define(INGEST_FETCH_DEADLINE_MS, Type.LONG, d.fetchDeadline().toMillis(), Range.atLeast(1), Importance.LOW,
                "Time one feed fetch may take in all, redirects included, until the last body has arrived; "
                    + "a slow server holds a fetch slot no longer.")
            .define(INGEST_FETCH_ALLOWED_RANGES, Type.LIST, null, ClaimstreamSettings::validRanges, Importance.MEDIUM,
                "Address ranges (CIDR, comma-separated, e.g. 10.1.0.0/16,::1/128) feeds may be fetched from although they are "
                    + "loopback, private, link-local (cloud metadata) or other internal addresses, which are refused otherwise, "
                    + "for the feed URL and every redirect; unset: none. Embedded mode adds loopback for its sample feeds.")
            .define(THREAD_FAILURES_MAX, Type.INT, 3, Range.atLeast(0), Importance.MEDIUM,
                "Stream thread failures replaced with a new thread within the window; one more shuts the client down.")
            .define(THREAD_FAILURES_WINDOW_MS, Type.LONG, Duration.ofMinutes(10).toMillis(), Range.atLeast(1), Importance.LOW,
                "The window of the stream thread failure budget.")
            .define(SHUTDOWN_TIMEOUT_MS, Type.LONG, Duration.ofSeconds(60).toMillis(), Range.atLeast(1), Importance.LOW,
                "How long a graceful shutdown may take before the process halts.")
            // Topic-level values (uncompressed, producer) differ from the producer's (none).
            .define(PUBLIC_TOPICS_COMPRESSION_TYPE, Type.STRING, DEFAULT_PUBLIC_COMPRESSION,
                ConfigDef.ValidString.in("gzip", "uncompressed", "snappy", "lz4", "zstd", "producer"), Importance.MEDIUM,
                "compression.type set on the topics other applications read (news.articles, claims.by-subject, news.claims, "
                    + "news.dlq) when claimstream creates them: the broker stores their records so, whatever codec the "
                    + "producer used. gzip and uncompressed are read by every Kafka client without a codec plugin (kafkajs "
                    + "has no lz4, snappy or zstd of its own); producer keeps what each producer sent.")
            .define(INGEST_COMPRESSION_TYPE, Type.STRING, DEFAULT_PUBLIC_COMPRESSION,
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
