package io.claimstream.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.claimstream.ingest.IngestTopics;
import io.claimstream.topology.ClaimsSettings;
import io.claimstream.topology.ClaimsTopics;
import io.claimstream.topology.ClaimsTopics.TopicSpec;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Every topic of claimstream, both halves: the feed topics of the ingesters and the topics of
 * the processing application (news.articles among them), with the partitions, replication and
 * configs the settings give them. Internal topics of Kafka Streams and the registry's
 * {@code _schemas} are created by their owners.
 */
public final class ProjectTopics {

    private ProjectTopics() {
    }

    public static List<TopicSpec> all(ClaimsSettings settings) {
        List<TopicSpec> specs = new ArrayList<>();
        for (NewTopic feedTopic : IngestTopics.feedTopics(settings.topicPartitions(), settings.topicReplicationFactor())) {
            // A compacted table of the current feeds and states: time-based deletion would forget feeds.
            specs.add(new TopicSpec(feedTopic.name(), feedTopic.numPartitions(), feedTopic.replicationFactor(),
                feedTopic.configs(), Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        }
        specs.addAll(ClaimsTopics.all(settings));
        return specs;
    }

    public static List<String> names(ClaimsSettings settings) {
        return all(settings).stream().map(TopicSpec::name).toList();
    }
}
