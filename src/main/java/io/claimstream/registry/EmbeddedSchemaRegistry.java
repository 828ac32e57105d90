package io.claimstream.registry;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.CommonClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible schema registry served over HTTP on loopback, keeping its schemas in
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
     * @param port HTTP port on loopback; 0 picks a free one
     * @param topic the compacted topic that stores the schemas
     * @param replicationFactor of the topic if the registry creates it; empty uses the broker's default
     * @param storeTimeout for creating the topic, reading it at start and each write
     * @param defaultCompatibility the level that applies until {@code PUT /config} sets one
     */
    public record Settings(
        Map<String, Object> kafkaClientConfig,
        int port,
        String topic,
        Optional<Short> replicationFactor,
        Duration storeTimeout,
        CompatibilityLevel defaultCompatibility) {

        public static final String DEFAULT_TOPIC = "_schemas";

        public Settings {
            kafkaClientConfig = Map.copyOf(kafkaClientConfig);
        }

        /** Defaults: topic {@code _schemas}, the broker's replication factor, BACKWARD compatibility. */
        public static Settings of(String bootstrapServers, int port) {
            return new Settings(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), port,
                DEFAULT_TOPIC, Optional.empty(), Duration.ofSeconds(30), CompatibilityLevel.BACKWARD);
        }

        public Settings withTopic(String name, Optional<Short> replication) {
            return new Settings(kafkaClientConfig, port, name, replication, storeTimeout, defaultCompatibility);
        }

        /** The same settings with more Kafka client properties (security, timeouts). */
        public Settings withKafkaClientConfig(Map<String, ?> extra) {
            Map<String, Object> merged = new HashMap<>(kafkaClientConfig);
            merged.putAll(extra);
            return new Settings(merged, port, topic, replicationFactor, storeTimeout, defaultCompatibility);
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
        EmbeddedSchemaRegistry registry = start(store, settings.port(), settings.defaultCompatibility());
        log.info("Schema registry at {} (schemas in topic {})", registry.url(), settings.topic());
        return registry;
    }

    /** Starts a registry on any schema log: the Kafka topic, or a test's in-memory list. */
    static EmbeddedSchemaRegistry start(SchemaLog store, int port, CompatibilityLevel defaultCompatibility) {
        RegistryState state = new RegistryState(defaultCompatibility);
        try {
            store.start(state::apply);
            return new EmbeddedSchemaRegistry(store, new RegistryHttpServer(new SchemaRegistry(state, store), port));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Base URL, e.g. {@code http://127.0.0.1:8081}: the value for {@code schema.registry.url}. */
    public String url() {
        return "http://" + RegistryHttpServer.HOST + ":" + server.port();
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
