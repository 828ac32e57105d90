package io.claimstream.cli;

import java.util.EnumSet;
import java.util.concurrent.Callable;

import io.claimstream.config.Configuration;
import io.claimstream.runtime.ClaimstreamService.Part;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code claimstream demo}: everything in one process, offline. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Runs everything offline in one process: broker, registry, sample feeds, ingester, processing.",
        "",
        "Runs claimstream offline in one process: a Kafka broker and a schema registry on 127.0.0.1 with their data "
            + "under --data-dir, the ingester, the processing application and the status server. While no other feeds "
            + "are configured it ingests the bundled sample feeds, served by this process. Prints "
            + "bootstrap.servers=..., schema.registry.url=... and status.url=... first, one per line, then each subject "
            + "as its claims land. A second start on the same data directory resumes where the first stopped."},
    footer = "%nExit codes: see claimstream --help.")
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Mixin
    EmbeddedOptions ports;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Configuration config = options.load(ports::applyTo);
        if (config.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).isPresent()) {
            throw new ConfigException("demo runs its own broker, but bootstrap.servers is set (from "
                + config.origin(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) + "); use 'claimstream run' for a cluster");
        }
        return ServiceRunner.run(spec, config, EnumSet.allOf(Part.class), true, null);
    }
}
