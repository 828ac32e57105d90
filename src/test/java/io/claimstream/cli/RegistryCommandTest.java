package io.claimstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The options of {@code claimstream registry}, without Kafka: those of every command, and what it refuses. */
class RegistryCommandTest {

    @Test
    void takesTheConfigurationOptionsOfEveryCommand() {
        StringWriter out = new StringWriter();
        int exit = ClaimstreamCommand.commandLine(new ClaimstreamCommand(Map.of())).setOut(new PrintWriter(out, true))
            .execute("registry", "--help");
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("--config=FILE", "-p, --property=KEY=VALUE", "--bootstrap-servers=HOST:PORT",
            "--data-dir=DIR", "--kafka-port, --broker-port=PORT", "--port, --registry-port=PORT", "--host=ADDRESS");
    }

    @Test
    void refusesARegistryUrlSinceItServesTheRegistry() {
        StringWriter err = new StringWriter();
        int exit = ClaimstreamCommand.commandLine(new ClaimstreamCommand(Map.of()))
            .setOut(new PrintWriter(new StringWriter(), true)).setErr(new PrintWriter(err, true))
            .execute("registry", "--schema-registry-url", "http://127.0.0.1:8081");
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("claimstream registry: --schema-registry-url names a registry to use; this command "
            + "serves one");
    }
}
