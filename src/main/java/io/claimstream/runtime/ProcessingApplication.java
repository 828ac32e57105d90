package io.claimstream.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import io.claimstream.avro.Article;
import io.claimstream.avro.NumericClaim;
import io.claimstream.avro.SubjectClaims;
import io.claimstream.config.ClaimstreamSettings;
import io.claimstream.config.Settings;
import io.claimstream.kafka.TopicProvisioner;
import io.claimstream.extract.ClaimExtractor;
import io.claimstream.registry.AvroSerdeConfig;
import io.claimstream.registry.RegistryClientConfig;
import io.claimstream.registry.SchemaRegistryClient;
import io.claimstream.registry.SpecificAvroSerde;
import io.claimstream.topology.ClaimsSerdes;
import io.claimstream.topology.ClaimsSettings;
import io.claimstream.topology.ClaimsTopics;
import io.claimstream.topology.ClaimsTopology;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processing half, running: checks or creates the topics, then runs the claims topology
 * with the schema registry's serdes until closed.
 *
 * <p>Configured by one set of properties: {@code bootstrap.servers} and
 * {@code schema.registry.url} are required; the {@code claimstream.} keys are
 * {@link ClaimsSettings}; the registry keys are Confluent's (see {@link RegistryClientConfig},
 * {@link AvroSerdeConfig}); everything else goes to Kafka Streams over the defaults of
 * {@link #streamsProperties}. The subject store, {@link ClaimsTopology#SUBJECT_STORE}, can be
 * queried through {@link #streams()}.
 */
public final class ProcessingApplication implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProcessingApplication.class);

    public static final String DEFAULT_APPLICATION_ID = "claimstream-processor";
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    static final String STATE_GAUGE = "claimstream.streams.state";

    private final Map<String, Object> properties;
    private final ClaimsSettings settings;
    private final ClaimstreamSettings runtimeSettings;
    private final ClaimsSerdes serdes;
    private final ClaimExtractor extractor;
    private final MeterRegistry registry;
    private KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;
    private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;
    private boolean closed;

    private ProcessingApplication(Map<String, Object> properties, ClaimsSettings settings, ClaimstreamSettings runtimeSettings,
                                  ClaimsSerdes serdes, ClaimExtractor extractor, MeterRegistry registry) {
        this.properties = properties;
        this.settings = settings;
        this.runtimeSettings = runtimeSettings;
        this.serdes = serdes;
        this.extractor = extractor;
        this.registry = registry;
    }

    /**
     * Reads and checks the configuration; connects to nothing yet. Metrics are kept nowhere.
     *
     * @throws ConfigException when a required property is missing or a value is invalid
     */
    public static ProcessingApplication create(Map<?, ?> properties) {
        return create(properties, new CompositeMeterRegistry());
    }

    /**
     * Parses the configuration and makes a registry client of its own: for a caller that runs
     * processing alone. Connects to nothing yet. Kafka Streams' metrics and state, the extraction
     * counters, the dead letters and the replaced threads are registered with {@code registry}
     * once started.
     *
     * @throws ConfigException when a required property is missing or a value is invalid
     */
    public static ProcessingApplication create(Map<?, ?> properties, MeterRegistry registry) {
        Map<String, Object> props = withStringKeys(properties);
        requireConnections(props);
        Settings settings = Settings.from(props);
        return create(props, settings, new SchemaRegistryClient(settings.requireRegistry()), registry);
    }

    /**
     * Processing on settings parsed at the process's start and the process's one registry client.
     * Connects to nothing yet.
     *
     * @param properties the configuration's values, for Kafka Streams and its clients
     * @throws ConfigException when bootstrap.servers or schema.registry.url is missing
     */
    public static ProcessingApplication create(Map<?, ?> properties, Settings settings, SchemaRegistryClient client,
                                               MeterRegistry registry) {
        Map<String, Object> props = withStringKeys(properties);
        requireConnections(props);
        return new ProcessingApplication(props, settings.claims(), settings.claimstream(), serdes(client, settings.serdes()),
            new ClaimExtractor(settings.claims().extractionLimits()), registry);
    }

    /**
     * Creates or checks the topics of processing, then starts processing in the background: for a
     * caller that runs processing alone. A {@link ClaimstreamService} provisions every topic of
     * the process once and calls {@link #startOnProvisionedTopics()}.
     *
     * @throws TopicProvisioner.TopicMismatchException when a topic exists with settings the application cannot work with
     */
    public synchronized ProcessingApplication start() {
        if (streams != null || closed) {
            throw new IllegalStateException("already started");
        }
        try (Admin admin = Admin.create(adminProperties(properties))) {
            new TopicProvisioner(admin, ADMIN_TIMEOUT).provision(ProjectTopics.processing(settings, runtimeSettings));
        }
        return startOnProvisionedTopics();
    }

    /** Starts processing in the background on topics the caller has created or checked. */
    public synchronized ProcessingApplication startOnProvisionedTopics() {
        if (streams != null || closed) {
            throw new IllegalStateException("already started");
        }
        Properties streamsProps = streamsProperties(properties, settings);
        streamsProps.put(DeadLetterMeters.CONFIG, DeadLetterMeters.register(registry));
        streams = new KafkaStreams(
            ClaimsTopology.build(settings, new MeteredExtraction(extractor, registry), serdes), streamsProps);
        streams.setStateListener((now, before) -> {
            state = now;
            synchronized (this) {
                notifyAll();
            }
        });
        streams.setUncaughtExceptionHandler(new ThreadReplacingHandler(new ThreadFailureBudget(
            runtimeSettings.threadFailures(), runtimeSettings.threadFailureWindow(), Clock.systemUTC()), registry));
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        for (KafkaStreams.State s : KafkaStreams.State.values()) {
            Gauge.builder(STATE_GAUGE, () -> state == s ? 1 : 0).tag("state", s.name())
                .description("1 for the Kafka Streams client's current state, 0 for the others").register(registry);
        }
        streams.start();
        log.info("Processing {} as {} ({})", ClaimsTopics.ARTICLES, streamsProps.get(StreamsConfig.APPLICATION_ID_CONFIG),
            streamsProps.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        return this;
    }

    /** The running Kafka Streams instance, for interactive queries; null before {@link #start()}. */
    public synchronized KafkaStreams streams() {
        return streams;
    }

    public KafkaStreams.State state() {
        return state;
    }

    /** Waits until processing runs; false if it did not within {@code timeout} or has stopped. */
    public synchronized boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (state != KafkaStreams.State.RUNNING && !stopped() && System.nanoTime() < deadline) {
            wait(Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis()));
        }
        return state == KafkaStreams.State.RUNNING;
    }

    /** Waits until processing has stopped, by {@link #close()} or by a fatal error. */
    public synchronized void awaitStopped() throws InterruptedException {
        while (!stopped()) {
            wait();
        }
    }

    private boolean stopped() {
        return state == KafkaStreams.State.NOT_RUNNING || state == KafkaStreams.State.ERROR;
    }

    @Override
    public void close() {
        KafkaStreams running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = streams;
        }
        if (running != null) {
            if (!running.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(membershipOnClose()))) {
                log.warn("Kafka Streams did not stop within {} s", CLOSE_TIMEOUT.toSeconds());
            }
            streamsMetrics.close();
        }
    }

    /**
     * Leaving the group hands this instance's tasks to the others at once, and lets a restarted
     * single instance rejoin without waiting session.timeout.ms for its old self. A static member
     * (group.instance.id) stays: keeping its tasks across a restart is why it is static.
     */
    private CloseOptions.GroupMembershipOperation membershipOnClose() {
        boolean isStatic = properties.keySet().stream().anyMatch(k -> k.endsWith(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
        return isStatic ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP : CloseOptions.GroupMembershipOperation.LEAVE_GROUP;
    }

    /**
     * The Kafka Streams properties: claimstream's defaults (exactly-once, dead letters to
     * news.dlq, internal topics replicated as configured, lz4 compression (which the public topics'
     * own compression.type overrides on the broker), the state stores in one
     * memory budget), overridden by whatever {@code properties} set, without the {@code claimstream.}
     * keys but {@value ClaimsSettings#STATE_MEMORY_BYTES}.
     */
    /** {@value}: the exactly-once transaction timeout claimstream sets unless configured. */
    public static final String TRANSACTION_TIMEOUT = "producer." + ProducerConfig.TRANSACTION_TIMEOUT_CONFIG;
    public static final int TRANSACTION_TIMEOUT_MS = 60_000;
    /** {@value}: the longest time between polls claimstream sets unless configured (Kafka's default, stated). */
    public static final String MAX_POLL_INTERVAL = ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG;
    public static final int MAX_POLL_INTERVAL_MS = 300_000;

    public static Properties streamsProperties(Map<?, ?> properties) {
        return streamsProperties(properties, ClaimsSettings.from(properties));
    }

    /** {@link #streamsProperties(Map)} with the processing settings already parsed from {@code properties}. */
    public static Properties streamsProperties(Map<?, ?> properties, ClaimsSettings settings) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class.getName());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class.getName());
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, ClaimsTopics.DEAD_LETTERS);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) settings.topicReplicationFactor());
        // Subject records and their changelog are Avro full of repeated words, titles and links:
        // lz4 writes a sixth of the bytes and doubled end-to-end throughput in the benchmark. The
        // internal topics keep it; the public ones are stored in their topic's compression.type
        // (claimstream.public.topics.compression.type, gzip), which every client reads.
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName());
        properties.forEach((k, v) -> {
            if (!String.valueOf(k).startsWith(ClaimsSettings.PREFIX)) {
                p.put(String.valueOf(k), v);
            }
        });
        // Exactly-once keeps a transaction open while a task works through its records, and the
        // consumer must poll again within max.poll.interval.ms. One article may take up to
        // claimstream.extract.time.budget.ms (2 s); Streams' own 10 s transaction timeout would
        // leave room for five such articles between commits, 60 s leaves room for thirty. Set
        // deliberately, unless the properties set either in any form.
        putIfAbsent(p, TRANSACTION_TIMEOUT, TRANSACTION_TIMEOUT_MS, ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
        putIfAbsent(p, MAX_POLL_INTERVAL, MAX_POLL_INTERVAL_MS, ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
            StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG),
            StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG));
        // The one claimstream key Streams passes on: the stores' config setter reads it.
        p.put(ClaimsSettings.STATE_MEMORY_BYTES, settings.stateMemoryBytes());
        return p;
    }

    /** Sets {@code key} to {@code value} unless {@code p} holds it or one of its {@code otherForms}. */
    private static void putIfAbsent(Properties p, String key, int value, String... otherForms) {
        if (p.containsKey(key)) {
            return;
        }
        for (String form : otherForms) {
            if (p.containsKey(form)) {
                return;
            }
        }
        p.put(key, value);
    }

    /** The topic serdes, backed by a client of its own of the schema registry that {@code properties} name. */
    public static ClaimsSerdes serdes(Map<?, ?> properties) {
        Map<String, Object> props = withStringKeys(properties);
        return serdes(new SchemaRegistryClient(RegistryClientConfig.from(props)), AvroSerdeConfig.from(props));
    }

    /** The topic serdes on {@code client}. */
    public static ClaimsSerdes serdes(SchemaRegistryClient client, AvroSerdeConfig config) {
        return new ClaimsSerdes(
            new SpecificAvroSerde<>(Article.class, client, config, false),
            new SpecificAvroSerde<>(SubjectClaims.class, client, config, false),
            new SpecificAvroSerde<>(NumericClaim.class, client, config, false));
    }

    /** Refuses properties without a cluster or a registry, in that order, naming the key. */
    private static void requireConnections(Map<String, Object> props) {
        for (String required : new String[] {StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, RegistryClientConfig.SCHEMA_REGISTRY_URL}) {
            if (props.get(required) == null || String.valueOf(props.get(required)).isBlank()) {
                throw new ConfigException(required, null, "is required");
            }
        }
    }

    private static Map<String, Object> withStringKeys(Map<?, ?> properties) {
        Map<String, Object> props = new HashMap<>();
        properties.forEach((k, v) -> props.put(String.valueOf(k), v));
        return props;
    }

    private static Map<String, Object> adminProperties(Map<String, Object> properties) {
        Map<String, Object> admin = new HashMap<>();
        properties.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                admin.put(k, v);
            }
        });
        return admin;
    }
}
