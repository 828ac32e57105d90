package io.claimstream.ingest;

/**
 * The validators of a feed's last full response, sent back so the server can answer 304.
 *
 * @param etag ETag, sent back as If-None-Match; null when the server gave none
 * @param lastModified Last-Modified, sent back verbatim as If-Modified-Since; null when none
 */
public record CacheValidators(String etag, String lastModified) {

    public static final CacheValidators NONE = new CacheValidators(null, null);

    public boolean isEmpty() {
        return etag == null && lastModified == null;
    }
}
