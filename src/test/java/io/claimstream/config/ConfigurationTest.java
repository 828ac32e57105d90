package io.claimstream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.claimstream.ingest.IngestSettings;
import io.claimstream.topology.ClaimsSettings;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void theEnvironmentOverridesTheFileAndTheCommandLineOverridesBoth() throws Exception {
        Path file = Files.writeString(dir.resolve("app.properties"), String.join("\n",
            "bootstrap.servers=file:9092",
            "claimstream.topic.partitions=3",
            "claimstream.max.claims.per.subject=50",
            "commit.interval.ms=1000"));

        Configuration config = Configuration.builder()
            .file(file)
            .environment(Map.of(
                "CLAIMSTREAM_BOOTSTRAP_SERVERS", "env:9092",
                "CLAIMSTREAM_TOPIC_PARTITIONS", "4",
                "PATH", "/usr/bin"))
            .set("claimstream.topic.partitions", "5", "--property claimstream.topic.partitions")
            .build()
            .validate();

        assertThat(config.get("commit.interval.ms")).contains("1000");
        assertThat(config.origin("commit.interval.ms")).isEqualTo(file.toString());
        assertThat(config.get("claimstream.max.claims.per.subject")).contains("50");
        assertThat(config.get("bootstrap.servers")).contains("env:9092");
        assertThat(config.origin("bootstrap.servers")).isEqualTo("environment variable CLAIMSTREAM_BOOTSTRAP_SERVERS");
        assertThat(config.get("claimstream.topic.partitions")).contains("5");
        assertThat(ClaimsSettings.from(config.values()).topicPartitions()).isEqualTo(5);
        assertThat(config.values()).doesNotContainKey("path");
    }

    @Test
    void variableNamesMapToKeysByConfluentsRule() {
        assertThat(EnvironmentVariables.key("CLAIMSTREAM_BOOTSTRAP_SERVERS")).contains("bootstrap.servers");
        assertThat(EnvironmentVariables.key("CLAIMSTREAM_SCHEMA_REGISTRY_URL")).contains("schema.registry.url");
        assertThat(EnvironmentVariables.key("CLAIMSTREAM_PRODUCER_COMPRESSION_TYPE")).contains("producer.compression.type");
        assertThat(EnvironmentVariables.key("CLAIMSTREAM_SOME__KEY___WITH_DASH")).contains("some_key-with.dash");
        // claimstream's own keys, with or without their prefix
        assertThat(EnvironmentVariables.key("CLAIMSTREAM_DATA_DIR")).contains("claimstream.data.dir");
        assertThat(EnvironmentVariables.key("CLAIMSTREAM_CLAIMSTREAM_DATA_DIR")).contains("claimstream.data.dir");
        assertThat(EnvironmentVariables.key("CLAIMSTREAM_INGEST_POLL_INTERVAL_MS")).contains("claimstream.ingest.poll.interval.ms");
        // not settings
        assertThat(EnvironmentVariables.key("CLAIMSTREAM_JAVA_OPTS")).isEmpty();
        assertThat(EnvironmentVariables.key("CLAIMSTREAM_LOG_LEVEL")).isEmpty();
        assertThat(EnvironmentVariables.key("CLAIMSTREAM_")).isEmpty();
        assertThat(EnvironmentVariables.key("KAFKA_BOOTSTRAP_SERVERS")).isEmpty();
    }

    @Test
    void everyClaimstreamKeyHasAVariableThatSetsItAndNoneShadowsAKafkaKey() {
        for (String key : ClaimstreamSettings.definition().names()) {
            String variable = EnvironmentVariables.variable(key);
            assertThat(EnvironmentVariables.key(variable)).as(variable).contains(key);
            String unprefixed = key.substring("claimstream.".length());
            assertThat(KnownKeys.isKnown(unprefixed)).as("%s without its prefix is a Kafka key", key).isFalse();
        }
    }

    @Test
    void kafkaStreamsClientAndSerdeKeysAreKnownAndAnythingElseIsWarnedAboutByName() {
        Configuration config = Configuration.builder()
            .set(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "at_least_once", "app.properties")
            .set(ProducerConfig.LINGER_MS_CONFIG, "5", "app.properties")
            .set(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100", "app.properties")
            .set(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SSL", "app.properties")
            .set("main.consumer.fetch.min.bytes", "1", "app.properties")
            .set("topic.min.insync.replicas", "2", "app.properties")
            .set("schema.registry.url", "http://registry:8081", "app.properties")
            .set("auto.register.schemas", "false", "app.properties")
            .set("claimstream.claim.retention.ms", "1000", "app.properties")
            .set("claimstream.topic.partitons", "3", "environment variable CLAIMSTREAM_TOPIC_PARTITONS")
            .set("bootstrap.server", "x:9092", "--property bootstrap.server")
            .build();

        assertThat(config.unknownKeys()).containsExactly("bootstrap.server", "claimstream.topic.partitons");
        assertThat(config.warnings()).containsExactly(
            "unknown configuration key bootstrap.server (from --property bootstrap.server); it is passed on to the Kafka "
                + "clients, which ignore it",
            "unknown configuration key claimstream.topic.partitons (from environment variable CLAIMSTREAM_TOPIC_PARTITONS); "
                + "it is passed on to the Kafka clients, which ignore it");
        config.validate();
    }

    @Test
    void anInvalidValueIsRefusedNamingTheKeyWhereItWasSetAndWhatIsAllowed() {
        assertThatThrownBy(() -> Configuration.builder()
            .set("claimstream.topic.partitions", "zero", "environment variable CLAIMSTREAM_TOPIC_PARTITIONS").build().validate())
            .isInstanceOf(ConfigException.class)
            .hasMessage("claimstream.topic.partitions=zero (from environment variable CLAIMSTREAM_TOPIC_PARTITIONS) is invalid: "
                + "Not a number of type INT; allowed: an integer in [1,...]");
        assertThatThrownBy(() -> Configuration.builder()
            .set("claimstream.topic.partitions", "0", "app.properties").build().validate())
            .hasMessageStartingWith("claimstream.topic.partitions=0 (from app.properties) is invalid: Value must be at least 1");
        assertThatThrownBy(() -> Configuration.builder()
            .set("processing.guarantee", "twice", "--property processing.guarantee").build().validate())
            .hasMessageContaining("processing.guarantee=twice (from --property processing.guarantee) is invalid")
            .hasMessageContaining("allowed: a string, [at_least_once, exactly_once_v2]");
        assertThatThrownBy(() -> Configuration.builder()
            .set("producer.acks", "some", "app.properties").build().validate())
            .hasMessageContaining("producer.acks=some (from app.properties) is invalid")
            .hasMessageContaining("[all, -1, 0, 1]");
        assertThatThrownBy(() -> Configuration.builder()
            .set("claimstream.embedded.sample.feeds", "perhaps", "app.properties").build().validate())
            .hasMessageContaining("claimstream.embedded.sample.feeds=perhaps (from app.properties) is invalid")
            .hasMessageEndingWith("allowed: true or false");
        assertThatThrownBy(() -> Configuration.builder()
            .set("schema.registry.url", "ftp://registry", "CLAIMSTREAM_SCHEMA_REGISTRY_URL").build().validate())
            .hasMessageContaining("schema.registry.url").hasMessageContaining("must be an http or https URL");
    }

    @Test
    void aRuleOverSeveralKeysNamesTheKeyItRefuses() {
        assertThatThrownBy(() -> Configuration.builder()
            .set(IngestSettings.POLL_INTERVAL_MS, "60000", "app.properties")
            .set(IngestSettings.MIN_POLL_INTERVAL_MS, "120000", "--property x").build().validate())
            .isInstanceOf(ConfigException.class)
            .hasMessage("claimstream.ingest.min.poll.interval.ms=120000 (from --property x) is invalid: must not exceed "
                + "claimstream.ingest.poll.interval.ms (60000)");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> Configuration.builder().file(dir.resolve("nope.properties")))
            .isInstanceOf(ConfigException.class)
            .hasMessage("configuration file " + dir.resolve("nope.properties") + " does not exist");
    }

    @Test
    void defaultsApplyOnlyWhereNoLayerSetAValue() {
        Configuration config = Configuration.builder().set("bootstrap.servers", "cli:9092", "--bootstrap-servers").build()
            .withDefaults(Map.of("bootstrap.servers", "embedded:1", "schema.registry.url", "http://embedded:2"), "endpoints");

        assertThat(config.get("bootstrap.servers")).contains("cli:9092");
        assertThat(config.get("schema.registry.url")).contains("http://embedded:2");
        assertThat(config.origin("schema.registry.url")).isEqualTo("endpoints");
    }

    @Test
    void theSettingsOfTheProcessDefaultFromTheTable() {
        ClaimstreamSettings settings = Configuration.builder().build().claimstream();

        assertThat(settings.dataDir()).isEqualTo(Path.of("claimstream-data"));
        assertThat(settings.kafkaPort()).isEqualTo(9092);
        assertThat(settings.registryPort()).isEqualTo(8081);
        assertThat(settings.httpPort()).isEqualTo(8080);
        assertThat(settings.ingest()).isEqualTo(io.claimstream.ingest.IngestSettings.defaults());
        assertThat(settings.threadFailures()).isEqualTo(3);
    }

    @Test
    void basicAuthOfTheStatusServerAndTheRegistryIsOffUnlessBothUserAndPasswordAreSet() {
        ClaimstreamSettings defaults = ClaimstreamSettings.defaults();
        assertThat(defaults.statusCredentials()).isNull();
        assertThat(defaults.registryCredentials()).isNull();
        assertThat(defaults.registryClientAuth()).isEmpty();
        assertThat(defaults.httpHost()).isEqualTo("127.0.0.1");
        assertThat(defaults.registryHost()).isEqualTo("127.0.0.1");

        ClaimstreamSettings set = ClaimstreamSettings.from(Map.of(
            ClaimstreamSettings.STATUS_AUTH_USER, "ops", ClaimstreamSettings.STATUS_AUTH_PASSWORD, "pw1",
            ClaimstreamSettings.REGISTRY_AUTH_USER, "reg", ClaimstreamSettings.REGISTRY_AUTH_PASSWORD, "pw2"));
        assertThat(set.statusCredentials()).isEqualTo(new io.claimstream.registry.BasicCredentials("ops", "pw1"));
        assertThat(set.registryCredentials()).isEqualTo(new io.claimstream.registry.BasicCredentials("reg", "pw2"));
        assertThat(set.registryClientAuth()).containsEntry("basic.auth.credentials.source", "USER_INFO")
            .containsEntry("basic.auth.user.info", "reg:pw2");
        assertThat(set.registryCredentials().toString()).doesNotContain("pw2");

        assertThatThrownBy(() -> ClaimstreamSettings.from(Map.of(ClaimstreamSettings.STATUS_AUTH_USER, "ops")))
            .isInstanceOf(ConfigException.class).hasMessageContaining(ClaimstreamSettings.STATUS_AUTH_PASSWORD);
        assertThatThrownBy(() -> ClaimstreamSettings.from(Map.of(ClaimstreamSettings.REGISTRY_AUTH_PASSWORD, "pw")))
            .isInstanceOf(ConfigException.class).hasMessageContaining(ClaimstreamSettings.REGISTRY_AUTH_USER);
        assertThatThrownBy(() -> ClaimstreamSettings.from(Map.of(
            ClaimstreamSettings.STATUS_AUTH_USER, "a:b", ClaimstreamSettings.STATUS_AUTH_PASSWORD, "pw")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("':'");
    }
}
