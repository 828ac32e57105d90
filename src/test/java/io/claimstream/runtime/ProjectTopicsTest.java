package io.claimstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.claimstream.config.ClaimstreamSettings;
import io.claimstream.ingest.ArticlePublisher;
import io.claimstream.ingest.IngestSettings;
import io.claimstream.kafka.TopicSpec;
import io.claimstream.topology.ClaimsSettings;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/** The public topics are created in a codec every client reads; the ingester sends it. */
class ProjectTopicsTest {

    @Test
    void thePublicTopicsAreGzipByDefaultAndTheFeedTopicsKeepWhatTheProducerSent() {
        Map<String, String> compression = compressionByTopic(Map.of());

        assertThat(compression).containsEntry("news.articles", "gzip").containsEntry("claims.by-subject", "gzip")
            .containsEntry("news.claims", "gzip").containsEntry("news.dlq", "gzip")
            .containsEntry("news.feeds", null).containsEntry("news.feed-state", null);
    }

    @Test
    void thePublicTopicsCompressionIsASetting() {
        assertThat(compressionByTopic(Map.of(ClaimstreamSettings.PUBLIC_TOPICS_COMPRESSION_TYPE, "uncompressed")))
            .containsEntry("claims.by-subject", "uncompressed").containsEntry("news.articles", "uncompressed");
        assertThatThrownBy(() -> ClaimstreamSettings.from(Map.of(ClaimstreamSettings.PUBLIC_TOPICS_COMPRESSION_TYPE, "none")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("claimstream.public.topics.compression.type");
    }

    @Test
    void theIngestersProducersSendGzipUnlessConfigured() {
        Map<String, Object> given = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "k:9092");
        Map<String, Object> defaults = KafkaClients.ingest(given, ClaimstreamSettings.from(given));
        Map<String, Object> configured = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "k:9092",
            IngestSettings.COMPRESSION_TYPE, "lz4", ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        Map<String, Object> lz4 = KafkaClients.ingest(configured, ClaimstreamSettings.from(configured));

        assertThat(ArticlePublisher.producerConfig(defaults, "c")).containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        assertThat(ArticlePublisher.producerConfig(lz4, "c"))
            .as("the ingester's own key; compression.type is Kafka Streams'")
            .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        assertThat(ArticlePublisher.producerConfig(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "k:9092"), "c"))
            .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
    }

    private static Map<String, String> compressionByTopic(Map<String, Object> props) {
        Map<String, String> compression = new java.util.HashMap<>();
        for (TopicSpec spec : ProjectTopics.all(ClaimsSettings.from(props), ClaimstreamSettings.from(props))) {
            compression.put(spec.name(), spec.configs().get(TopicConfig.COMPRESSION_TYPE_CONFIG));
        }
        return compression;
    }
}
