package io.claimstream.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.claimstream.config.ClaimstreamSettings;
import io.claimstream.ingest.IngestTopics;
import io.claimstream.kafka.TopicSpec;
import io.claimstream.registry.SchemaStoreTopic;
import io.claimstream.topology.ClaimsSettings;
import io.claimstream.topology.ClaimsTopics;

import org.apache.kafka.common.config.TopicConfig;

/**
 * Every topic of claimstream in one list, gathered from what each feature declares: the
 * ingester's (the feed topics and news.articles, {@link IngestTopics}), processing's outputs
 * ({@link ClaimsTopics}) and the registry's store ({@link SchemaStoreTopic}), with the
 * partitions, replication and configs the settings give them. Kafka Streams' internal topics are
 * {@link InternalTopics}, as they depend on how many partitions news.articles has on the cluster.
 */
public final class ProjectTopics {

    /**
     * The topics other applications read: their {@code compression.type} is
     * {@value ClaimstreamSettings#PUBLIC_TOPICS_COMPRESSION_TYPE}, so that the broker keeps them in a codec
     * every client reads whatever codec a producer used.
     */
    public static final Set<String> PUBLIC = Set.of(
        IngestTopics.ARTICLES, ClaimsTopics.SUBJECT_CLAIMS, ClaimsTopics.CLAIMS, ClaimsTopics.DEAD_LETTERS);

    private ProjectTopics() {
    }

    /** The topics of both halves: what {@code run}, {@code ingest} and {@code process} create or check at start. */
    public static List<TopicSpec> all(ClaimsSettings settings, ClaimstreamSettings runtime) {
        List<TopicSpec> specs = new ArrayList<>(IngestTopics.all(settings.topicPartitions(), settings.topicReplicationFactor()));
        specs.addAll(ClaimsTopics.all(settings));
        return specs.stream().map(spec -> PUBLIC.contains(spec.name())
            ? spec.withConfig(TopicConfig.COMPRESSION_TYPE_CONFIG, runtime.topicCompression()) : spec).toList();
    }

    /** The topics of the processing half alone: news.articles, which it reads, and those it writes. */
    public static List<TopicSpec> processing(ClaimsSettings settings, ClaimstreamSettings runtime) {
        return all(settings, runtime).stream()
            .filter(spec -> !spec.name().equals(IngestTopics.FEEDS) && !spec.name().equals(IngestTopics.FEED_STATE))
            .toList();
    }

    /**
     * What {@code topics create} makes ahead, before Kafka Streams' internal topics: {@link #all}
     * and the schema registry's store, which a registry on the cluster (claimstream's or
     * Confluent's) would otherwise create at its first start.
     */
    public static List<TopicSpec> ahead(ClaimsSettings settings, ClaimstreamSettings runtime) {
        List<TopicSpec> specs = new ArrayList<>(all(settings, runtime));
        specs.add(SchemaStoreTopic.spec(SchemaStoreTopic.DEFAULT_NAME, Optional.of(settings.topicReplicationFactor())));
        return specs;
    }

    public static List<String> names(ClaimsSettings settings) {
        return all(settings, ClaimstreamSettings.defaults()).stream().map(TopicSpec::name).toList();
    }
}
