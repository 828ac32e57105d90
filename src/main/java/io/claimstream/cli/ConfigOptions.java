package io.claimstream.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.claimstream.config.ClaimstreamSettings;
import io.claimstream.config.Configuration;
import io.claimstream.registry.RegistryClientConfig;
import io.claimstream.runtime.Endpoints;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The configuration options every Kafka-facing command shares, and how they combine with the
 * properties file and the environment: file, then environment variables, then these options.
 */
final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE",
        description = "Properties file of settings: claimstream.*, Kafka client, Kafka Streams and schema registry keys.")
    Path file;

    @Option(names = {"-p", "--property"}, paramLabel = "KEY=VALUE",
        description = "A setting over the file and the environment (CLAIMSTREAM_<KEY>); repeatable.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
        description = "Kafka cluster (bootstrap.servers). Unset: embedded mode, or the embedded claimstream running on --data-dir.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL", description = "Schema registry (schema.registry.url).")
    String schemaRegistryUrl;

    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "Data directory of embedded mode (claimstream.data.dir; default " + ClaimstreamSettings.DEFAULT_DATA_DIR + ").")
    Path dataDir;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * The configuration of this run, checked: invalid values are refused naming the key, unknown
     * keys are warned about on stderr.
     *
     * @param commandOptions sets what the command's own options say, over everything else
     */
    Configuration load(Consumer<Configuration.Builder> commandOptions) {
        Configuration.Builder builder = Configuration.builder();
        if (file != null) {
            builder.file(file);
        }
        builder.environment(environment());
        properties.forEach((k, v) -> builder.set(k, v, "--property " + k));
        set(builder, CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, "--bootstrap-servers");
        set(builder, RegistryClientConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl, "--schema-registry-url");
        set(builder, ClaimstreamSettings.DATA_DIR, dataDir == null ? null : dataDir.toString(), "--data-dir");
        commandOptions.accept(builder);
        Configuration config = builder.build().validate();
        PrintWriter err = command.commandLine().getErr();
        config.warnings().forEach(w -> err.println("claimstream: warning: " + w));
        err.flush();
        return config;
    }

    /**
     * The configuration of a command that talks to a running claimstream: without
     * bootstrap.servers, the addresses of the embedded claimstream running on the data directory.
     *
     * @throws ConfigException when neither is there
     */
    Configuration loadClient(Consumer<Configuration.Builder> commandOptions) {
        Configuration config = load(commandOptions);
        if (config.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).isPresent()) {
            return config;
        }
        Path data = config.claimstream().dataDir();
        Endpoints endpoints = Endpoints.read(data).orElseThrow(() -> new ConfigException(
            "bootstrap.servers is not set, and no embedded claimstream is running on data directory " + data.toAbsolutePath()
                + " (start one with 'claimstream run', or set --bootstrap-servers)"));
        return config.withDefaults(Map.of(
            CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers(),
            RegistryClientConfig.SCHEMA_REGISTRY_URL, endpoints.schemaRegistryUrl()), data.resolve(Endpoints.FILE).toString())
            // Given the embedded registry's credentials, send them to it.
            .withDefaults(config.claimstream().registryClientAuth(), ClaimstreamSettings.REGISTRY_AUTH_USER);
    }

    private Map<String, String> environment() {
        return command.root().userObject() instanceof ClaimstreamCommand root ? root.environment() : System.getenv();
    }

    /** Sets {@code key} when its option was given. */
    static void set(Configuration.Builder builder, String key, Object value, String option) {
        if (value != null) {
            builder.set(key, value.toString(), option);
        }
    }
}
