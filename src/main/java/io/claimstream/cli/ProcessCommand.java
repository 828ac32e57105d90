package io.claimstream.cli;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.Callable;

import io.claimstream.config.ClaimstreamSettings;
import io.claimstream.config.Configuration;
import io.claimstream.runtime.ClaimstreamService.Part;
import io.claimstream.runtime.ProcessingApplication;

import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code claimstream process}: the Kafka Streams half on a cluster, until stopped. */
@Command(
    name = "process",
    mixinStandardHelpOptions = true,
    description = {
        "The processing half: Kafka Streams from news.articles to claims.by-subject.",
        "",
        "Extracts and deduplicates the claims of the articles on news.articles into claims.by-subject "
            + "(compacted, by subject) and news.claims, with exactly-once processing; unreadable records go to news.dlq.",
        "Creates the topics it needs, or checks them when they exist. Runs until stopped; serves the status page, /metrics, "
            + "/health/live and /health/ready on --http-port. Without bootstrap.servers it joins the embedded claimstream running on --data-dir."},
    footer = "%nExit codes: see claimstream --help.")
public final class ProcessCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--application-id", paramLabel = "ID",
        description = "Kafka Streams application id: instances with the same id share the work (application.id; default "
            + ProcessingApplication.DEFAULT_APPLICATION_ID + ").")
    String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the state stores live (state.dir).")
    Path stateDir;

    @Option(names = "--http-port", paramLabel = "PORT",
        description = "Port of the status server (" + ClaimstreamSettings.HTTP_PORT + "; default 8080; 0: a free port; -1: none).")
    Integer httpPort;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Configuration config = options.loadClient(b -> {
            ConfigOptions.set(b, StreamsConfig.APPLICATION_ID_CONFIG, applicationId, "--application-id");
            ConfigOptions.set(b, StreamsConfig.STATE_DIR_CONFIG, stateDir == null ? null : stateDir.toAbsolutePath(), "--state-dir");
            ConfigOptions.set(b, ClaimstreamSettings.HTTP_PORT, httpPort, "--http-port");
        });
        String id = config.get(StreamsConfig.APPLICATION_ID_CONFIG).orElse(ProcessingApplication.DEFAULT_APPLICATION_ID);
        return ServiceRunner.run(spec, config, EnumSet.of(Part.PROCESS), false, "process: running as " + id);
    }
}
