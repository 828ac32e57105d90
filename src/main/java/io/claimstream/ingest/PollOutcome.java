package io.claimstream.ingest;

/**
 * What one poll of one feed did.
 *
 * @param checkpoint the feed's checkpoint after the poll, to be stored
 * @param kind how the poll went
 * @param articlesPublished articles this poll published
 */
public record PollOutcome(FeedCheckpoint checkpoint, Kind kind, int articlesPublished) {

    /** How a poll went. */
    public enum Kind {
        /** A full response was read. */
        FETCHED,
        /** 304: nothing changed. */
        NOT_MODIFIED,
        /** Fetching, parsing or publishing failed; the checkpoint says why. */
        FAILED
    }
}
