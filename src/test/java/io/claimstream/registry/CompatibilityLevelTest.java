package io.claimstream.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityLevelTest {

    private static final Schema V1 = TestSchemas.sample("");
    private static final Schema WITH_OPTIONAL = TestSchemas.sample(",{\"name\":\"n\",\"type\":[\"null\",\"long\"],\"default\":null}");
    private static final Schema WITH_REQUIRED = TestSchemas.sample(",{\"name\":\"n\",\"type\":\"long\"}");

    @Test
    void backwardAcceptsAnAddedOptionalFieldAndRefusesAnAddedRequiredOne() {
        assertThat(CompatibilityLevel.BACKWARD.incompatibilities(WITH_OPTIONAL, List.of(V1))).isEmpty();
        assertThat(CompatibilityLevel.BACKWARD.incompatibilities(WITH_REQUIRED, List.of(V1)))
            .singleElement().asString().contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("n");
    }

    @Test
    void forwardAcceptsAnAddedRequiredFieldButNotARemovedRequiredOne() {
        assertThat(CompatibilityLevel.FORWARD.incompatibilities(WITH_REQUIRED, List.of(V1))).isEmpty();
        assertThat(CompatibilityLevel.FORWARD.incompatibilities(V1, List.of(WITH_REQUIRED))).isNotEmpty();
    }

    @Test
    void fullNeedsBothDirections() {
        assertThat(CompatibilityLevel.FULL.incompatibilities(WITH_OPTIONAL, List.of(V1))).isEmpty();
        assertThat(CompatibilityLevel.FULL.incompatibilities(WITH_REQUIRED, List.of(V1))).isNotEmpty();
        assertThat(CompatibilityLevel.NONE.incompatibilities(WITH_REQUIRED, List.of(V1))).isEmpty();
    }

    @Test
    void transitiveLevelsCheckEveryEarlierVersionNotJustTheLatest() {
        // v1 has a string "n"; v2 drops it; v3 brings it back as a long with a default.
        Schema v1 = TestSchemas.sample(",{\"name\":\"n\",\"type\":\"string\"}");
        Schema v2 = TestSchemas.sample("");
        Schema v3 = TestSchemas.sample(",{\"name\":\"n\",\"type\":\"long\",\"default\":0}");
        assertThat(CompatibilityLevel.BACKWARD.incompatibilities(v3, List.of(v1, v2))).isEmpty();
        assertThat(CompatibilityLevel.BACKWARD_TRANSITIVE.incompatibilities(v3, List.of(v1, v2)))
            .singleElement().asString().contains("TYPE_MISMATCH").contains("schema #1 of 2");
    }

    @Test
    void theFirstVersionIsAlwaysCompatible() {
        for (CompatibilityLevel level : CompatibilityLevel.values()) {
            assertThat(level.incompatibilities(WITH_REQUIRED, List.of())).isEmpty();
        }
    }

    @Test
    void levelsParseAsTheApiSpellsThem() {
        assertThat(CompatibilityLevel.parse("full_transitive")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        assertThatThrownBy(() -> CompatibilityLevel.parse("SIDEWAYS")).isInstanceOf(IllegalArgumentException.class);
    }
}
