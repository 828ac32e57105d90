package io.claimstream.ingest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.claimstream.avro.FeedState;

/**
 * What the ingester carries from one poll of a feed to the next, and across restarts and
 * takeovers through news.feed-state: the cache validators for conditional GET, the ids it has
 * already published, and the feed's status.
 *
 * @param url feed URL
 * @param validators ETag and Last-Modified of the last full response
 * @param recentIds ids published most recently, newest first, capped
 * @param status how polling has gone
 */
public record FeedCheckpoint(String url, CacheValidators validators, List<String> recentIds, FeedStatus status) {

    public FeedCheckpoint {
        validators = validators == null ? CacheValidators.NONE : validators;
        recentIds = List.copyOf(recentIds);
        status = status == null ? FeedStatus.NEVER_FETCHED : status;
    }

    public static FeedCheckpoint initial(String url) {
        return new FeedCheckpoint(url, CacheValidators.NONE, List.of(), FeedStatus.NEVER_FETCHED);
    }

    public Set<String> recentIdSet() {
        return new LinkedHashSet<>(recentIds);
    }

    /**
     * The ids to remember after a poll: every id of the current document (so nothing still in the
     * feed is republished), then the older remembered ones, up to {@code cap}.
     */
    public List<String> rememberedAfter(List<String> idsInDocument, int cap) {
        LinkedHashSet<String> merged = new LinkedHashSet<>(idsInDocument);
        for (String id : recentIds) {
            if (merged.size() >= Math.max(cap, idsInDocument.size())) {
                break;
            }
            merged.add(id);
        }
        return new ArrayList<>(merged);
    }

    public FeedState toAvro() {
        return FeedState.newBuilder()
            .setUrl(url)
            .setEtag(validators.etag())
            .setLastModified(validators.lastModified())
            .setRecentIds(recentIds)
            .setLastFetch(status.lastFetch())
            .setLastHttpStatus(status.lastHttpStatus())
            .setLastError(status.lastError())
            .setConsecutiveErrors(status.consecutiveErrors())
            .setItemsPublished(status.itemsPublished())
            .setNextFetch(status.nextFetch())
            .build();
    }

    public static FeedCheckpoint fromAvro(FeedState state) {
        return new FeedCheckpoint(
            state.getUrl(),
            new CacheValidators(state.getEtag(), state.getLastModified()),
            state.getRecentIds(),
            new FeedStatus(state.getLastFetch(), state.getLastHttpStatus(), state.getLastError(),
                state.getConsecutiveErrors(), state.getItemsPublished(), state.getNextFetch()));
    }
}
