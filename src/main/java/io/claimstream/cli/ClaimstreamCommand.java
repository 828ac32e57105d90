package io.claimstream.cli;

import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code claimstream} command: wires subcommands, error reporting and the environment, nothing more. */
@Command(
    name = "claimstream",
    mixinStandardHelpOptions = true,
    versionProvider = ClaimstreamVersion.class,
    description = "Numeric claims from news feeds, deduplicated per subject, on Kafka Streams.",
    subcommands = {CommandLine.HelpCommand.class, RunCommand.class, DemoCommand.class, IngestCommand.class,
        ProcessCommand.class, TopicsCommand.class, InspectCommand.class, FeedsCommand.class, ExtractCommand.class,
        RegistryCommand.class},
    footerHeading = "%nConfiguration:%n",
    footer = {
        "Settings come from a properties file (--config FILE), overridden by environment variables, overridden by "
            + "command-line options (-p KEY=VALUE and the named options). A variable CLAIMSTREAM_<NAME> sets the key NAME "
            + "in lower case with _ read as a dot, __ as an underscore and ___ as a dash: CLAIMSTREAM_BOOTSTRAP_SERVERS "
            + "sets bootstrap.servers. claimstream.* keys may leave out their prefix: CLAIMSTREAM_DATA_DIR sets "
            + "claimstream.data.dir. Any Kafka client, Kafka Streams or schema registry setting passes through; an unknown "
            + "key is warned about, an invalid value refused."},
    exitCodeListHeading = "%nExit codes (every command):%n",
    exitCodeList = {ExitCodes.SUCCESS_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE, ExitCodes.UNAVAILABLE_LINE,
        ExitCodes.SIGINT_LINE, ExitCodes.SIGTERM_LINE})
public final class ClaimstreamCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print the stack trace of an error.")
    boolean verbose;

    private final Map<String, String> environment;

    public ClaimstreamCommand() {
        this(System.getenv());
    }

    /** With the environment variables given, as tests do. */
    ClaimstreamCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) {
        System.exit(commandLine(new ClaimstreamCommand()).execute(args));
    }

    /** The command line with claimstream's error reporting: one line per error, and its exit code. */
    static CommandLine commandLine(ClaimstreamCommand command) {
        CommandErrors errors = new CommandErrors();
        return new CommandLine(command)
            .setExecutionExceptionHandler(errors)
            .setParameterExceptionHandler(errors);
    }

    /** The environment variables the configuration reads. */
    Map<String, String> environment() {
        return environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
