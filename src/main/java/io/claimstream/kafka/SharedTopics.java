package io.claimstream.kafka;

/**
 * The name of the one topic two features share: the ingester writes news.articles and
 * processing reads it. Neither may depend on the other, so the name lives below both; the
 * ingester declares the topic's spec ({@code IngestTopics}), as the writer of it.
 */
public final class SharedTopics {

    /** Key = article id, value = Avro Article. */
    public static final String ARTICLES = "news.articles";

    private SharedTopics() {
    }
}
