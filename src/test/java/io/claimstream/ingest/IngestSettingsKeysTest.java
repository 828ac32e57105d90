package io.claimstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.claimstream.config.ClaimstreamSettings;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The ingester owns its keys, as the topology owns its own: defined, defaulted and checked here. */
class IngestSettingsKeysTest {

    @Test
    void theIngestPackageDefinesEveryIngestKeyOfTheTable() {
        assertThat(IngestSettings.definition().names())
            .allMatch(k -> k.startsWith("claimstream.ingest."))
            .containsExactlyInAnyOrderElementsOf(ClaimstreamSettings.definition().names().stream()
                .filter(k -> k.startsWith("claimstream.ingest.")).toList());
    }

    @Test
    void itsDefaultsAreTheRecordsDefaults() {
        assertThat(IngestSettings.from(IngestSettings.definition().parse(Map.of()))).isEqualTo(IngestSettings.defaults());
    }

    @Test
    void aMinimumIntervalAboveTheDefaultIsRefusedNamingTheKey() {
        Map<String, Object> values = IngestSettings.definition().parse(Map.of(
            IngestSettings.POLL_INTERVAL_MS, "60000", IngestSettings.MIN_POLL_INTERVAL_MS, "120000"));
        assertThatThrownBy(() -> IngestSettings.from(values)).isInstanceOf(ConfigException.class)
            .hasMessageContaining(IngestSettings.MIN_POLL_INTERVAL_MS);
    }
}
