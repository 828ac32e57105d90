package io.claimstream.runtime;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.claimstream.avro.Article;
import io.claimstream.avro.FeedSettings;
import io.claimstream.avro.FeedState;
import io.claimstream.config.ClaimstreamSettings;
import io.claimstream.ingest.IngestSerdes;
import io.claimstream.ingest.IngestSettings;
import io.claimstream.registry.AvroSerdeConfig;
import io.claimstream.registry.GenericAvroSerde;
import io.claimstream.registry.SchemaRegistryClient;
import io.claimstream.registry.SpecificAvroSerde;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** What the Kafka clients and serdes claimstream creates itself (other than Kafka Streams') take from the configuration. */
public final class KafkaClients {

    /** Settings every client kind reads: bootstrap servers, security, timeouts, DNS, reconnects. */
    private static final Set<String> COMMON = commonNames();

    /** How long closing an admin client of a command may wait for calls still pending. */
    public static final Duration ADMIN_CLOSE_TIMEOUT = Duration.ofSeconds(1);

    private KafkaClients() {
    }

    /**
     * Closes an admin client without waiting out calls Kafka never answered: {@code close()}
     * waits for each until its own default.api.timeout.ms (a minute), long after the caller has
     * given up on it.
     */
    public static void close(Admin admin) {
        admin.close(ADMIN_CLOSE_TIMEOUT);
    }

    /**
     * The settings of {@code values} that any producer, consumer or admin client takes (bootstrap
     * servers, security, timeouts), without those that name or tune one client, which each part
     * sets for itself.
     */
    public static Map<String, Object> common(Map<String, ?> values) {
        Map<String, Object> common = new TreeMap<>();
        values.forEach((k, v) -> {
            if (COMMON.contains(k)) {
                common.put(k, v);
            }
        });
        return common;
    }

    /**
     * What the ingester's clients take: {@link #common} and the compression of its producers,
     * {@value IngestSettings#COMPRESSION_TYPE}, which its consumers leave aside.
     */
    public static Map<String, Object> ingest(Map<String, ?> values, ClaimstreamSettings settings) {
        Map<String, Object> ingest = common(values);
        ingest.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.ingestCompression());
        return ingest;
    }

    /** The registry's Avro serdes of the ingest topics' values, on the process's one registry client. */
    public static IngestSerdes ingestSerdes(SchemaRegistryClient client, AvroSerdeConfig config) {
        return new IngestSerdes(
            new SpecificAvroSerde<>(FeedSettings.class, client, config, false),
            new SpecificAvroSerde<>(FeedState.class, client, config, false),
            new SpecificAvroSerde<>(Article.class, client, config, false).serializer());
    }

    /** A serde of any of the topics' values as generic records, for reading whatever a topic holds. */
    public static GenericAvroSerde genericSerde(SchemaRegistryClient client, AvroSerdeConfig config) {
        return new GenericAvroSerde(client, config, false);
    }

    private static Set<String> commonNames() {
        Set<String> names = new HashSet<>(ProducerConfig.configNames());
        names.retainAll(ConsumerConfig.configNames());
        names.retainAll(AdminClientConfig.configNames());
        names.remove(CommonClientConfigs.CLIENT_ID_CONFIG);
        return Set.copyOf(names);
    }
}
