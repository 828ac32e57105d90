package io.claimstream.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.claimstream.config.Configuration;
import io.claimstream.registry.BasicCredentials;
import io.claimstream.registry.EmbeddedSchemaRegistry;
import io.claimstream.runtime.EmbeddedKafkaBroker;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code claimstream registry}: the embedded schema registry on its own, for developers of
 * downstream consumers who want a local Confluent-compatible registry. Runs until interrupted.
 */
@Command(
    name = "registry",
    mixinStandardHelpOptions = true,
    description = {
        "Serves a Confluent-compatible schema registry on 127.0.0.1, storing schemas in the _schemas topic.",
        "Without --bootstrap-servers it starts an embedded Kafka broker keeping its data under --data-dir.",
        "Prints schema.registry.url=URL (and bootstrap.servers=... for an embedded broker) on stdout, then runs until interrupted.",
        "With CLAIMSTREAM_REGISTRY_AUTH_BASIC_USER and CLAIMSTREAM_REGISTRY_AUTH_BASIC_PASSWORD set in the environment, every "
            + "request must carry them (HTTP basic auth); set them before binding a --host other than loopback."})
public final class RegistryCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8081", description = "HTTP port (0: any free port; default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = EmbeddedSchemaRegistry.Settings.DEFAULT_HOST,
        description = "Address to bind (default ${DEFAULT-VALUE}); a wider one such as 0.0.0.0 exposes the registry, so give it "
            + "credentials (CLAIMSTREAM_REGISTRY_AUTH_BASIC_USER/_PASSWORD).")
    String host;

    @Option(names = "--bootstrap-servers", description = "Kafka cluster to keep the schemas in; none starts an embedded broker.")
    String bootstrapServers;

    @Option(names = "--data-dir", defaultValue = "claimstream-data",
        description = "Where the embedded broker keeps its data (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--broker-port", defaultValue = "0",
        description = "Port of the embedded broker (0: any free port; default ${DEFAULT-VALUE}).")
    int brokerPort;

    @Option(names = "--topic", defaultValue = EmbeddedSchemaRegistry.Settings.DEFAULT_TOPIC,
        description = "Compacted topic that stores the schemas (default ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--replication-factor",
        description = "Replication factor of the topic if it must be created (default: the broker's default).")
    Short replicationFactor;

    @Spec
    CommandSpec spec;

    static final String CREDENTIAL_USER_VARIABLE = "CLAIMSTREAM_REGISTRY_AUTH_BASIC_USER";
    static final String CREDENTIAL_PASSWORD_VARIABLE = "CLAIMSTREAM_REGISTRY_AUTH_BASIC_PASSWORD";

    @Override
    public Integer call() throws Exception {
        // Only the credentials are read from the environment: the other settings are this command's options.
        BasicCredentials credentials = credentials();
        EmbeddedKafkaBroker broker = bootstrapServers == null ? EmbeddedKafkaBroker.start(dataDir, brokerPort) : null;
        EmbeddedSchemaRegistry registry = null;
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdownHook = null;
        boolean interrupted = false;
        try {
            String servers = broker != null ? broker.bootstrapServers() : bootstrapServers;
            registry = EmbeddedSchemaRegistry.start(EmbeddedSchemaRegistry.Settings.of(servers, port)
                .withTopic(topic, Optional.ofNullable(replicationFactor)).withHost(host).withCredentials(credentials));
            PrintWriter out = spec.commandLine().getOut();
            out.println("schema.registry.url=" + registry.url());
            if (broker != null) {
                out.println("bootstrap.servers=" + servers);
            }
            out.flush();

            EmbeddedSchemaRegistry running = registry;
            shutdownHook = new Thread(() -> {
                close(running, broker);
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
            close(registry, broker);
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

    private BasicCredentials credentials() {
        Map<String, String> environment = spec.root().userObject() instanceof ClaimstreamCommand root ? root.environment()
            : System.getenv();
        Map<String, String> auth = new HashMap<>();
        for (String variable : List.of(CREDENTIAL_USER_VARIABLE, CREDENTIAL_PASSWORD_VARIABLE)) {
            if (environment.containsKey(variable)) {
                auth.put(variable, environment.get(variable));
            }
        }
        return Configuration.builder().environment(auth).build().validate().claimstream().registryCredentials();
    }

    private static void close(EmbeddedSchemaRegistry registry, EmbeddedKafkaBroker broker) {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}
