package io.claimstream.runtime;

/**
 * Something claimstream needs is not there or not free: a port, the data directory (in use by
 * another instance), a Kafka cluster or schema registry that does not answer. Not a bug and not
 * bad configuration syntax, so the command line reports it in one line with its own exit code.
 */
public final class UnavailableException extends RuntimeException {

    public UnavailableException(String message) {
        super(message);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
