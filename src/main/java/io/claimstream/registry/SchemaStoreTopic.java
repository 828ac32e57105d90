package io.claimstream.registry;

import java.util.Map;
import java.util.Optional;

import io.claimstream.kafka.TopicSpec;

import org.apache.kafka.common.config.TopicConfig;

/**
 * The registry's own topic, declared as Confluent's registry keeps it: one partition, so that
 * its records keep one order, and compacted alone, or registered schemas would expire.
 */
public final class SchemaStoreTopic {

    /** The name Confluent's registry uses too, so that either can follow the other's store. */
    public static final String DEFAULT_NAME = "_schemas";

    private SchemaStoreTopic() {
    }

    /**
     * @param replicationFactor of the topic if it is created; empty uses the broker's default
     */
    public static TopicSpec spec(String name, Optional<Short> replicationFactor) {
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        return new TopicSpec(name, 1, replicationFactor.orElse((short) -1), compacted, compacted);
    }
}
