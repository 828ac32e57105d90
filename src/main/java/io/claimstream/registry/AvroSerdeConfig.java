package io.claimstream.registry;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * How the Avro serdes use the registry, read from properties with Confluent's names so that
 * the same properties configure Confluent's serde classes too.
 *
 * @param autoRegisterSchemas the serializer registers the record's schema under the subject when it is
 *     missing; convenient in embedded mode, while production sets it to false and registers schemas as
 *     a deliberate step
 * @param useLatestVersion the serializer writes with the subject's latest version rather than the
 *     record's own schema (which must then resolve to it)
 * @param specificAvroReader the deserializer returns the generated class named by the writer's schema
 *     instead of a generic record
 * @param latestCacheTtl how long the serializer keeps the subject's latest version; null keeps it for
 *     the serializer's life, as Confluent's default does
 */
public record AvroSerdeConfig(
    boolean autoRegisterSchemas,
    boolean useLatestVersion,
    boolean specificAvroReader,
    Duration latestCacheTtl) {

    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

    /** Confluent's default strategy: subject {@code <topic>-key} or {@code <topic>-value}. */
    static final String TOPIC_NAME_STRATEGY = "io.confluent.kafka.serializers.subject.TopicNameStrategy";

    private static final ConfigDef DEFINITION = new ConfigDef()
        .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
            "Register the record's schema when the subject lacks it; set false in production.")
        .define(USE_LATEST_VERSION, Type.BOOLEAN, false, Importance.MEDIUM,
            "Serialize with the subject's latest schema version.")
        .define(SPECIFIC_AVRO_READER, Type.BOOLEAN, false, Importance.MEDIUM,
            "Deserialize into the generated SpecificRecord classes.")
        .define(LATEST_CACHE_TTL_SEC, Type.LONG, -1L, Importance.LOW,
            "Seconds to cache the latest version; -1 caches it for good.")
        .define(KEY_SUBJECT_NAME_STRATEGY, Type.STRING, TOPIC_NAME_STRATEGY, AvroSerdeConfig::topicNameStrategyOnly,
            Importance.LOW, "Only TopicNameStrategy (<topic>-key) is implemented.")
        .define(VALUE_SUBJECT_NAME_STRATEGY, Type.STRING, TOPIC_NAME_STRATEGY, AvroSerdeConfig::topicNameStrategyOnly,
            Importance.LOW, "Only TopicNameStrategy (<topic>-value) is implemented.");

    /** The keys read here, with their types, defaults and documentation. */
    public static ConfigDef definition() {
        return new ConfigDef(DEFINITION);
    }

    /** Confluent's defaults: auto-register, record's own schema, generic reader. */
    public static AvroSerdeConfig defaults() {
        return new AvroSerdeConfig(true, false, false, null);
    }

    /** Production settings: schemas are registered ahead of time, serializers only look them up. */
    public static AvroSerdeConfig lookupOnly() {
        return new AvroSerdeConfig(false, false, false, null);
    }

    public AvroSerdeConfig withSpecificAvroReader(boolean specific) {
        return new AvroSerdeConfig(autoRegisterSchemas, useLatestVersion, specific, latestCacheTtl);
    }

    /**
     * Reads the serde settings from properties.
     *
     * @throws ConfigException when a value is invalid
     */
    public static AvroSerdeConfig from(Map<String, ?> props) {
        Map<String, Object> values = DEFINITION.parse(props);
        long ttlSeconds = (Long) values.get(LATEST_CACHE_TTL_SEC);
        return new AvroSerdeConfig(
            (Boolean) values.get(AUTO_REGISTER_SCHEMAS),
            (Boolean) values.get(USE_LATEST_VERSION),
            (Boolean) values.get(SPECIFIC_AVRO_READER),
            ttlSeconds < 0 ? null : Duration.ofSeconds(ttlSeconds));
    }

    /** The subject of a topic's keys or values, by TopicNameStrategy. */
    public static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }

    private static void topicNameStrategyOnly(String name, Object value) {
        // Accept Confluent's class name, or any class named TopicNameStrategy, so a properties
        // file written for Confluent's serdes works unchanged.
        if (value != null && !String.valueOf(value).endsWith("TopicNameStrategy")) {
            throw new ConfigException(name, value, "only TopicNameStrategy (subjects <topic>-key and <topic>-value)"
                + " is implemented by claimstream's serdes");
        }
    }
}
