package io.claimstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.claimstream.runtime.DataDirectory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line as users meet it: help, exit codes, one-line errors, and where settings come from. */
class CommandLineTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"run", "demo", "ingest", "process", "topics", "topics create", "topics describe", "inspect",
        "feeds", "feeds add", "feeds list", "feeds remove", "feeds check", "extract", "registry"})
    void everyCommandHasHelp(String command) {
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.add("--help");

        Result result = run(Map.of(), args.toArray(String[]::new));

        assertThat(result.exitCode).isZero();
        assertThat(result.out).startsWith("Usage: claimstream " + command);
        assertThat(result.err).isEmpty();
    }

    @Test
    void theTopLevelHelpListsEveryExitCodeAndTheConfigurationRule() {
        Result result = run(Map.of(), "--help");

        assertThat(result.exitCode).isZero();
        for (String line : ExitCodes.TABLE) {
            int colon = line.indexOf(':');
            assertThat(result.out.replaceAll("\\s+", " "))
                .contains(line.substring(0, colon) + " " + line.substring(colon + 1));
        }
        assertThat(result.out.replaceAll("\\s+", " ")).contains("CLAIMSTREAM_BOOTSTRAP_SERVERS sets bootstrap.servers")
            .contains("overridden by environment variables, overridden by command-line options");
    }

    @Test
    void theReadmeHasTheSameExitCodeTable() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        StringBuilder table = new StringBuilder("| code | meaning |\n| --- | --- |\n");
        for (String line : ExitCodes.TABLE) {
            int colon = line.indexOf(':');
            table.append("| ").append(line, 0, colon).append(" | ").append(line.substring(colon + 1)).append(" |\n");
        }

        assertThat(readme).as("README.md must contain:%n%s", table).contains(table);
    }

    @Test
    void aUsageErrorIsOneLineWithExitCodeTwo() {
        Result unknown = run(Map.of(), "inspect", "claims.by-subject", "--nope");
        Result missing = run(Map.of(), "inspect");

        assertThat(unknown.exitCode).isEqualTo(2);
        assertThat(unknown.err).isEqualTo("claimstream inspect: Unknown option: '--nope' (see claimstream inspect --help)\n");
        assertThat(missing.exitCode).isEqualTo(2);
        assertThat(missing.err).isEqualTo("claimstream inspect: Missing required parameter: 'TOPIC' (see claimstream inspect --help)\n");
    }

    @Test
    void anInvalidSettingIsRefusedInOneLineNamingTheKeyAndItsOrigin() {
        Result result = run(Map.of("CLAIMSTREAM_TOPIC_PARTITIONS", "zero"), "demo", "--data-dir", tmp.toString());

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).isEqualTo("claimstream demo: claimstream.topic.partitions=zero (from environment variable "
            + "CLAIMSTREAM_TOPIC_PARTITIONS) is invalid: Not a number of type INT; allowed: an integer in [1,...]\n");
        assertThat(result.out).isEmpty();
    }

    @Test
    void theEnvironmentOverridesTheFileAndOptionsOverrideTheEnvironment() throws Exception {
        // demo refuses a configured cluster, naming where bootstrap.servers came from: whichever layer won.
        Path file = Files.writeString(tmp.resolve("app.properties"), "bootstrap.servers=file:9092\n");
        Map<String, String> env = Map.of("CLAIMSTREAM_BOOTSTRAP_SERVERS", "env:9092");

        Result fromFile = run(Map.of(), "demo", "--config", file.toString());
        Result fromEnvironment = run(env, "demo", "--config", file.toString());
        Result fromProperty = run(env, "demo", "--config", file.toString(), "-p", "bootstrap.servers=p:9092");
        Result fromOption = run(env, "demo", "--config", file.toString(), "-p", "bootstrap.servers=p:9092",
            "--bootstrap-servers", "option:9092");

        assertThat(fromFile.err).contains("bootstrap.servers is set (from " + file + ")");
        assertThat(fromEnvironment.err).contains("bootstrap.servers is set (from environment variable CLAIMSTREAM_BOOTSTRAP_SERVERS)");
        assertThat(fromProperty.err).contains("bootstrap.servers is set (from --property bootstrap.servers)");
        assertThat(fromOption.err).contains("bootstrap.servers is set (from --bootstrap-servers)");
        assertThat(List.of(fromFile, fromEnvironment, fromProperty, fromOption)).allSatisfy(r -> {
            assertThat(r.exitCode).isEqualTo(2);
            assertThat(r.err.lines()).hasSize(1);
        });
    }

    @Test
    void anUnknownKeyIsWarnedAboutInOneLineAndTheCommandGoesOn() throws Exception {
        Path file = Files.writeString(tmp.resolve("app.properties"), "claimstream.topic.partitons=3\n");

        Result result = run(Map.of(), "feeds", "list", "--config", file.toString(), "--data-dir", tmp.resolve("none").toString());

        assertThat(result.err.lines()).containsExactly(
            "claimstream: warning: unknown configuration key claimstream.topic.partitons (from " + file + "); it is passed on "
                + "to the Kafka clients, which ignore it",
            "claimstream feeds list: bootstrap.servers is not set, and no embedded claimstream is running on data directory "
                + tmp.resolve("none").toAbsolutePath() + " (start one with 'claimstream run', or set --bootstrap-servers)");
        assertThat(result.exitCode).isEqualTo(2);
    }

    @Test
    void theStackTraceOnlyWithVerbose() {
        Result quiet = run(Map.of(), "demo", "--bootstrap-servers", "x:1");
        Result verbose = run(Map.of(), "demo", "--bootstrap-servers", "x:1", "--verbose");

        assertThat(quiet.err.lines()).hasSize(1);
        assertThat(verbose.err.lines().findFirst()).contains(quiet.err.strip());
        assertThat(verbose.err).contains("org.apache.kafka.common.config.ConfigException").contains("\tat io.claimstream.cli.DemoCommand");
        assertThat(verbose.exitCode).isEqualTo(2);
    }

    @Test
    void aDataDirectoryInUseIsUnavailableWithExitCodeThree() {
        Path data = tmp.resolve("data");
        try (DataDirectory held = DataDirectory.open(data)) {
            Result result = run(Map.of(), "demo", "--data-dir", data.toString(), "--kafka-port", "0", "--registry-port", "0",
                "--http-port", "0");

            assertThat(held.root()).isEqualTo(data.toAbsolutePath());
            assertThat(result.exitCode).isEqualTo(3);
            assertThat(result.err).isEqualTo("claimstream demo: data directory " + data.toAbsolutePath()
                + " is in use by another claimstream (stop it, or choose another with --data-dir)\n");
        }
    }

    @Test
    void aPortInUseIsUnavailableWithExitCodeThree() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Result result = run(Map.of(), "demo", "--data-dir", tmp.resolve("data").toString(), "--kafka-port", "0",
                "--registry-port", Integer.toString(port), "--http-port", "0");

            assertThat(result.exitCode).isEqualTo(3);
            assertThat(result.err).isEqualTo("claimstream demo: port " + port + " on 127.0.0.1 is in use; choose another with "
                + "--registry-port (or claimstream.embedded.registry.port), or 0 for a free one\n");
        }
        assertThat(System.getProperty("java.io.tmpdir")).as("the JVM's temporary directory is put back")
            .doesNotStartWith(tmp.toString());
    }

    /**
     * Nothing listens on 127.0.0.1:1. Each command gives up at its --timeout, says how long it
     * waited, and stops then: closing the admin client used to wait out the calls Kafka never
     * answered, up to default.api.timeout.ms (a minute) after the timeout it had reported.
     */
    @ParameterizedTest
    @ValueSource(strings = {"topics describe", "topics create", "inspect news.claims"})
    void anUnreachableKafkaIsReportedWithTheTimeWaitedAndTheCommandStopsThen(String command) {
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--bootstrap-servers", "127.0.0.1:1", "--timeout", "2s", "-p", "schema.registry.url=http://127.0.0.1:1"));
        long started = System.nanoTime();

        Result result = run(Map.of(), args.toArray(String[]::new));

        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(result.exitCode).as(result.err).isEqualTo(3);
        assertThat(result.err.lines()).singleElement().asString()
            .startsWith("claimstream " + command.split(" ")[0])
            .containsPattern("Kafka did not answer in 2\\.\\d s: is Kafka reachable\\?");
        assertThat(seconds).as("seconds until the command returned").isLessThan(8);
    }

    @Test
    void aDataDirectoryThatCannotBeOpenedIsReportedWithTheCause() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");

        Result result = run(Map.of(), "demo", "--data-dir", file.resolve("data").toString(), "--kafka-port", "0",
            "--registry-port", "0", "--http-port", "0");

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.err.lines()).singleElement().asString()
            .startsWith("claimstream demo: cannot open data directory " + file.resolve("data") + ": ")
            .containsIgnoringCase(": not a directory on " + file);
    }

    @Test
    void aMistypedCommandIsAUsageErrorThatSuggestsTheCommandMeant() {
        Result result = run(Map.of(), "runn");

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).isEqualTo("claimstream: Unmatched argument at index 0: 'runn'; did you mean run? "
            + "(see claimstream --help)\n");
    }

    static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cli = ClaimstreamCommand.commandLine(new ClaimstreamCommand(env));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    record Result(int exitCode, String out, String err) {
    }
}
