package io.claimstream.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class AvroSerdeConfigTest {

    @Test
    void confluentsDefaultsApplyWhenNothingIsSet() {
        assertThat(AvroSerdeConfig.from(Map.of())).isEqualTo(AvroSerdeConfig.defaults());
        assertThat(AvroSerdeConfig.defaults().autoRegisterSchemas()).isTrue();
    }

    @Test
    void readsConfluentsPropertyNamesFromStringsOrValues() {
        AvroSerdeConfig config = AvroSerdeConfig.from(Map.of(
            "auto.register.schemas", "false", "use.latest.version", true,
            "specific.avro.reader", "TRUE", "latest.cache.ttl.sec", "60"));
        assertThat(config).isEqualTo(new AvroSerdeConfig(false, true, true, Duration.ofSeconds(60)));
    }

    @Test
    void invalidValuesAreRefusedWithThePropertyName() {
        assertThatThrownBy(() -> AvroSerdeConfig.from(Map.of("auto.register.schemas", "yes")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("auto.register.schemas");
        assertThatThrownBy(() -> AvroSerdeConfig.from(Map.of(
            "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("only TopicNameStrategy");
    }

    @Test
    void theRegistryUrlIsRequiredAndMustBeHttp() {
        assertThatThrownBy(() -> RegistryClientConfig.from(Map.of()))
            .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> RegistryClientConfig.of("localhost:8081"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("http");
        assertThatThrownBy(() -> RegistryClientConfig.from(Map.of(
            "schema.registry.url", "http://r:8081", "basic.auth.credentials.source", "USER_INFO")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("basic.auth.user.info");
    }

    @Test
    void subjectsFollowTheTopicNameStrategy() {
        assertThat(AvroSerdeConfig.subject("news.claims", false)).isEqualTo("news.claims-value");
        assertThat(AvroSerdeConfig.subject("news.claims", true)).isEqualTo("news.claims-key");
    }
}
