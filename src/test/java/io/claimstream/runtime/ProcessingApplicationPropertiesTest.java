package io.claimstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;

import io.claimstream.topology.ClaimsSettings;
import io.claimstream.topology.ClaimsTopics;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ProcessingApplicationPropertiesTest {

    @Test
    void streamsRunsExactlyOnceWithDeadLettersAndCompressedOutputsByDefault() {
        Properties p = ProcessingApplication.streamsProperties(Map.of());

        assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(p.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG)).isEqualTo(ClaimsTopics.DEAD_LETTERS);
        assertThat(p.get(ProducerConfig.COMPRESSION_TYPE_CONFIG)).isEqualTo("lz4");
        assertThat(new StreamsConfig(withRequired(p)).getProducerConfigs("client").get(ProducerConfig.COMPRESSION_TYPE_CONFIG))
            .as("what the application's producer gets").isEqualTo("lz4");
    }

    @Test
    void theStateStoresShareOneConfiguredMemoryBudget() {
        Properties defaults = ProcessingApplication.streamsProperties(Map.of());
        Properties configured = ProcessingApplication.streamsProperties(Map.of(ClaimsSettings.STATE_MEMORY_BYTES, "67108864"));

        assertThat(defaults.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isEqualTo(BoundedRocksDbMemory.class.getName());
        assertThat(defaults.get(ClaimsSettings.STATE_MEMORY_BYTES)).isEqualTo(256L << 20);
        assertThat(configured.get(ClaimsSettings.STATE_MEMORY_BYTES)).isEqualTo(64L << 20);
    }

    @Test
    void theUsersKafkaPropertiesWinAndClaimstreamKeysStayOutOfStreams() {
        Properties p = ProcessingApplication.streamsProperties(Map.of(
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
            StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE,
            ClaimsSettings.SUBJECT_EMIT_INTERVAL_MS, "500"));

        assertThat(p.get(ProducerConfig.COMPRESSION_TYPE_CONFIG)).isEqualTo("zstd");
        assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.AT_LEAST_ONCE);
        assertThat(p).doesNotContainKey(ClaimsSettings.SUBJECT_EMIT_INTERVAL_MS);
    }

    @Test
    void exactlyOnceTimeoutsAreSetDeliberatelyUnlessConfiguredInAnyForm() {
        Properties defaults = ProcessingApplication.streamsProperties(Map.of());
        StreamsConfig config = new StreamsConfig(withRequired(defaults));

        assertThat(config.getProducerConfigs("client").get(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG)).isEqualTo(60_000);
        assertThat(config.getMainConsumerConfigs("group", "client", 0).get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG))
            .isEqualTo(300_000);
        assertThat(ClaimsSettings.defaults().extractionLimits().timeBudget().toMillis() * 20)
            .as("the extraction budget keeps well inside the transaction").isLessThanOrEqualTo(60_000);

        Properties plain = ProcessingApplication.streamsProperties(Map.of(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "90000",
            StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG), "600000"));
        StreamsConfig configured = new StreamsConfig(withRequired(plain));
        assertThat(configured.getProducerConfigs("client").get(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG)).hasToString("90000");
        assertThat(configured.getMainConsumerConfigs("group", "client", 0).get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG))
            .hasToString("600000");
    }

    @Test
    void extractionLimitsAreSettingsThatStayOutOfStreams() {
        ClaimsSettings settings = ClaimsSettings.from(Map.of(ClaimsSettings.EXTRACT_MAX_TEXT_BYTES, "4096",
            ClaimsSettings.EXTRACT_MAX_CLAIMS, "7", ClaimsSettings.EXTRACT_TIME_BUDGET_MS, "250"));

        assertThat(settings.extractionLimits().maxTextBytes()).isEqualTo(4096);
        assertThat(settings.extractionLimits().maxClaims()).isEqualTo(7);
        assertThat(settings.extractionLimits().timeBudget()).hasMillis(250);
        assertThat(ProcessingApplication.streamsProperties(Map.of(ClaimsSettings.EXTRACT_MAX_CLAIMS, "7")))
            .doesNotContainKey(ClaimsSettings.EXTRACT_MAX_CLAIMS);
    }

    private static Properties withRequired(Properties p) {
        Properties complete = new Properties();
        complete.putAll(p);
        complete.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        return complete;
    }
}
