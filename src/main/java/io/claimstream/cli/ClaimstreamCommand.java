package io.claimstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code claimstream} command: wires subcommands, nothing more. */
@Command(
    name = "claimstream",
    mixinStandardHelpOptions = true,
    versionProvider = ClaimstreamVersion.class,
    description = "Numeric claims from news feeds, deduplicated per subject, on Kafka Streams.",
    subcommands = {CommandLine.HelpCommand.class, ExtractCommand.class, FeedsCommand.class, ProcessCommand.class, RegistryCommand.class})
public final class ClaimstreamCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ClaimstreamCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
