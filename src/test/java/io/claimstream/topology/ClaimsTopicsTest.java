package io.claimstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.claimstream.ingest.IngestTopics;
import io.claimstream.kafka.TopicSpec;

import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class ClaimsTopicsTest {

    @Test
    void theTopologyReadsTheTopicTheIngesterWrites() {
        assertThat(ClaimsTopics.ARTICLES).isEqualTo(IngestTopics.ARTICLES);
    }

    @Test
    void theSubjectTableIsCreatedCompactedWithTheConfiguredSettings() {
        ClaimsSettings settings = ClaimsSettings.from(Map.of(ClaimsSettings.TOPIC_PARTITIONS, 12,
            ClaimsSettings.TOPIC_REPLICATION_FACTOR, 3,
            ClaimsSettings.SUBJECT_TOPIC_DELETE_RETENTION_MS, Duration.ofDays(2).toMillis()));

        TopicSpec table = ClaimsTopics.all(settings).stream()
            .filter(t -> t.name().equals(ClaimsTopics.SUBJECT_CLAIMS)).findFirst().orElseThrow();
        assertThat(table.partitions()).isEqualTo(12);
        assertThat(table.replicationFactor()).isEqualTo((short) 3);
        assertThat(table.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
            .containsEntry(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(Duration.ofHours(6).toMillis()))
            .containsEntry(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis()))
            .containsEntry(TopicConfig.DELETE_RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(2).toMillis()));
        assertThat(table.required()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        assertThat(ClaimsTopics.all(settings)).extracting(TopicSpec::name)
            .as("news.articles is the ingester's to declare").containsExactlyInAnyOrder(ClaimsTopics.SUBJECT_CLAIMS, ClaimsTopics.CLAIMS, ClaimsTopics.DEAD_LETTERS);
    }
}
