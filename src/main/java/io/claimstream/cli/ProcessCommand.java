package io.claimstream.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.claimstream.registry.RegistryClientConfig;
import io.claimstream.runtime.ProcessingApplication;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code claimstream process}: the Kafka Streams half on a cluster, until interrupted. */
@Command(
    name = "process",
    mixinStandardHelpOptions = true,
    description = {
        "Extracts and deduplicates the claims of the articles on news.articles into claims.by-subject "
            + "(compacted, by subject) and news.claims, with exactly-once processing; unreadable records go to news.dlq.",
        "Creates the topics it needs, or checks them when they exist. Runs until interrupted."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:stopped by a signal",
        "1:processing failed",
        "2:invalid configuration, or a topic configured against what processing needs"})
public final class ProcessCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", required = true, description = "Kafka cluster to process on.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", required = true, description = "Schema registry of the topics' Avro schemas.")
    String schemaRegistryUrl;

    @Option(names = "--application-id", defaultValue = ProcessingApplication.DEFAULT_APPLICATION_ID,
        description = "Kafka Streams application id: instances with the same id share the work (default ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--state-dir", description = "Where the state stores live (default: Kafka Streams' own).")
    Path stateDir;

    @Option(names = {"-p", "--property"}, paramLabel = "KEY=VALUE",
        description = "Any other setting: claimstream.* (retention, caps, topic partitions), schema registry or Kafka Streams.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, Object> props = new HashMap<>(properties);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(RegistryClientConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        if (stateDir != null) {
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProcessingApplication app;
        try {
            app = ProcessingApplication.create(props);
        } catch (ConfigException e) {
            err.println("process: " + e.getMessage());
            return 2;
        }
        Thread shutdownHook = new Thread(app::close, "claimstream-process-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            app.start();
        } catch (IllegalStateException e) {
            err.println("process: " + e.getMessage());
            app.close();
            return 2;
        }
        if (app.awaitRunning(Duration.ofMinutes(2))) {
            out.println("process: running as " + applicationId);
            out.flush();
        }
        app.awaitStopped();
        return app.state() == KafkaStreams.State.ERROR ? 1 : 0;
    }
}
