package io.claimstream.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.claimstream.avro.Change;
import io.claimstream.avro.ClaimSummary;
import io.claimstream.avro.Qualifier;
import io.claimstream.avro.SourceRef;
import io.claimstream.avro.SubjectClaims;

import org.junit.jupiter.api.Test;

class RecordJsonTest {

    @Test
    void aSubjectIsItsSchemasFieldsWithPlainUnionsEnumNamesAndIsoTimes() throws Exception {
        Instant published = Instant.parse("2025-02-14T08:00:00Z");
        SubjectClaims subject = SubjectClaims.newBuilder()
            .setSubjectKey("russia/soldier/killed")
            .setSubject("soldier killed (russia)")
            .setUpdated(published)
            .setClaims(List.of(ClaimSummary.newBuilder()
                .setClaimKey("russia/soldier/killed=250000soldier").setValue(250000).setValueHigh(null).setUnit("soldier")
                .setKind("count").setQualifier(Qualifier.APPROXIMATE).setChange(Change.UP)
                .setClaimants(List.of("Volodymyr Zelensky")).setFirstSeen(published).setLastSeen(published).setMentions(1)
                .setSources(List.of(new SourceRef("w1", "kyiv-wire", null, "https://kyiv-wire.example/w1", published,
                    "Volodymyr Zelensky", "a quarter of a million")))
                .build()))
            .build();

        JsonNode json = new ObjectMapper().readTree(RecordJson.of(subject).toString());
        assertThat(json.fieldNames()).toIterable()
            .containsExactly("subject_key", "subject", "claims", "updated", "claim_count", "evicted_claims");
        JsonNode claim = json.get("claims").get(0);
        assertThat(claim.get("value").asDouble()).isEqualTo(250000.0);
        assertThat(claim.get("value_high").isNull()).isTrue();
        assertThat(claim.get("qualifier").asText()).isEqualTo("APPROXIMATE");
        assertThat(claim.get("change").asText()).isEqualTo("UP");
        assertThat(claim.get("mentions").isIntegralNumber()).isTrue();
        assertThat(claim.get("first_seen").asText()).isEqualTo("2025-02-14T08:00:00Z");
        JsonNode source = claim.get("sources").get(0);
        assertThat(source.get("title").isNull()).isTrue();
        assertThat(source.get("published").asText()).isEqualTo("2025-02-14T08:00:00Z");
        assertThat(source.get("span").asText()).isEqualTo("a quarter of a million");
    }
}
