package io.claimstream.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

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
 * The keys of the running process (embedded mode, ports, failure budget, shutdown) are defined
 * here; the ingester's by {@link IngestSettings} and the topology's by {@link ClaimsSettings},
 * which cannot depend on this package, and both are included in {@link #definition()}. The README's
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
    public static final String THREAD_FAILURES_MAX = "claimstream.streams.thread.failures.max";
    public static final String THREAD_FAILURES_WINDOW_MS = "claimstream.streams.thread.failures.window.ms";
    public static final String SHUTDOWN_TIMEOUT_MS = "claimstream.shutdown.timeout.ms";
    public static final String PUBLIC_TOPICS_COMPRESSION_TYPE = "claimstream.public.topics.compression.type";

    /**
     * What the public topics use unless configured: every Kafka
     * client decompresses gzip without a plugin (kafkajs has no lz4, snappy or zstd of its own).
     */
    public static final String DEFAULT_PUBLIC_COMPRESSION = "gzip";

    public static final String DEFAULT_DATA_DIR = "claimstream-data";

    /** The keys this record reads: the process's own, then the ingester's, which the ingest package defines. */
    private static final ConfigDef OWN = withIngest(ownDefinition());
    private static final ConfigDef DEFINITION = allKeys();

    public ClaimstreamSettings {
        if (threadFailureWindow.isZero() || threadFailureWindow.isNegative()) {
            throw new ConfigException(THREAD_FAILURES_WINDOW_MS, threadFailureWindow.toMillis(), "must be positive");
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
        IngestSettings ingest = IngestSettings.from(v);
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
            (String) v.get(IngestSettings.GROUP_ID),
            ingest,
            (Integer) v.get(THREAD_FAILURES_MAX),
            millis(v, THREAD_FAILURES_WINDOW_MS),
            millis(v, SHUTDOWN_TIMEOUT_MS),
            (String) v.get(PUBLIC_TOPICS_COMPRESSION_TYPE),
            (String) v.get(IngestSettings.COMPRESSION_TYPE),
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

    private static ConfigDef withIngest(ConfigDef own) {
        IngestSettings.definition().configKeys().values().forEach(own::define);
        return own;
    }

    private static ConfigDef allKeys() {
        ConfigDef all = new ConfigDef(OWN);
        ClaimsSettings.definition().configKeys().values().forEach(all::define);
        return all;
    }

    private static ConfigDef ownDefinition() {
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
                    + "has no lz4, snappy or zstd of its own); producer keeps what each producer sent.");
    }

    private static Duration millis(Map<String, Object> values, String key) {
        return Duration.ofMillis((Long) values.get(key));
    }
}
