package io.claimstream.topology;

import java.util.List;
import java.util.Map;

import io.claimstream.kafka.SharedTopics;
import io.claimstream.kafka.TopicSpec;

import org.apache.kafka.common.config.TopicConfig;

/**
 * The topics the processing half reads and writes, and how each it writes must be configured.
 * Pure data: the runtime creates and checks the topics from these specs through the one
 * provisioning path; this package never talks to the Kafka admin API. news.articles, which it
 * reads, is declared by the ingester, its writer.
 */
public final class ClaimsTopics {

    /** Input: key = article id, value = Avro Article (the ingester's topic, named where both halves see it). */
    public static final String ARTICLES = SharedTopics.ARTICLES;
    /** Compacted: key = subject key, value = Avro SubjectClaims; a tombstone deletes the subject. */
    public static final String SUBJECT_CLAIMS = "claims.by-subject";
    /** Each distinct claim once, when first seen: key = subject key, value = Avro NumericClaim. */
    public static final String CLAIMS = "news.claims";
    /** Records that could not be read or processed, with the reason in __streams.errors.* headers. */
    public static final String DEAD_LETTERS = "news.dlq";

    private ClaimsTopics() {
    }

    /** Every topic the application writes, with the settings' partitions, replication and compaction. */
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
