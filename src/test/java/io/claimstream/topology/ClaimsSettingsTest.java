package io.claimstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ClaimsSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        ClaimsSettings defaults = ClaimsSettings.defaults();
        assertThat(defaults.articleDedupRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(defaults.claimRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(defaults.maxClaimsPerSubject()).isEqualTo(200);
        assertThat(defaults.maxSourcesPerClaim()).isEqualTo(2);
        assertThat(defaults.maxClaimantsPerClaim()).isEqualTo(20);
        assertThat(defaults.maxSubjectRecordBytes()).isEqualTo(256 * 1024);
        assertThat(defaults.topicReplicationFactor()).isEqualTo((short) -1);
    }

    @Test
    void readsItsKeysFromStringPropertiesAndIgnoresOthers() {
        ClaimsSettings settings = ClaimsSettings.from(Map.of(
            ClaimsSettings.CLAIM_RETENTION_MS, "86400000",
            ClaimsSettings.MAX_SOURCES_PER_CLAIM, "5",
            ClaimsSettings.TOPIC_REPLICATION_FACTOR, "3",
            "bootstrap.servers", "broker:9092"));
        assertThat(settings.claimRetention()).isEqualTo(Duration.ofDays(1));
        assertThat(settings.maxSourcesPerClaim()).isEqualTo(5);
        assertThat(settings.topicReplicationFactor()).isEqualTo((short) 3);
    }

    @Test
    void anInvalidValueIsRefusedNamingItsKey() {
        assertThatThrownBy(() -> ClaimsSettings.from(Map.of(ClaimsSettings.MAX_CLAIMS_PER_SUBJECT, "0")))
            .isInstanceOf(ConfigException.class).hasMessageContaining(ClaimsSettings.MAX_CLAIMS_PER_SUBJECT);
        assertThatThrownBy(() -> ClaimsSettings.from(Map.of(ClaimsSettings.CLAIM_RETENTION_MS, "thirty days")))
            .isInstanceOf(ConfigException.class).hasMessageContaining(ClaimsSettings.CLAIM_RETENTION_MS);
        assertThatThrownBy(() -> ClaimsSettings.from(Map.of(ClaimsSettings.SUBJECT_RECORD_MAX_BYTES, "4096")))
            .as("a bound below one claim's own bound would drop claims that fit nowhere")
            .isInstanceOf(ConfigException.class).hasMessageContaining(ClaimsSettings.SUBJECT_RECORD_MAX_BYTES);
    }
}
