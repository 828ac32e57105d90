package io.claimstream.ingest;

import java.util.List;
import java.util.Map;

import io.claimstream.kafka.SharedTopics;
import io.claimstream.kafka.TopicSpec;

import org.apache.kafka.common.config.TopicConfig;

/** The topics the ingesting half reads and writes, and how they are to be created. */
public final class IngestTopics {

    /** Compacted; key = feed URL, value = FeedSettings; a tombstone removes the feed. */
    public static final String FEEDS = "news.feeds";
    /** Compacted; key = feed URL, value = FeedState; co-partitioned with {@link #FEEDS}. */
    public static final String FEED_STATE = "news.feed-state";
    /** Key = article id, value = Article; processing reads it. */
    public static final String ARTICLES = SharedTopics.ARTICLES;

    /** Ingesters split feeds by partition of {@link #FEEDS}, so this bounds how many share the work. */
    public static final int DEFAULT_FEED_PARTITIONS = 6;
    public static final int DEFAULT_ARTICLE_PARTITIONS = 6;

    private IngestTopics() {
    }

    /** Every topic the ingester uses: {@link #feedTopics} and {@link #articlesTopic}. */
    public static List<TopicSpec> all(int partitions, short replicationFactor) {
        List<TopicSpec> all = new java.util.ArrayList<>(feedTopics(partitions, replicationFactor));
        all.add(articlesTopic(partitions, replicationFactor));
        return List.copyOf(all);
    }

    /**
     * The feed and feed-state topics. They must have the same partition count: an ingester that is
     * given partition p of {@link #FEEDS} reads the state of those feeds from partition p of
     * {@link #FEED_STATE}. Compacted tables of the current feeds and states: time-based deletion
     * would forget feeds, so an existing topic must be compacted too.
     */
    public static List<TopicSpec> feedTopics(int partitions, short replicationFactor) {
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        return List.of(
            new TopicSpec(FEEDS, partitions, replicationFactor, compacted, compacted),
            new TopicSpec(FEED_STATE, partitions, replicationFactor, compacted, compacted));
    }

    /** news.articles: the broker's defaults; the runtime sets the compression of the public topics on it. */
    public static TopicSpec articlesTopic(int partitions, short replicationFactor) {
        return new TopicSpec(ARTICLES, partitions, replicationFactor, Map.of(), Map.of());
    }
}
