package io.claimstream.ingest;

/** A feed document that cannot be read; the message says why, for people. */
public final class FeedParseException extends Exception {

    public FeedParseException(String reason) {
        super(reason);
    }

    public FeedParseException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
