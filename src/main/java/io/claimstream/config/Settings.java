package io.claimstream.config;

import java.util.Map;
import java.util.Optional;

import io.claimstream.registry.AvroSerdeConfig;
import io.claimstream.registry.RegistryClientConfig;
import io.claimstream.topology.ClaimsSettings;

import org.apache.kafka.common.config.ConfigException;

/**
 * The typed settings of one process, parsed once at its entry point from its
 * {@link Configuration} and passed down: each feature's part is the feature's own record, which
 * reads the keys that feature defines. The Kafka clients' and Kafka Streams' own keys stay in
 * the configuration's values, which those clients parse themselves.
 *
 * @param claimstream the process's keys: embedded mode, ports, the ingester's limits, compression
 * @param claims the processing keys (the topology's, topic partitions and replication)
 * @param serdes the Avro serdes' keys (auto-registration, reader)
 * @param registry the schema registry client's keys; empty when no schema.registry.url is set
 */
public record Settings(ClaimstreamSettings claimstream, ClaimsSettings claims, AvroSerdeConfig serdes,
                       Optional<RegistryClientConfig> registry) {

    /**
     * Parses every feature's keys of {@code values}.
     *
     * @throws ConfigException naming the key when a value is invalid
     */
    public static Settings from(Map<String, ?> values) {
        Object url = values.get(RegistryClientConfig.SCHEMA_REGISTRY_URL);
        boolean hasRegistry = url != null && !url.toString().isBlank();
        return new Settings(ClaimstreamSettings.from(values), ClaimsSettings.from(values), AvroSerdeConfig.from(values),
            hasRegistry ? Optional.of(RegistryClientConfig.from(values)) : Optional.empty());
    }

    /**
     * The schema registry client's settings.
     *
     * @throws ConfigException when schema.registry.url is not set
     */
    public RegistryClientConfig requireRegistry() {
        return registry.orElseThrow(() -> new ConfigException(RegistryClientConfig.SCHEMA_REGISTRY_URL, null, "is required"));
    }
}
