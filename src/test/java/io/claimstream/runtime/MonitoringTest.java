package io.claimstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import org.junit.jupiter.api.Test;

class MonitoringTest {

    @Test
    void storeMetricsOfEveryKindOfStoreReachPrometheus() {
        Monitoring monitoring = new Monitoring();
        // As KafkaStreamsMetrics registers them: the store's id under a key that names its kind.
        Gauge.builder("kafka.stream.state.put.rate", () -> 1.0).tag("rocksdb.window.state.id", "article-ids")
            .tag("task.id", "0_1").register(monitoring.registry());
        Gauge.builder("kafka.stream.state.put.rate", () -> 2.0).tag("rocksdb.state.id", "subject-claims")
            .tag("task.id", "1_1").register(monitoring.registry());

        assertThat(monitoring.scrape())
            .contains("kafka_stream_state_put_rate{state_id=\"article-ids\",store_type=\"rocksdb.window\",task_id=\"0_1\"} 1.0")
            .contains("kafka_stream_state_put_rate{state_id=\"subject-claims\",store_type=\"rocksdb\",task_id=\"1_1\"} 2.0")
            .contains("jvm_memory_used_bytes");
    }
}
