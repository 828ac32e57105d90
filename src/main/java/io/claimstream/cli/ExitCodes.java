package io.claimstream.cli;

import java.util.List;

import io.claimstream.kafka.TopicProvisioner;
import io.claimstream.registry.RegistryException;
import io.claimstream.runtime.UnavailableException;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.TimeoutException;

/** The exit codes of every claimstream command: one table, in the top-level help and in the README. */
final class ExitCodes {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int UNAVAILABLE = 3;

    // The table as picocli lists it, "code:meaning"; constants so that the help annotation can use them.
    static final String SUCCESS_LINE = "0:success; a long-running command stopped by claimstream itself";
    static final String FAILED_LINE = "1:failure: some inputs or feeds failed, topics not as needed (topics describe), "
        + "processing stopped on an error, or an unexpected error";
    static final String USAGE_LINE = "2:usage or configuration error: unknown option, invalid or missing setting, missing "
        + "file, or an existing topic configured against what claimstream needs";
    static final String UNAVAILABLE_LINE = "3:unavailable: Kafka or the schema registry does not answer, a port is in use, "
        + "or the data directory is used by another claimstream";
    static final String SIGINT_LINE = "130:stopped by Ctrl-C (SIGINT), after a graceful shutdown";
    static final String SIGTERM_LINE = "143:stopped by SIGTERM, after a graceful shutdown";

    /** Every line of the table, in order. */
    static final List<String> TABLE = List.of(SUCCESS_LINE, FAILED_LINE, USAGE_LINE, UNAVAILABLE_LINE, SIGINT_LINE, SIGTERM_LINE);

    private ExitCodes() {
    }

    /** The exit code for a command that ended with {@code e}. */
    static int of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigException || t instanceof TopicProvisioner.TopicMismatchException) {
                return USAGE;
            }
            if (t instanceof UnavailableException || t instanceof TimeoutException
                || t instanceof RegistryException r && r.isUnavailable()) {
                return UNAVAILABLE;
            }
        }
        return FAILED;
    }

    /** Whether {@code e} is a failure claimstream expects and explains in one line, rather than a bug. */
    static boolean expected(Throwable e) {
        return of(e) != FAILED;
    }
}
