package io.claimstream.topology;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.TopicConfig;

/**
 * The topics the processing half reads and writes, and how each must be configured. Pure data:
 * the runtime creates and checks the topics from these specs; this package never talks to the
 * Kafka admin API.
 */
public final class ClaimsTopics {

    /** Input: key = article id, value = Avro Article (the ingester's topic). */
    public static final String ARTICLES = "news.articles";
    /** Compacted: key = subject key, value = Avro SubjectClaims; a tombstone deletes the subject. */
    public static final String SUBJECT_CLAIMS = "claims.by-subject";
    /** Each distinct claim once, when first seen: key = subject key, value = Avro NumericClaim. */
    public static final String CLAIMS = "news.claims";
    /** Records that could not be read or processed, with the reason in __streams.errors.* headers. */
    public static final String DEAD_LETTERS = "news.dlq";

    /**
     * A topic as the application needs it.
     *
     * @param name topic name
     * @param partitions partitions when created
     * @param replicationFactor replicas when created; -1 for the broker's default
     * @param configs topic configs set when created
     * @param required configs an existing topic must have, or the application refuses to start
     */
    public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs,
                            Map<String, String> required) {

        public TopicSpec {
            configs = Map.copyOf(configs);
            required = Map.copyOf(required);
        }
    }

    private ClaimsTopics() {
    }

    /** Every topic the application reads or writes, with the settings' partitions, replication and compaction. */
    public static List<TopicSpec> all(ClaimsSettings settings) {
        int partitions = settings.topicPartitions();
        short replication = settings.topicReplicationFactor();
        String compact = TopicConfig.CLEANUP_POLICY_COMPACT;
        String delete = TopicConfig.CLEANUP_POLICY_DELETE;
        // The outputs carry the event time of the articles, which may be weeks old. The broker's
        // append time keeps time-based retention and min.compaction.lag.ms counting from when a
        // record was written rather than from when its article appeared.
        String appendTime = "LogAppendTime";
        return List.of(
            new TopicSpec(ARTICLES, partitions, replication, Map.of(), Map.of()),
            new TopicSpec(SUBJECT_CLAIMS, partitions, replication,
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, compact,
                    TopicConfig.SEGMENT_MS_CONFIG, Long.toString(settings.subjectTopicSegment().toMillis()),
                    TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, Long.toString(settings.subjectTopicMinCompactionLag().toMillis()),
                    TopicConfig.DELETE_RETENTION_MS_CONFIG, Long.toString(settings.subjectTopicDeleteRetention().toMillis()),
                    TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, appendTime),
                // Time-based deletion would silently drop subjects that are still live.
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, compact)),
            new TopicSpec(CLAIMS, partitions, replication,
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, delete, TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, appendTime),
                // Keyed by subject: compaction would keep only the latest claim of each subject.
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, delete)),
            new TopicSpec(DEAD_LETTERS, partitions, replication,
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, delete, TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, appendTime),
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, delete)));
    }
}
