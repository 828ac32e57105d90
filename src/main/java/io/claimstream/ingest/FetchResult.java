package io.claimstream.ingest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/** What one fetch of a feed URL came to. */
public sealed interface FetchResult permits FetchResult.Fetched, FetchResult.NotModified, FetchResult.Failed {

    Instant fetchedAt();

    /**
     * A full response body, decompressed and within the size cap.
     *
     * @param finalUrl the URL the body came from, after redirects; the base for relative links
     * @param status the 2xx status
     * @param body the decoded body bytes
     * @param contentType the Content-Type header, or null
     * @param validators ETag and Last-Modified of this response
     */
    record Fetched(URI finalUrl, int status, byte[] body, String contentType, CacheValidators validators,
                   Instant fetchedAt) implements FetchResult {
    }

    /** 304: the feed has not changed since the validators sent. */
    record NotModified(URI finalUrl, Instant fetchedAt) implements FetchResult {
    }

    /**
     * No usable body.
     *
     * @param status the HTTP status, or null when no response arrived
     * @param reason what went wrong, for people
     * @param retryAfter the server's Retry-After (capped), or null when it gave none
     */
    record Failed(Integer status, String reason, Duration retryAfter, Instant fetchedAt) implements FetchResult {
    }
}
