package io.claimstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A start that fails says why, and nothing before it says that claimstream stopped as if it had run. */
class FailedStartTest {

    @TempDir
    Path dataDir;

    @Test
    void aPortInUseIsTheOneThingAFailedStartReports() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.setContext(context);
        logged.start();
        root.addAppender(logged);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StringWriter err = new StringWriter();
            int exit = ClaimstreamCommand.commandLine(new ClaimstreamCommand(Map.of()))
                .setOut(new PrintWriter(new StringWriter(), true)).setErr(new PrintWriter(err, true))
                .execute("run", "--data-dir", dataDir.toString(), "--kafka-port", "0", "--registry-port", "0",
                    "--http-port", String.valueOf(taken.getLocalPort()));

            assertThat(exit).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(err.toString()).isEqualTo("claimstream run: port " + taken.getLocalPort() + " on 127.0.0.1 is in use; "
                + "choose another with --http-port (or claimstream.http.port), or 0 for a free one" + System.lineSeparator());
            assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(message -> message.contains("claimstream stopped"));
        } finally {
            root.detachAppender(logged);
        }
    }
}
