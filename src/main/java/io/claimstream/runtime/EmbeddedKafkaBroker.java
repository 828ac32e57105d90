package io.claimstream.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (combined broker and KRaft controller) running in this JVM,
 * listening on loopback only. Its log directory survives a restart, so a second start on the
 * same data directory resumes with the same topics, offsets and committed transactions.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** How long a transaction's write waits for the previous commit on the same partition. */
    static final Duration TRANSACTION_WAIT = Duration.ofSeconds(2);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path logDir;
    private final Map<String, Object> clientSecurity;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers, Path logDir, Map<String, Object> clientSecurity) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.logDir = logDir;
        this.clientSecurity = Map.copyOf(clientSecurity);
    }

    /** Starts a broker keeping its data under {@code dataDir}; port 0 picks a free port. */
    public static EmbeddedKafkaBroker start(Path dataDir, int port) {
        return start(dataDir, port, Map.of());
    }

    /**
     * Starts a broker keeping its data under {@code dataDir}; port 0 picks a free port.
     * {@code overrides} are broker properties applied over the single-node defaults.
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port, Map<String, String> overrides) {
        return start(dataDir, port, overrides, Map.of());
    }

    /**
     * Starts a broker whose client listener asks for what {@code overrides} configure (SASL, say):
     * {@code clientSecurity} is what a client then needs besides bootstrap.servers, which the
     * readiness check and {@link #adminConfig()} use.
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port, Map<String, String> overrides,
                                            Map<String, Object> clientSecurity) {
        Path logDir = dataDir.toAbsolutePath().resolve("kafka-logs");
        int brokerPort = port == 0 ? freePort() : port;
        int controllerPort = freePortOtherThan(brokerPort);
        Properties props = singleNodeProperties(logDir, brokerPort, controllerPort);
        overrides.forEach(props::setProperty);
        try {
            Files.createDirectories(logDir);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(dataDir.toAbsolutePath(), props);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka log directory " + logDir, e);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, HOST + ":" + brokerPort, logDir, clientSecurity);
        try {
            broker.awaitReady();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        log.info("Embedded Kafka broker ready at {} (data in {})", broker.bootstrapServers, logDir);
        return broker;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path logDir() {
        return logDir;
    }

    /** Admin client properties pointing at this broker. */
    public Map<String, Object> adminConfig() {
        Map<String, Object> config = new HashMap<>(clientSecurity);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Map.copyOf(config);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        log.info("Embedded Kafka broker at {} stopped", bootstrapServers);
    }

    static Properties singleNodeProperties(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        // A single node can only replicate once; with the default 50 offsets partitions the
        // first group join takes seconds, and without the transaction settings
        // exactly_once_v2 times out waiting for a producer id.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // A transaction's first write to a partition waits on the broker, up to this long, for the previous
        // transaction's commit markers there; past it the broker answers CONCURRENT_TRANSACTIONS and the producer
        // resends (with OUT_OF_ORDER_SEQUENCE_NUMBER for the batches behind it). The default, 100 ms, is shorter
        // than the markers take on a busy machine while an exactly_once_v2 application starts.
        p.setProperty("add.partitions.to.txn.retry.backoff.max.ms", String.valueOf(TRANSACTION_WAIT.toMillis()));
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("num.partitions", "1");
        return p;
    }

    private static void format(Path dataDir, Properties props) throws IOException {
        Path configFile = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            props.store(out, "claimstream embedded broker");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int rc;
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {
                "format", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString()}, printStream);
        }
        if (rc != 0) {
            throw new IllegalStateException("formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private void awaitReady() {
        Properties adminProps = new Properties();
        adminProps.putAll(adminConfig());
        try (Admin admin = Admin.create(adminProps)) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedded broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("embedded broker at " + bootstrapServers + " did not become ready", e);
        }
    }

    /** The OS may hand the same ephemeral port out twice in a row; the broker refuses two listeners on one port. */
    private static int freePortOtherThan(int taken) {
        int candidate = freePort();
        while (candidate == taken) {
            candidate = freePort();
        }
        return candidate;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }
}
