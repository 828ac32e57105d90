package io.claimstream.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How a command's failure reaches the user: one line on stderr, naming the command and what
 * went wrong, and the exit code of {@link ExitCodes}. The stack trace only with {@code --verbose}.
 */
final class CommandErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        int code = ExitCodes.of(e);
        String hint = ExitCodes.expected(e) || verbose(parseResult) ? "" : " (--verbose shows the stack trace)";
        err.println(name(command) + ": " + message(e) + hint);
        if (verbose(parseResult)) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String suggestion = "";
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            // picocli's near matches among the subcommands and options: "runn" → run.
            suggestion = "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
        }
        err.println(name(command) + ": " + e.getMessage() + suggestion + " (see " + name(command) + " --help)");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** The innermost message that says something, on one line. */
    static String message(Throwable e) {
        Throwable shown = e;
        while ((shown.getMessage() == null || shown.getMessage().isBlank()) && shown.getCause() != null) {
            shown = shown.getCause();
        }
        String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        return message.lines().findFirst().orElse("").strip();
    }

    private static String name(CommandLine command) {
        return command.getCommandSpec().qualifiedName();
    }

    private static boolean verbose(ParseResult result) {
        for (ParseResult r = result; r != null; r = r.hasSubcommand() ? r.subcommand() : null) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
