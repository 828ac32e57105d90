package io.claimstream.ingest;

import java.util.List;

/**
 * A feed document read into articles.
 *
 * @param title the feed's own title, or null
 * @param language the feed's language tag, or null
 * @param items its items in document order (usually newest first), capped
 */
public record ParsedFeed(String title, String language, List<FeedItem> items) {

    public ParsedFeed {
        items = List.copyOf(items);
    }
}
