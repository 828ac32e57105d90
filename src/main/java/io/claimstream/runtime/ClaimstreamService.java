package io.claimstream.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import io.claimstream.config.ClaimstreamSettings;
import io.claimstream.config.Configuration;
import io.claimstream.config.Settings;
import io.claimstream.ingest.AddressPolicy;
import io.claimstream.ingest.FeedCatalog;
import io.claimstream.ingest.FeedIngester;
import io.claimstream.ingest.IngestSettings;
import io.claimstream.ingest.IngestSerdes;
import io.claimstream.ingest.IngestTopics;
import io.claimstream.kafka.TopicProvisioner;
import io.claimstream.kafka.TopicSpec;
import io.claimstream.registry.EmbeddedSchemaRegistry;
import io.claimstream.registry.RegistryClientConfig;
import io.claimstream.registry.SchemaRegistryClient;
import io.claimstream.status.Health;
import io.claimstream.status.Probes;
import io.claimstream.topology.ClaimsSettings;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one {@code claimstream run}, {@code demo}, {@code ingest} or {@code process} runs: the
 * ingester, the processing application or both, with metrics, health and the status endpoint;
 * in embedded mode also a broker, a schema registry and the sample feeds, all on loopback and
 * all kept in the data directory. {@link #close()} stops the parts in the reverse order of
 * their start: the ingester before processing, processing before the registry and the broker.
 */
public final class ClaimstreamService implements AutoCloseable {

    /** The halves a process can run. */
    public enum Part {
        INGEST, PROCESS
    }

    private static final Logger log = LoggerFactory.getLogger(ClaimstreamService.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    /** Claim retention while only the bundled sample feeds are ingested: longer than the months they span. */
    private static final Duration SAMPLE_CLAIM_RETENTION = Duration.ofDays(400);
    private static final String INGESTER_NAME = "claimstream-ingest";
    /** What an ingest-only process reads and writes. */
    private static final List<String> INGEST_TOPICS = IngestTopics.all(1, (short) 1).stream().map(TopicSpec::name).toList();

    private final Deque<Step> running = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Monitoring monitoring = new Monitoring();
    private Configuration config;
    private Endpoints endpoints;
    private ProcessingApplication processing;
    private SchemaRegistryClient registryClient;
    private boolean servesSampleFeeds;
    private FeedIngester ingester;
    private Readiness readiness;
    private StatusEndpoint status;
    private boolean closing;
    /** Whether {@link #start} completed: only then does stopping say "claimstream stopped". */
    private volatile boolean startedFully;
    /** Whether {@link #start} failed, and so closed what it had started. */
    private volatile boolean startFailed;

    private record Step(String name, AutoCloseable part) {
    }

    /** The service was closed (by a signal, say) before it had started. */
    public static final class StoppedWhileStarting extends IllegalStateException {
        StoppedWhileStarting() {
            super("stopped while starting");
        }
    }

    private ClaimstreamService(Configuration config) {
        this.config = config;
    }

    /** A service that runs nothing yet: install its shutdown hook, then {@link #start(Set, boolean)} it. */
    public static ClaimstreamService create(Configuration config) {
        return new ClaimstreamService(config);
    }

    /** Creates and starts a service; see {@link #start(Set, boolean)}. */
    public static ClaimstreamService start(Configuration config, Set<Part> parts, boolean embedded) {
        return create(config).start(parts, embedded);
    }

    /**
     * Starts the parts. Embedded mode starts its broker and registry first and points the
     * configuration at them. A {@link #close()} meanwhile (a signal during start-up) stops what
     * has started, and the start fails.
     *
     * @param embedded whether to run a broker and registry in this process (the configuration must then name none)
     * @throws UnavailableException when a port, the data directory or Kafka is not available
     * @throws org.apache.kafka.common.config.ConfigException when a setting is invalid
     * @throws TopicProvisioner.TopicMismatchException when an existing topic is configured against what claimstream needs
     */
    public ClaimstreamService start(Set<Part> parts, boolean embedded) {
        try {
            startParts(parts, embedded);
            startedFully = true;
            return this;
        } catch (RuntimeException e) {
            // What had started stops quietly: the caller reports the failure, which is the news.
            startFailed = true;
            close();
            throw e;
        }
    }

    private void startParts(Set<Part> parts, boolean embedded) {
        ClaimstreamSettings settings = config.claimstream();
        if (embedded) {
            startEmbedded(settings);
        }
        Map<String, Object> values = config.values();
        Map<String, Object> client = KafkaClients.common(values);
        Settings parsed = config.parsed();
        ClaimsSettings claimsSettings = parsed.claims();
        // One client, so one cache of schemas, for every part of the process: what the ingester
        // registers, processing reads without asking the registry again.
        registryClient = parts.isEmpty() ? null : new SchemaRegistryClient(parsed.requireRegistry());
        Admin admin = Admin.create(client);
        started("admin client", () -> KafkaClients.close(admin));
        new TopicProvisioner(admin, KAFKA_TIMEOUT).provision(ProjectTopics.all(claimsSettings, settings));
        boolean sampleFeeds = embedded ? settings.sampleFeeds() : settings.sampleFeedsOnCluster();
        boolean samples = parts.contains(Part.INGEST) && sampleFeeds
            && serveSampleFeeds(KafkaClients.ingest(values, settings), KafkaClients.ingestSerdes(registryClient, parsed.serdes()));
        servesSampleFeeds = samples;
        if (samples) {
            // The sample stories span most of 2025: with the 30-day default, claims from their
            // first months would expire as soon as the later stories moved event time on.
            config = config.withDefaults(Map.of(ClaimsSettings.CLAIM_RETENTION_MS, String.valueOf(SAMPLE_CLAIM_RETENTION.toMillis())),
                "the sample feeds' span");
            values = config.values();
        }

        if (parts.contains(Part.PROCESS)) {
            processing = ProcessingApplication.create(values, config.parsed(), registryClient, monitoring.registry());
            started("processing", processing);
            // The topics were provisioned above, once for the whole process.
            processing.startOnProvisionedTopics();
        }
        if (parts.contains(Part.INGEST)) {
            IngestSerdes serdes = KafkaClients.ingestSerdes(registryClient, parsed.serdes());
            // The sample feeds are served on loopback, so a process serving them lets its ingester fetch
            // from there (embedded mode always: it is all on loopback); otherwise only the ranges configured.
            IngestSettings ingest = embedded || samples
                ? settings.ingest().withAllowedAddressRanges(AddressPolicy.LOOPBACK) : settings.ingest();
            ingester = FeedIngester.start(KafkaClients.ingest(values, settings), settings.ingestGroupId(), INGESTER_NAME, ingest, serdes,
                monitoring.registry());
            started("ingester", ingester);
        }
        serveHttp(settings, values, admin, parts.contains(Part.PROCESS) ? ProjectTopics.names(claimsSettings) : INGEST_TOPICS);
        if (embedded) {
            endpoints = new Endpoints(config.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG).orElseThrow(),
                config.get(RegistryClientConfig.SCHEMA_REGISTRY_URL).orElseThrow(), statusUrl().orElse(null));
            Path dataDir = settings.dataDir();
            endpoints.write(dataDir);
            started("endpoints file", () -> Endpoints.delete(dataDir));
        }
    }

    /**
     * Every long-running process answers on its HTTP port (unless it is -1): metrics, liveness and
     * readiness of the parts it runs; with processing, also the status page and the subject API.
     */
    private void serveHttp(ClaimstreamSettings settings, Map<String, Object> values, Admin admin, List<String> topics) {
        Supplier<KafkaStreams.State> streamsState = processing == null ? null : processing::state;
        FeedIngester ingesting = ingester;
        readiness = new Readiness(streamsState, ingesting, admin, topics, Duration.ofSeconds(5));
        ProcessingApplication processed = processing;
        OperatorReports operator = new OperatorReports(
            String.valueOf(values.getOrDefault(StreamsConfig.APPLICATION_ID_CONFIG, ProcessingApplication.DEFAULT_APPLICATION_ID)),
            processed == null ? null : processed::streams, ingesting, monitoring.registry(), readiness::check, Clock.systemUTC());
        Probes probes = new Probes(monitoring::scrape, readiness::check, () -> Readiness.liveness(streamsState, ingesting), operator);
        if (settings.httpPort() < 0) {
            return;
        }
        status = processing != null
            ? StatusEndpoint.start(settings.httpHost(), settings.httpPort(), settings.statusCredentials(), processing.streams(),
                self(values), probes)
            : StatusEndpoint.monitoring(settings.httpHost(), settings.httpPort(), settings.statusCredentials(), probes);
        started(processing != null ? "status endpoint" : "monitoring endpoint", status);
    }

    private void startEmbedded(ClaimstreamSettings settings) {
        DataDirectory data = DataDirectory.open(settings.dataDir());
        started("data directory lock", data);
        data.holdTemporaryFiles();
        requireFree(settings.kafkaPort(), "--kafka-port", ClaimstreamSettings.KAFKA_PORT);
        requireFree(settings.registryPort(), "--registry-port", ClaimstreamSettings.REGISTRY_PORT);
        requireFree(settings.httpPort(), "--http-port", ClaimstreamSettings.HTTP_PORT);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(data.kafka(), settings.kafkaPort());
        started("broker", broker);
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(EmbeddedSchemaRegistry.Settings.of(broker.bootstrapServers(),
            settings.registryPort()).withHost(settings.registryHost()).withCredentials(settings.registryCredentials()));
        started("schema registry", registry);
        config = config
            .with(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), "the embedded broker")
            .with(RegistryClientConfig.SCHEMA_REGISTRY_URL, registry.url(), "the embedded schema registry")
            // The registry asks for credentials: claimstream's own serdes send them, unless set otherwise.
            .withDefaults(settings.registryClientAuth(), ClaimstreamSettings.REGISTRY_AUTH_USER)
            .withDefaults(Map.of(StreamsConfig.STATE_DIR_CONFIG, data.streamsState().toString()), "the data directory")
            // One instance: after a crash its old self is noticed gone in 10 s rather than the default 45 s.
            .withDefaults(Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000",
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000"), "embedded mode");
    }

    /** Serves the sample feeds and lists them in news.feeds, unless other feeds are configured; returns whether it did. */
    private boolean serveSampleFeeds(Map<String, Object> client, IngestSerdes serdes) {
        SampleFeedServer server = SampleFeedServer.start();
        boolean used;
        try (FeedCatalog catalog = new FeedCatalog(client, serdes, KAFKA_TIMEOUT)) {
            used = SampleFeeds.register(catalog, server.urls());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            throw new IllegalStateException("interrupted while listing the sample feeds", e);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        if (used) {
            started("sample feed server", server);
        } else {
            server.close();
        }
        return used;
    }

    /** The configuration the parts run with: in embedded mode, pointing at the embedded broker and registry. */
    public Configuration configuration() {
        return config;
    }

    /** What embedded mode serves; empty against a cluster. */
    public Optional<Endpoints> endpoints() {
        return Optional.ofNullable(endpoints);
    }

    public Optional<String> statusUrl() {
        return Optional.ofNullable(status).map(StatusEndpoint::url);
    }

    /** Whether this process serves and ingests the bundled sample feeds: a demo, embedded or on a cluster. */
    public boolean servesSampleFeeds() {
        return servesSampleFeeds;
    }

    /** The process's one schema registry client, shared by its parts; null before start or when it runs no part. */
    public SchemaRegistryClient registryClient() {
        return registryClient;
    }

    public Monitoring monitoring() {
        return monitoring;
    }

    /** The processing application, or null when this process only ingests. */
    public ProcessingApplication processing() {
        return processing;
    }

    /** The ingester, or null when this process only processes. */
    public FeedIngester ingester() {
        return ingester;
    }

    /** Ready when processing runs, the ingester has its feeds and the topics exist: what {@code /health/ready} answers. */
    public Health health() {
        return readiness == null ? new Health(false, Map.of("service", "not started")) : readiness.check();
    }

    /** Stops the next part first: {@code part} is closed before everything started so far. */
    public void closeFirst(String name, AutoCloseable part) {
        started(name, part);
    }

    /** Records a started part, to be stopped before those started earlier; stops it at once if stopping has begun. */
    private synchronized void started(String name, AutoCloseable part) {
        if (closing) {
            closeQuietly(new Step(name, part));
            throw new StoppedWhileStarting();
        }
        running.push(new Step(name, part));
    }

    /**
     * Waits until this service stops: closed, or its processing failed for good.
     *
     * @return 1 when processing failed, else 0
     */
    public int awaitStopped() throws InterruptedException {
        if (processing != null) {
            processing.awaitStopped();
            return processing.state() == KafkaStreams.State.ERROR ? 1 : 0;
        }
        closed.await();
        return 0;
    }

    /** Stops every part, the last started first; a part that fails to stop is logged and the others still stopped. */
    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        while (!running.isEmpty()) {
            closeQuietly(running.pop());
        }
        closed.countDown();
        if (startedFully) {
            log.info("claimstream stopped");
        } else if (startFailed) {
            log.debug("Stopped what had started before the start failed");
        } else {
            log.info("claimstream stopped while starting");
        }
    }

    private static void closeQuietly(Step step) {
        try {
            step.part().close();
            log.debug("Stopped the {}", step.name());
        } catch (Exception e) {
            log.warn("Stopping the {} failed: {}", step.name(), e.toString());
        }
    }

    private static HostInfo self(Map<String, Object> values) {
        Object server = values.get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        return server == null || server.toString().isBlank() ? null : HostInfo.buildFromEndpoint(server.toString());
    }

    /**
     * Refuses a fixed port that another process listens on, naming the option and key that choose
     * another: the broker and the registry would otherwise fail on it with a message about neither.
     *
     * @throws UnavailableException when the port is in use
     */
    public static void requireFree(int port, String option, String key) {
        if (port <= 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new UnavailableException("port " + port + " on 127.0.0.1 is in use; choose another with " + option + " (or "
                + key + "), or 0 for a free one");
        }
    }
}
