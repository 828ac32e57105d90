package io.claimstream.runtime;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.claimstream.kafka.TopicSpec;
import io.claimstream.topology.ClaimsSerdes;
import io.claimstream.topology.ClaimsSettings;
import io.claimstream.topology.ClaimsTopology;

import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.internals.InternalTopicConfig;
import org.apache.kafka.streams.processor.internals.InternalTopologyBuilder;

/**
 * Kafka Streams' internal topics of the processing application (the repartition topic and one
 * changelog per state store), named for its application id and configured as Kafka Streams
 * creates them, so that they can be created ahead where the application may not create topics.
 *
 * <p>Kafka Streams has no public API for this: the names and configs are read from the
 * topology's internal builder, the same way Kafka Streams' topic manager reads them. Should a
 * Kafka version move that, this fails with a message saying so, and the processing application
 * still creates its internal topics itself where it may.
 */
public final class InternalTopics {

    private InternalTopics() {
    }

    /**
     * The internal topics for the settings in {@code values} (application.id, replication.factor,
     * topic.* overrides, the claimstream keys of the topology).
     *
     * @param partitions partitions of news.articles: every sub-topology reads it or a repartition
     *     of it, so every internal topic has as many
     */
    public static List<TopicSpec> of(Map<?, ?> values, int partitions) {
        return of(values, ClaimsSettings.from(values), partitions);
    }

    /** {@link #of(Map, int)} with the processing settings already parsed from {@code values}. */
    public static List<TopicSpec> of(Map<?, ?> values, ClaimsSettings settings, int partitions) {
        Map<String, Object> props = new HashMap<>();
        values.forEach((k, v) -> props.put(String.valueOf(k), v));
        props.putIfAbsent(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        Properties streamsProps = ProcessingApplication.streamsProperties(props, settings);
        StreamsConfig config = new StreamsConfig(streamsProps);
        // Only the topology's shape is read: nothing is ever extracted or serialized.
        Topology topology = ClaimsTopology.build(settings, article -> List.of(),
            new ClaimsSerdes(unused(), unused(), unused()));
        Map<String, String> topicDefaults = new HashMap<>();
        config.originalsWithPrefix(StreamsConfig.TOPIC_PREFIX).forEach((k, v) -> {
            if (v != null) {
                topicDefaults.put(k, v.toString());
            }
        });
        long windowRetention = config.getLong(StreamsConfig.WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG);
        short replication = (short) (int) config.getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG);
        List<TopicSpec> specs = new ArrayList<>();
        // As Kafka Streams does on start: stores are tied to their changelogs once the topology is built.
        InternalTopologyBuilder builder = builder(topology).rewriteTopology(config);
        builder.buildTopology();
        builder.subtopologyToTopicsInfo().values().forEach(info -> {
            List<InternalTopicConfig> topics = new ArrayList<>(info.repartitionSourceTopics.values());
            topics.addAll(info.stateChangelogTopics.values());
            for (InternalTopicConfig topic : topics) {
                Map<String, String> configs = topic.properties(topicDefaults, windowRetention);
                String cleanup = configs.get(TopicConfig.CLEANUP_POLICY_CONFIG);
                specs.add(new TopicSpec(topic.name(), topic.numberOfPartitions().orElse(partitions), replication, configs,
                    cleanup == null ? Map.of() : Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanup)));
            }
        });
        specs.sort(Comparator.comparing(TopicSpec::name));
        return specs;
    }

    private static InternalTopologyBuilder builder(Topology topology) {
        try {
            Field field = Topology.class.getDeclaredField("internalTopologyBuilder");
            field.setAccessible(true);
            return (InternalTopologyBuilder) field.get(topology);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot list Kafka Streams' internal topics with this Kafka version: " + e, e);
        }
    }

    private static <T> Serde<T> unused() {
        return Serdes.serdeFrom((topic, value) -> {
            throw new UnsupportedOperationException("not for serializing");
        }, (topic, bytes) -> {
            throw new UnsupportedOperationException("not for deserializing");
        });
    }
}
