package io.claimstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.claimstream.config.ClaimstreamSettings;
import io.claimstream.config.Configuration;
import io.claimstream.registry.RegistryClientConfig;
import io.claimstream.registry.SchemaRegistryClient;
import io.claimstream.runtime.ClaimstreamService;
import io.claimstream.runtime.EmbeddedKafkaBroker;
import io.claimstream.runtime.Endpoints;

import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class RegistryCommandIT {

    private static final Schema SCHEMA = new Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"Reading\",\"fields\":[{\"name\":\"value\",\"type\":\"double\"}]}");
    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
        + "username=\"schemas\" password=\"s3cret\";";

    @TempDir
    Path dataDir;

    @Test
    void servesARegistryOnAnEmbeddedBrokerUntilInterruptedAndKeepsItsSchemasUnderTheDataDir() throws Exception {
        int id;
        try (Running registry = Running.start(Map.of(), "registry", "--port", "0", "--kafka-port", "0",
            "--data-dir", dataDir.toString())) {
            assertThat(registry.output()).contains("bootstrap.servers=127.0.0.1:");
            id = SchemaRegistryClient.of(registry.url()).register("readings-value", SCHEMA);
            // Commands from another terminal find it as they find a running 'run'.
            assertThat(Endpoints.read(dataDir).orElseThrow().schemaRegistryUrl()).isEqualTo(registry.url());
        }
        assertThat(Endpoints.read(dataDir)).as("endpoints file removed on stop").isEmpty();
        // The layout of 'run': the broker's log under <data-dir>/kafka.
        assertThat(dataDir.resolve("kafka/kafka-logs")).isDirectory();
        assertThat(dataDir.resolve("kafka-logs")).doesNotExist();

        try (Running again = Running.start(Map.of(), "registry", "--port", "0", "--kafka-port", "0",
            "--data-dir", dataDir.toString())) {
            assertThat(SchemaRegistryClient.of(again.url()).latest("readings-value").id()).isEqualTo(id);
        }
    }

    @Test
    void servesTheSchemasOfAStoppedRunOnTheSameDataDirectory() throws Exception {
        Configuration config = Configuration.of(Map.of(ClaimstreamSettings.DATA_DIR, dataDir.toString(),
            ClaimstreamSettings.KAFKA_PORT, "0", ClaimstreamSettings.REGISTRY_PORT, "0", ClaimstreamSettings.HTTP_PORT, "-1"), "test");
        int id;
        try (ClaimstreamService run = ClaimstreamService.start(config, EnumSet.noneOf(ClaimstreamService.Part.class), true)) {
            String url = run.configuration().get(RegistryClientConfig.SCHEMA_REGISTRY_URL).orElseThrow();
            id = SchemaRegistryClient.of(url).register("readings-value", SCHEMA);
        }

        try (Running registry = Running.start(Map.of(), "registry", "--port", "0", "--kafka-port", "0",
            "--data-dir", dataDir.toString())) {
            SchemaRegistryClient client = SchemaRegistryClient.of(registry.url());
            assertThat(client.latest("readings-value").id()).isEqualTo(id);
        }
    }

    @Test
    void refusesADataDirectoryThatAnotherClaimstreamHoldsAndNamesAnEarlierLayout() throws Exception {
        // Where earlier versions of this command kept the broker's log.
        Files.createDirectories(dataDir.resolve("kafka-logs"));
        try (Running first = Running.start(Map.of(), "registry", "--port", "0", "--kafka-port", "0",
            "--data-dir", dataDir.toString())) {
            assertThat(first.errors()).contains("claimstream registry: warning: " + dataDir.resolve("kafka-logs").toAbsolutePath()
                + " holds the broker log of an earlier 'claimstream registry'; its schemas are not served");
            StringWriter err = new StringWriter();
            int exit = ClaimstreamCommand.commandLine(new ClaimstreamCommand(Map.of()))
                .setOut(new PrintWriter(new StringWriter(), true)).setErr(new PrintWriter(err, true))
                .execute("registry", "--port", "0", "--kafka-port", "0", "--data-dir", dataDir.toString());
            assertThat(exit).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(err.toString()).contains("claimstream registry: data directory").contains("is in use by another claimstream");
            assertThat(SchemaRegistryClient.of(first.url()).subjects()).isEmpty();
        }
    }

    /**
     * A cluster that asks for SASL: the security settings come from the file, the environment and
     * -p as for every other command, -p over the environment over the file.
     */
    @Test
    void reachesASaslClusterWithTheSettingsOfTheConfigFileTheEnvironmentAndOptions(@TempDir Path brokerDir) throws Exception {
        Map<String, Object> sasl = Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN", "sasl.jaas.config", JAAS);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(brokerDir, 0, Map.of(
            "listener.security.protocol.map", "PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
            "sasl.enabled.mechanisms", "PLAIN",
            "sasl.mechanism.inter.broker.protocol", "PLAIN",
            "listener.name.plaintext.plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"schemas\" password=\"s3cret\" user_schemas=\"s3cret\";"), sasl)) {
            Path file = dataDir.resolve("app.properties");
            Files.writeString(file, String.join("\n",
                "bootstrap.servers=" + broker.bootstrapServers(),
                "security.protocol=SASL_PLAINTEXT",
                "sasl.mechanism=PLAIN",
                "sasl.jaas.config=" + JAAS,
                "claimstream.embedded.registry.port=1",
                ""));
            Map<String, String> environment = Map.of("CLAIMSTREAM_SASL_JAAS_CONFIG", JAAS.replace("s3cret", "wrong"),
                "CLAIMSTREAM_EMBEDDED_REGISTRY_PORT", "2");
            try (Running registry = Running.start(environment, "registry", "--config", file.toString(),
                "-p", "sasl.jaas.config=" + JAAS, "-p", "claimstream.embedded.registry.port=0", "--topic", "_schemas_sasl")) {
                assertThat(registry.output()).doesNotContain("bootstrap.servers=");
                assertThat(SchemaRegistryClient.of(registry.url()).register("readings-value", SCHEMA)).isPositive();
            }
            try (Admin admin = Admin.create(broker.adminConfig())) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("_schemas_sasl");
            }

            // Without the -p, the environment's wrong password wins over the file's: the cluster refuses it.
            StringWriter err = new StringWriter();
            int exit = ClaimstreamCommand.commandLine(new ClaimstreamCommand(environment))
                .setOut(new PrintWriter(new StringWriter(), true)).setErr(new PrintWriter(err, true))
                .execute("registry", "--config", file.toString(), "--port", "0", "--topic", "_schemas_sasl");
            assertThat(exit).as("stderr: %s", err).isNotZero();
            assertThat(err.toString()).startsWith("claimstream registry: ").containsIgnoringCase("authentication");
        }
    }

    /** {@code claimstream ...} running on a thread of this JVM, its stdout captured. */
    private static final class Running implements AutoCloseable {
        private static final Pattern URL = Pattern.compile("schema\\.registry\\.url=(\\S+)");

        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private final Thread thread;
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();
        private final String url;

        private Running(Map<String, String> environment, String... args) throws InterruptedException {
            CommandLine command = ClaimstreamCommand.commandLine(new ClaimstreamCommand(environment))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
            thread = new Thread(() -> exit.complete(command.execute(args)), "claimstream-under-test");
            thread.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Matcher matcher = URL.matcher("");
            while (!matcher.reset(output()).find()) {
                assertThat(System.nanoTime()).as("no schema.registry.url printed; output: %s %s", output(), err).isLessThan(deadline);
                assertThat(exit).as("command ended early; output: %s %s", output(), err).isNotDone();
                Thread.sleep(50);
            }
            url = matcher.group(1);
        }

        static Running start(Map<String, String> environment, String... args) throws InterruptedException {
            return new Running(environment, args);
        }

        String output() {
            return out.toString();
        }

        String errors() {
            return err.toString();
        }

        String url() {
            return url;
        }

        @Override
        public void close() throws ExecutionException, TimeoutException {
            thread.interrupt();
            try {
                assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the command to stop", e);
            }
        }
    }
}
