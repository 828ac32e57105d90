package io.claimstream.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.claimstream.ingest.ArticlePublisher;
import io.claimstream.registry.EmbeddedSchemaRegistry;
import io.claimstream.registry.RegistryClientConfig;
import io.claimstream.runtime.EmbeddedKafkaBroker;
import io.claimstream.kafka.TopicReadiness;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What the broker benchmarks run on: the in-process KRaft broker and the embedded schema
 * registry of embedded mode, with their data under the benchmark's work directory.
 */
public final class BenchCluster implements AutoCloseable {

    /**
     * Application properties a run sets over the defaults, {@code key=value,key=value}: for what-if
     * runs ({@code bench/run --set num.stream.threads=2}); empty for the results the docs report.
     */
    public static final String APP_PROPERTIES = "claimstream.bench.app-properties";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long MIN_FREE_DISK_BYTES = 5_000_000_000L;
    /** EmbeddedKafkaBroker's node id. */
    private static final int BROKER_ID = 1;

    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;
    private final Admin admin;
    private final Path dir;

    private BenchCluster(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry, Path dir) {
        this.broker = broker;
        this.registry = registry;
        this.dir = dir;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    public static BenchCluster start(Path dir) {
        return start(dir, Map.of());
    }

    /** With broker properties over embedded mode's single-node defaults. */
    public static BenchCluster start(Path dir, Map<String, String> brokerOverrides) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0, brokerOverrides);
        try {
            return new BenchCluster(broker, EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0), dir);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    public Admin admin() {
        return admin;
    }

    /**
     * Properties of a Streams application as claimstream runs one: only what the deployment
     * decides (where Kafka, the registry and the state are); everything else at its default.
     */
    public Map<String, Object> applicationProperties(String applicationId) {
        Map<String, Object> props = new HashMap<>();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(RegistryClientConfig.SCHEMA_REGISTRY_URL, registry.url());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir(applicationId).toString());
        props.putAll(overrides());
        return props;
    }

    /** The properties of {@link #APP_PROPERTIES}. */
    public static Map<String, String> overrides() {
        Map<String, String> overrides = new HashMap<>();
        for (String pair : System.getProperty(APP_PROPERTIES, "").split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                overrides.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return overrides;
    }

    /** The directory under which Kafka Streams keeps the stores of {@code applicationId}. */
    public Path stateDir(String applicationId) {
        return dir.resolve("state-" + applicationId);
    }

    /** Creates topics of {@code partitions} partitions and waits until every partition answers. */
    public void createTopics(int partitions, String... names) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, partitions, (short) 1));
        }
        admin.createTopics(topics).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        TopicReadiness.await(admin, List.of(names), TIMEOUT);
    }

    /**
     * Stops a benchmark before the broker's logs fill the disk: the processing application
     * writes hundreds of KB per article (see docs/benchmarks.md), which nothing compacts within
     * a run at the default topic settings.
     */
    public void requireDiskHeadroom() throws Exception {
        long usable = Files.getFileStore(dir).getUsableSpace();
        if (usable < MIN_FREE_DISK_BYTES) {
            throw new IllegalStateException(String.format(Locale.ROOT, "stopping: only %.1f GB of disk left under %s "
                + "(the broker's logs hold %.1f GB)", usable / 1e9, dir, topicBytes().values().stream().mapToLong(Long::longValue).sum() / 1e9));
        }
    }

    /** Bytes on disk per topic, summed over partitions: what has been written (minus what was deleted). */
    public Map<String, Long> topicBytes() throws Exception {
        Map<String, Long> bytes = new TreeMap<>();
        admin.describeLogDirs(List.of(BROKER_ID)).allDescriptions().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .values().forEach(dirs -> dirs.values().forEach(dir -> dir.replicaInfos().forEach((tp, replica) ->
                bytes.merge(tp.topic(), replica.size(), Long::sum))));
        return bytes;
    }

    /** A producer configured as the ingester's (idempotent, acks=all, lz4, 20 ms linger), for serialized values. */
    public KafkaProducer<String, byte[]> producer(String clientId) {
        return new KafkaProducer<>(ArticlePublisher.producerConfig(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), clientId),
            new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(10));
        registry.close();
        broker.close();
    }
}
