package io.claimstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.claimstream.registry.SchemaRegistryClient;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class RegistryCommandIT {

    private static final Schema SCHEMA = new Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"Reading\",\"fields\":[{\"name\":\"value\",\"type\":\"double\"}]}");

    @TempDir
    Path dataDir;

    @Test
    void servesARegistryOnAnEmbeddedBrokerUntilInterruptedAndKeepsItsSchemasUnderTheDataDir() throws Exception {
        int id;
        try (Running registry = Running.start("registry", "--port", "0", "--data-dir", dataDir.toString())) {
            assertThat(registry.output()).contains("bootstrap.servers=127.0.0.1:");
            id = SchemaRegistryClient.of(registry.url()).register("readings-value", SCHEMA);
        }

        try (Running again = Running.start("registry", "--port", "0", "--data-dir", dataDir.toString())) {
            assertThat(SchemaRegistryClient.of(again.url()).latest("readings-value").id()).isEqualTo(id);
        }
    }

    /** {@code claimstream ...} running on a thread of this JVM, its stdout captured. */
    private static final class Running implements AutoCloseable {
        private static final Pattern URL = Pattern.compile("schema\\.registry\\.url=(\\S+)");

        private final StringWriter out = new StringWriter();
        private final Thread thread;
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();
        private final String url;

        private Running(String... args) throws InterruptedException {
            CommandLine command = new CommandLine(new ClaimstreamCommand()).setOut(new PrintWriter(out, true));
            thread = new Thread(() -> exit.complete(command.execute(args)), "claimstream-under-test");
            thread.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Matcher matcher = URL.matcher("");
            while (!matcher.reset(output()).find()) {
                assertThat(System.nanoTime()).as("no schema.registry.url printed; output: %s", output()).isLessThan(deadline);
                assertThat(exit).as("command ended early; output: %s", output()).isNotDone();
                Thread.sleep(50);
            }
            url = matcher.group(1);
        }

        static Running start(String... args) throws InterruptedException {
            return new Running(args);
        }

        String output() {
            return out.toString();
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
