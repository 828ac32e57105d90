package io.claimstream.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.claimstream.config.ClaimstreamSettings;
import io.claimstream.ingest.IngestTopics;
import io.claimstream.topology.ClaimsSettings;
import io.claimstream.topology.ClaimsTopics;
import io.claimstream.topology.ClaimsTopics.TopicSpec;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Every topic of claimstream, both halves: the feed topics of the ingesters and the topics of
 * the processing application (news.articles among them), with the partitions, replication and
 * configs the settings give them. Kafka Streams' internal topics are {@link InternalTopics};
 * the registry's {@code _schemas} is created by the registry.
 */
public final class ProjectTopics {

    /**
     * The topics other applications read: their {@code compression.type} is
     * {@value ClaimstreamSettings#PUBLIC_TOPICS_COMPRESSION_TYPE}, so that the broker keeps them in a codec
     * every client reads whatever codec a producer used.
     */
    public static final Set<String> PUBLIC = Set.of(
        ClaimsTopics.ARTICLES, ClaimsTopics.SUBJECT_CLAIMS, ClaimsTopics.CLAIMS, ClaimsTopics.DEAD_LETTERS);

    private ProjectTopics() {
    }

    public static List<TopicSpec> all(ClaimsSettings settings, ClaimstreamSettings runtime) {
        List<TopicSpec> specs = new ArrayList<>();
        for (NewTopic feedTopic : IngestTopics.feedTopics(settings.topicPartitions(), settings.topicReplicationFactor())) {
            // A compacted table of the current feeds and states: time-based deletion would forget feeds.
            specs.add(new TopicSpec(feedTopic.name(), feedTopic.numPartitions(), feedTopic.replicationFactor(),
                feedTopic.configs(), Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        }
        specs.addAll(processing(settings, runtime));
        return specs;
    }

    /** The topics of the processing application, news.articles among them. */
    public static List<TopicSpec> processing(ClaimsSettings settings, ClaimstreamSettings runtime) {
        List<TopicSpec> specs = new ArrayList<>();
        for (TopicSpec spec : ClaimsTopics.all(settings)) {
            specs.add(PUBLIC.contains(spec.name()) ? withCompression(spec, runtime.topicCompression()) : spec);
        }
        return specs;
    }

    public static List<String> names(ClaimsSettings settings) {
        return all(settings, ClaimstreamSettings.defaults()).stream().map(TopicSpec::name).toList();
    }

    private static TopicSpec withCompression(TopicSpec spec, String compression) {
        Map<String, String> configs = new HashMap<>(spec.configs());
        configs.put(TopicConfig.COMPRESSION_TYPE_CONFIG, compression);
        return new TopicSpec(spec.name(), spec.partitions(), spec.replicationFactor(), configs, spec.required());
    }
}
