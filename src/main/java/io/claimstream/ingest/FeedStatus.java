package io.claimstream.ingest;

import java.time.Instant;

/**
 * How polling one feed has gone: what operators read in logs, metrics and {@code feeds list}.
 *
 * @param lastFetch when the feed was last fetched; null before the first fetch
 * @param lastHttpStatus status of the last response; null when there was none
 * @param lastError why the last poll failed; null when it succeeded
 * @param consecutiveErrors failed polls in a row
 * @param itemsPublished articles published from the feed so far
 * @param nextFetch earliest time of the next poll; null for at once
 */
public record FeedStatus(
    Instant lastFetch,
    Integer lastHttpStatus,
    String lastError,
    int consecutiveErrors,
    long itemsPublished,
    Instant nextFetch) {

    public static final FeedStatus NEVER_FETCHED = new FeedStatus(null, null, null, 0, 0, null);

    public boolean failing() {
        return consecutiveErrors > 0;
    }
}
