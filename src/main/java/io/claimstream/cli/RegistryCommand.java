package io.claimstream.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.claimstream.config.ClaimstreamSettings;
import io.claimstream.config.Configuration;
import io.claimstream.registry.EmbeddedSchemaRegistry;
import io.claimstream.runtime.ClaimstreamService;
import io.claimstream.runtime.DataDirectory;
import io.claimstream.runtime.EmbeddedKafkaBroker;
import io.claimstream.runtime.Endpoints;
import io.claimstream.runtime.KafkaClients;

import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code claimstream registry}: the embedded schema registry on its own, for developers of
 * downstream consumers who want a local Confluent-compatible registry. Runs until interrupted.
 * It reads its settings as every other command does (file, environment, options), so it reaches
 * a SASL or TLS cluster with the same properties, and keeps an embedded broker's data in the same
 * place as {@code run} ({@code <data-dir>/kafka}), under the same lock.
 */
@Command(
    name = "registry",
    mixinStandardHelpOptions = true,
    description = {
        "Serves a Confluent-compatible schema registry on 127.0.0.1, storing schemas in the _schemas topic.",
        "With bootstrap.servers it keeps them on that cluster (with the cluster's security settings, from --config or -p). "
            + "Without, it starts an embedded Kafka broker keeping its data under --data-dir, as 'run' does, so it serves "
            + "the schemas of a stopped 'run' or 'demo' on the same data directory.",
        "Prints schema.registry.url=URL (and bootstrap.servers=... for an embedded broker) on stdout, then runs until interrupted.",
        "With " + ClaimstreamSettings.REGISTRY_AUTH_USER + " and " + ClaimstreamSettings.REGISTRY_AUTH_PASSWORD
            + " set (for example as CLAIMSTREAM_REGISTRY_AUTH_BASIC_USER and _PASSWORD), every request must carry them "
            + "(HTTP basic auth); set them before binding a --host other than loopback."},
    footer = "%nExit codes: see claimstream --help.")
public final class RegistryCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = {"--port", "--registry-port"}, paramLabel = "PORT",
        description = "HTTP port (" + ClaimstreamSettings.REGISTRY_PORT + "; default 8081; 0: a free port).")
    Integer port;

    @Option(names = "--host", paramLabel = "ADDRESS",
        description = "Address to bind (" + ClaimstreamSettings.REGISTRY_HOST + "; default 127.0.0.1); a wider one such as "
            + "0.0.0.0 exposes the registry, so give it credentials.")
    String host;

    @Option(names = {"--kafka-port", "--broker-port"}, paramLabel = "PORT",
        description = "Port of the embedded broker on 127.0.0.1 (" + ClaimstreamSettings.KAFKA_PORT
            + "; default 9092; 0: a free port).")
    Integer kafkaPort;

    @Option(names = "--topic", defaultValue = EmbeddedSchemaRegistry.Settings.DEFAULT_TOPIC,
        description = "Compacted topic that stores the schemas (default ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--replication-factor",
        description = "Replication factor of the topic if it must be created (default: the broker's default).")
    Short replicationFactor;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (options.schemaRegistryUrl != null) {
            throw new ParameterException(spec.commandLine(),
                "--schema-registry-url names a registry to use; this command serves one (see --port and --host)");
        }
        Configuration config = options.load(b -> {
            ConfigOptions.set(b, ClaimstreamSettings.REGISTRY_PORT, port, "--port");
            ConfigOptions.set(b, ClaimstreamSettings.REGISTRY_HOST, host, "--host");
            ConfigOptions.set(b, ClaimstreamSettings.KAFKA_PORT, kafkaPort, "--kafka-port");
        });
        ClaimstreamSettings settings = config.claimstream();
        boolean embedded = config.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).isEmpty();
        Service service = new Service();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdownHook = null;
        boolean interrupted = false;
        try {
            String servers;
            if (embedded) {
                DataDirectory data = DataDirectory.open(settings.dataDir());
                service.data = data;
                data.holdTemporaryFiles();
                ClaimstreamService.requireFree(settings.kafkaPort(), "--kafka-port", ClaimstreamSettings.KAFKA_PORT);
                ClaimstreamService.requireFree(settings.registryPort(), "--port", ClaimstreamSettings.REGISTRY_PORT);
                warnOfEarlierLayout(data);
                service.broker = EmbeddedKafkaBroker.start(data.kafka(), settings.kafkaPort());
                servers = service.broker.bootstrapServers();
            } else {
                servers = config.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).orElseThrow();
            }
            service.registry = EmbeddedSchemaRegistry.start(EmbeddedSchemaRegistry.Settings.of(servers, settings.registryPort())
                // Security, timeouts and the other settings every Kafka client takes, for a cluster that asks for them.
                .withKafkaClientConfig(embedded ? Map.of() : KafkaClients.common(config.values()))
                .withTopic(topic, Optional.ofNullable(replicationFactor))
                .withHost(settings.registryHost())
                .withCredentials(settings.registryCredentials()));
            PrintWriter out = spec.commandLine().getOut();
            out.println("schema.registry.url=" + service.registry.url());
            if (embedded) {
                out.println("bootstrap.servers=" + servers);
                // Commands from another terminal (inspect, topics, feeds) find the broker and the registry here.
                service.endpointsWritten = true;
                new Endpoints(servers, service.registry.url(), null).write(service.data.root());
            }
            out.flush();

            shutdownHook = new Thread(() -> {
                service.close();
                stopped.countDown();
            }, "claimstream-registry-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            stopped.await();
            return 0;
        } catch (InterruptedException e) {
            interrupted = true;
            return 0;
        } finally {
            // Interrupted (or failed to start) rather than shut down: close here, and drop the hook.
            // The interrupt is restored only afterwards, or closing the Kafka clients would fail on it.
            service.close();
            if (shutdownHook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is running or has run.
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Earlier versions of this command kept the broker's log in {@code DIR/kafka-logs} rather than
     * in {@code DIR/kafka/kafka-logs}, where {@code run} keeps it: say so when such a log is there,
     * since its schemas are not the ones now served.
     */
    private void warnOfEarlierLayout(DataDirectory data) {
        Path earlier = data.root().resolve("kafka-logs");
        if (Files.isDirectory(earlier)) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("claimstream registry: warning: " + earlier + " holds the broker log of an earlier 'claimstream registry'; "
                + "its schemas are not served: this command now keeps its data in " + data.kafka() + ", as 'run' does "
                + "(to keep them, stop it and, unless 'run' has used this directory, move " + earlier + " to "
                + data.kafka().resolve("kafka-logs") + ")");
            err.flush();
        }
    }

    /** What this command started, closed in reverse: registry, endpoints file, broker, data directory lock. */
    private static final class Service {
        DataDirectory data;
        EmbeddedKafkaBroker broker;
        EmbeddedSchemaRegistry registry;
        boolean endpointsWritten;
        private boolean closed;

        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (registry != null) {
                registry.close();
            }
            if (endpointsWritten) {
                Endpoints.delete(data.root());
            }
            if (broker != null) {
                broker.close();
            }
            if (data != null) {
                data.close();
            }
        }
    }
}
