package io.claimstream.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.claimstream.registry.AvroSerdeConfig;
import io.claimstream.registry.RegistryClientConfig;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The keys claimstream understands: its own, the schema registry client's and serdes', and
 * those of Kafka Streams and the Kafka producer, consumer and admin clients, also under the
 * prefixes Kafka Streams passes on to one client ({@code producer.}, {@code main.consumer.},
 * {@code topic.}, ...).
 */
final class KnownKeys {

    private static final List<ConfigDef> DEFINITIONS = List.of(
        ClaimstreamSettings.definition(),
        RegistryClientConfig.definition(),
        AvroSerdeConfig.definition(),
        StreamsConfig.configDef(),
        ProducerConfig.configDef(),
        ConsumerConfig.configDef(),
        AdminClientConfig.configDef());

    private static final Map<String, ConfigDef> CLIENT_PREFIXES = Map.of(
        StreamsConfig.PRODUCER_PREFIX, ProducerConfig.configDef(),
        StreamsConfig.CONSUMER_PREFIX, ConsumerConfig.configDef(),
        StreamsConfig.MAIN_CONSUMER_PREFIX, ConsumerConfig.configDef(),
        StreamsConfig.RESTORE_CONSUMER_PREFIX, ConsumerConfig.configDef(),
        StreamsConfig.GLOBAL_CONSUMER_PREFIX, ConsumerConfig.configDef(),
        StreamsConfig.ADMIN_CLIENT_PREFIX, AdminClientConfig.configDef());

    private static final Set<String> TOPIC_CONFIGS = topicConfigNames();

    private KnownKeys() {
    }

    static boolean isKnown(String key) {
        if (!definitionsOf(key).isEmpty()) {
            return true;
        }
        if (key.startsWith(StreamsConfig.TOPIC_PREFIX)) {
            return TOPIC_CONFIGS.contains(key.substring(StreamsConfig.TOPIC_PREFIX.length()));
        }
        return key.startsWith(StreamsConfig.CLIENT_TAG_PREFIX) && key.length() > StreamsConfig.CLIENT_TAG_PREFIX.length();
    }

    /** The definitions of {@code key} (one per component that reads it), with prefixes resolved. */
    static List<ConfigKey> definitionsOf(String key) {
        List<ConfigKey> found = new ArrayList<>();
        for (ConfigDef def : DEFINITIONS) {
            ConfigKey k = def.configKeys().get(key);
            if (k != null) {
                found.add(k);
            }
        }
        if (found.isEmpty()) {
            CLIENT_PREFIXES.forEach((prefix, def) -> {
                if (key.startsWith(prefix)) {
                    ConfigKey k = def.configKeys().get(key.substring(prefix.length()));
                    if (k != null) {
                        found.add(k);
                    }
                }
            });
        }
        return found;
    }

    private static Set<String> topicConfigNames() {
        Set<String> names = new HashSet<>();
        for (Field f : TopicConfig.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && f.getName().endsWith("_CONFIG")) {
                try {
                    names.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }
}
