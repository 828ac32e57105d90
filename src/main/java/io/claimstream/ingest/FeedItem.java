package io.claimstream.ingest;

import java.time.Instant;

import io.claimstream.avro.Article;

/**
 * One item of a feed as an article, before it is given to Kafka.
 *
 * @param id stable id (see {@link ArticleIdentity})
 * @param title headline as plain text
 * @param link absolute link, or null
 * @param published when the item was published, or the fetch time when the feed gave no date
 * @param publishedFrom where {@code published} came from
 * @param author author as the feed names it, or null
 * @param text body as plain text, paragraphs separated by blank lines
 * @param language language tag of the feed, or null
 */
public record FeedItem(
    String id,
    String title,
    String link,
    Instant published,
    DateSource publishedFrom,
    String author,
    String text,
    String language) {

    /** Where an item's date came from. */
    public enum DateSource {
        /** A date Rome read from the feed. */
        FEED,
        /** A date in the feed in a non-standard form, read by {@link PublishedDateParser}. */
        FEED_NONSTANDARD,
        /** The feed gave no readable date; the fetch time stands in. */
        FETCH_TIME
    }

    /** The Article record; a fetch-time date is left out, as the schema says, so nobody mistakes it. */
    public Article toArticle(String source, String feedUrl, Instant fetchedAt) {
        return Article.newBuilder()
            .setId(id)
            .setSource(source)
            .setFeedUrl(feedUrl)
            .setTitle(title)
            .setLink(link)
            .setText(text)
            .setPublished(publishedFrom == DateSource.FETCH_TIME ? null : published)
            .setFetched(fetchedAt)
            .setAuthor(author)
            .setLanguage(language)
            .build();
    }
}
