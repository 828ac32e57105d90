package io.claimstream.cli;

import java.util.EnumSet;
import java.util.concurrent.Callable;

import io.claimstream.config.ClaimstreamSettings;
import io.claimstream.config.Configuration;
import io.claimstream.runtime.ClaimstreamService.Part;

import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code claimstream run}: ingesting and processing in one process; embedded mode when no Kafka cluster is configured. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
        "Ingests and processes in one process: on a cluster, or embedded when none is configured.",
        "",
        "Ingests the feeds of news.feeds and processes their articles into claims.by-subject, in one process, until stopped.",
        "With bootstrap.servers (and schema.registry.url) it runs on that cluster. Without, it runs embedded, as 'demo' does: "
            + "a Kafka broker and a schema registry on 127.0.0.1 with their data under --data-dir, the bundled sample feeds "
            + "when no other feeds are configured, and each subject printed as its claims land. A second start on the same "
            + "data directory resumes where the first stopped.",
        "Embedded mode prints bootstrap.servers=..., schema.registry.url=... and status.url=... first, one per line."},
    footer = "%nExit codes: see claimstream --help.")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Mixin
    EmbeddedOptions ports;

    @Option(names = "--sample-feeds",
        description = "On a cluster too: serve and ingest the bundled sample feeds while no other feeds are configured, "
            + "as embedded mode does (" + ClaimstreamSettings.SAMPLE_FEEDS_ON_CLUSTER + "=true); for a demo stack.")
    boolean sampleFeeds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Configuration config = options.load(b -> {
            ports.applyTo(b);
            if (sampleFeeds) {
                b.set(ClaimstreamSettings.SAMPLE_FEEDS_ON_CLUSTER, "true", "--sample-feeds");
            }
        });
        boolean embedded = config.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).isEmpty();
        return ServiceRunner.run(spec, config, EnumSet.allOf(Part.class), embedded, "run: ingesting and processing");
    }
}
