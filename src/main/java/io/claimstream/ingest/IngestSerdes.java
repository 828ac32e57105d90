package io.claimstream.ingest;

import io.claimstream.avro.Article;
import io.claimstream.avro.FeedSettings;
import io.claimstream.avro.FeedState;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value formats of the ingest topics. Injected, so that the application can use the schema
 * registry's Avro serdes and tests a plain Avro one; keys are always UTF-8 strings.
 *
 * @param feedSettings values of news.feeds
 * @param feedState values of news.feed-state
 * @param article values of news.articles
 */
public record IngestSerdes(Serde<FeedSettings> feedSettings, Serde<FeedState> feedState, Serializer<Article> article) {
}
