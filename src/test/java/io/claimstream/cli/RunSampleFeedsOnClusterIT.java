package io.claimstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.claimstream.config.ClaimstreamSettings;
import io.claimstream.config.Configuration;
import io.claimstream.registry.RegistryClientConfig;
import io.claimstream.runtime.ClaimstreamService;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * {@code run --sample-feeds} on a cluster, as the compose file runs it: with no feed configured,
 * the process serves the bundled sample feeds to itself and subjects land and are printed.
 */
class RunSampleFeedsOnClusterIT {

    /** A subject's claim line as {@code run} prints it: value, unit, mentions, outlets. */
    private static final Pattern CLAIM_LINE = Pattern.compile("(?m)^  \\S+ \\S+ +mentions \\d+ +outlets \\d+");

    @TempDir
    Path dataDir;

    @Test
    void subjectsLandWithNoFeedConfigured() throws Exception {
        Configuration cluster = Configuration.of(Map.of(ClaimstreamSettings.DATA_DIR, dataDir.resolve("kafka").toString(),
            ClaimstreamSettings.KAFKA_PORT, "0", ClaimstreamSettings.REGISTRY_PORT, "0", ClaimstreamSettings.HTTP_PORT, "-1"), "test");
        try (ClaimstreamService kafka = ClaimstreamService.start(cluster, EnumSet.noneOf(ClaimstreamService.Part.class), true)) {
            String bootstrap = kafka.configuration().get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).orElseThrow();
            String registry = kafka.configuration().get(RegistryClientConfig.SCHEMA_REGISTRY_URL).orElseThrow();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine command = ClaimstreamCommand.commandLine(new ClaimstreamCommand(Map.of()))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            Thread run = new Thread(() -> exit.complete(command.execute("run", "--sample-feeds", "--bootstrap-servers", bootstrap,
                "--schema-registry-url", registry, "--http-port", "-1",
                "-p", StreamsConfig.STATE_DIR_CONFIG + "=" + dataDir.resolve("streams"))), "run-under-test");
            run.start();
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (!CLAIM_LINE.matcher(out.toString()).find()) {
                    assertThat(exit).as("run ended early: %s %s", out, err).isNotDone();
                    assertThat(System.nanoTime()).as("a subject printed within 120 s: %s %s", out, err).isLessThan(deadline);
                    Thread.sleep(200);
                }
                assertThat(out.toString()).contains("run: ingesting and processing");
            } finally {
                // A signal is how it stops for real; on a thread of this JVM, an interrupt ends it.
                run.interrupt();
                exit.get(60, TimeUnit.SECONDS);
            }
        }
    }
}
