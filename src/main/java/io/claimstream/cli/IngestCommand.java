package io.claimstream.cli;

import java.util.EnumSet;
import java.util.concurrent.Callable;

import io.claimstream.config.ClaimstreamSettings;
import io.claimstream.config.Configuration;
import io.claimstream.ingest.IngestSettings;
import io.claimstream.runtime.ClaimstreamService.Part;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code claimstream ingest}: the ingesting half on a cluster, until stopped. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
        "The ingesting half: polls the feeds and publishes their articles.",
        "",
        "Polls the feeds of news.feeds and publishes their articles to news.articles, until stopped. Instances with "
            + "the same group id (claimstream.ingest.group.id) split the feeds between them, and take over those of an "
            + "instance that stops.",
        "Creates the topics it needs, or checks them when they exist. Runs until stopped; serves /metrics, /health/live "
            + "and /health/ready on --http-port. Without bootstrap.servers it joins the embedded claimstream running on "
            + "--data-dir (give it another --http-port than that one's)."},
    footer = "%nExit codes: see claimstream --help.")
public final class IngestCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--group-id", paramLabel = "ID",
        description = "Consumer group of the ingesters (" + IngestSettings.GROUP_ID + "; default "
            + IngestSettings.DEFAULT_GROUP_ID + ").")
    String groupId;

    @Option(names = "--http-port", paramLabel = "PORT",
        description = "Port of /metrics and the health probes (" + ClaimstreamSettings.HTTP_PORT
            + "; default 8080; 0: a free port; -1: none).")
    Integer httpPort;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Configuration config = options.loadClient(b -> {
            ConfigOptions.set(b, IngestSettings.GROUP_ID, groupId, "--group-id");
            ConfigOptions.set(b, ClaimstreamSettings.HTTP_PORT, httpPort, "--http-port");
        });
        return ServiceRunner.run(spec, config, EnumSet.of(Part.INGEST), false,
            "ingest: polling the feeds as group " + config.claimstream().ingestGroupId());
    }
}
