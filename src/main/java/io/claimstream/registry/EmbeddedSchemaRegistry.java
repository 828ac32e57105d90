package io.claimstream.registry;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.clients.CommonClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible schema registry served over HTTP on loopback (unless told to bind another
 * address, optionally behind basic auth), keeping its schemas in
 * a compacted Kafka topic ({@code _schemas} by default), as Confluent's registry does. Used in
 * embedded mode, by {@code claimstream registry}, and by tests.
 *
 * <pre>{@code
 * try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0)) {
 *     props.put("schema.registry.url", registry.url());
 * }
 * }</pre>
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

    /**
     * Where and how the registry runs.
     *
     * @param kafkaClientConfig Kafka client settings (at least bootstrap.servers; security settings for a real cluster)
     * @param host address to bind: {@code 127.0.0.1} by default; a wider one (such as {@code 0.0.0.0})
     *     exposes the registry, so give it credentials
     * @param port HTTP port; 0 picks a free one
     * @param topic the compacted topic that stores the schemas
     * @param replicationFactor of the topic if the registry creates it; empty uses the broker's default
     * @param storeTimeout for creating the topic, reading it at start and each write
     * @param defaultCompatibility the level that applies until {@code PUT /config} sets one
     * @param credentials basic auth every request must carry, or null for none
     */
    public record Settings(
        Map<String, Object> kafkaClientConfig,
        String host,
        int port,
        String topic,
        Optional<Short> replicationFactor,
        Duration storeTimeout,
        CompatibilityLevel defaultCompatibility,
        BasicCredentials credentials) {

        public static final String DEFAULT_TOPIC = SchemaStoreTopic.DEFAULT_NAME;
        public static final String DEFAULT_HOST = RegistryHttpServer.HOST;

        public Settings {
            kafkaClientConfig = Map.copyOf(kafkaClientConfig);
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("schema registry host must not be blank");
            }
        }

        /** Defaults: topic {@code _schemas}, the broker's replication factor, BACKWARD compatibility. */
        public static Settings of(String bootstrapServers, int port) {
            return new Settings(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), DEFAULT_HOST, port,
                DEFAULT_TOPIC, Optional.empty(), Duration.ofSeconds(30), CompatibilityLevel.BACKWARD, null);
        }

        public Settings withTopic(String name, Optional<Short> replication) {
            return new Settings(kafkaClientConfig, host, port, name, replication, storeTimeout, defaultCompatibility, credentials);
        }

        /** The same settings bound to {@code address} rather than loopback. */
        public Settings withHost(String address) {
            return new Settings(kafkaClientConfig, address, port, topic, replicationFactor, storeTimeout, defaultCompatibility,
                credentials);
        }

        /** The same settings with basic auth required of every request; null for none. */
        public Settings withCredentials(BasicCredentials required) {
            return new Settings(kafkaClientConfig, host, port, topic, replicationFactor, storeTimeout, defaultCompatibility,
                required);
        }

        /** The same settings with more Kafka client properties (security, timeouts). */
        public Settings withKafkaClientConfig(Map<String, ?> extra) {
            Map<String, Object> merged = new HashMap<>(kafkaClientConfig);
            merged.putAll(extra);
            return new Settings(merged, host, port, topic, replicationFactor, storeTimeout, defaultCompatibility, credentials);
        }
    }

    private final SchemaLog store;
    private final RegistryHttpServer server;
    private boolean closed;

    private EmbeddedSchemaRegistry(SchemaLog store, RegistryHttpServer server) {
        this.store = store;
        this.server = server;
    }

    /** Starts a registry on {@code port} (0: any free port) storing its schemas in {@code _schemas}. */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, int port) {
        return start(Settings.of(bootstrapServers, port));
    }

    public static EmbeddedSchemaRegistry start(Settings settings) {
        SchemaLog store = new KafkaSchemaLog(settings.kafkaClientConfig(), settings.topic(),
            settings.replicationFactor(), settings.storeTimeout());
        EmbeddedSchemaRegistry registry = start(store, settings.host(), settings.port(), settings.defaultCompatibility(),
            settings.credentials());
        log.info("Schema registry at {} (schemas in topic {})", registry.url(), settings.topic());
        return registry;
    }

    /** Starts a registry on any schema log: the Kafka topic, or a test's in-memory list. */
    static EmbeddedSchemaRegistry start(SchemaLog store, int port, CompatibilityLevel defaultCompatibility) {
        return start(store, Settings.DEFAULT_HOST, port, defaultCompatibility, null);
    }

    static EmbeddedSchemaRegistry start(SchemaLog store, String host, int port, CompatibilityLevel defaultCompatibility,
                                        BasicCredentials credentials) {
        RegistryState state = new RegistryState(defaultCompatibility);
        try {
            store.start(state::apply);
            return new EmbeddedSchemaRegistry(store, new RegistryHttpServer(new SchemaRegistry(state, store), host, port,
                credentials));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Base URL, e.g. {@code http://127.0.0.1:8081}: the value for {@code schema.registry.url}; on
     * loopback when bound to every interface.
     */
    public String url() {
        InetAddress bound = server.address().getAddress();
        String host = bound.isAnyLocalAddress() ? RegistryHttpServer.HOST : bound.getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port();
    }

    /** The address bound: loopback unless {@link Settings#host()} named another. */
    public InetSocketAddress address() {
        return server.address();
    }

    public int port() {
        return server.port();
    }

    /** Stops serving, then closes the store; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.close();
        store.close();
    }
}
