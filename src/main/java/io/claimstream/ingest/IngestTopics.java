package io.claimstream.ingest;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** The topics the ingesting half reads and writes, and how they are to be created. */
public final class IngestTopics {

    /** Compacted; key = feed URL, value = FeedSettings; a tombstone removes the feed. */
    public static final String FEEDS = "news.feeds";
    /** Compacted; key = feed URL, value = FeedState; co-partitioned with {@link #FEEDS}. */
    public static final String FEED_STATE = "news.feed-state";
    /** Key = article id, value = Article. */
    public static final String ARTICLES = "news.articles";

    /** Ingesters split feeds by partition of {@link #FEEDS}, so this bounds how many share the work. */
    public static final int DEFAULT_FEED_PARTITIONS = 6;
    public static final int DEFAULT_ARTICLE_PARTITIONS = 6;

    private IngestTopics() {
    }

    /**
     * The feed and feed-state topics. They must have the same partition count: an ingester that is
     * given partition p of {@link #FEEDS} reads the state of those feeds from partition p of
     * {@link #FEED_STATE}.
     */
    public static List<NewTopic> feedTopics(int partitions, short replicationFactor) {
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        return List.of(
            new NewTopic(FEEDS, partitions, replicationFactor).configs(compacted),
            new NewTopic(FEED_STATE, partitions, replicationFactor).configs(compacted));
    }

    public static NewTopic articlesTopic(int partitions, short replicationFactor) {
        return new NewTopic(ARTICLES, partitions, replicationFactor);
    }
}
