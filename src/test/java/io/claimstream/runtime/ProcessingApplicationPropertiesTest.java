package io.claimstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;

import io.claimstream.topology.ClaimsSettings;
import io.claimstream.topology.ClaimsTopics;

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

    private static Properties withRequired(Properties p) {
        Properties complete = new Properties();
        complete.putAll(p);
        complete.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        return complete;
    }
}
