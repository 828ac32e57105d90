package io.claimstream.kafka;

import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.NewTopic;

/**
 * A topic as a feature needs it. Each feature declares its own topics as specs; one
 * provisioning path ({@link TopicProvisioner}) creates the missing ones and checks the others.
 *
 * @param name topic name
 * @param partitions partitions when created
 * @param replicationFactor replicas when created; -1 for the broker's default
 * @param configs topic configs set when created
 * @param required configs an existing topic must have, or the feature refuses to start
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs,
                        Map<String, String> required) {

    public TopicSpec {
        configs = Map.copyOf(configs);
        required = Map.copyOf(required);
    }

    /** The same topic with {@code name}={@code value} among the configs it is created with. */
    public TopicSpec withConfig(String configName, String value) {
        Map<String, String> merged = new java.util.HashMap<>(configs);
        merged.put(configName, value);
        return new TopicSpec(name, partitions, replicationFactor, merged, required);
    }

    /** The admin API's request to create it. */
    public NewTopic newTopic() {
        Optional<Short> replication = replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor);
        return new NewTopic(name, Optional.of(partitions), replication).configs(configs);
    }
}
