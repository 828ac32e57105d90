package io.claimstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

import io.claimstream.avro.SubjectClaims;
import io.claimstream.registry.CompatibilityLevel;
import io.claimstream.registry.EmbeddedSchemaRegistry;
import io.claimstream.registry.InMemoryRegistry;
import io.claimstream.registry.SchemaRegistryClient;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

/**
 * claims.by-subject's schema gained exact counts beside its capped lists. Consumers and the
 * registry hold records of the earlier schema: the registry must accept the change under
 * BACKWARD compatibility, and the new schema must read the earlier records.
 */
class SubjectClaimsSchemaEvolutionTest {

    @Test
    void theRegistryAcceptsTheNewSchemaUnderBackwardCompatibility() throws IOException {
        Schema previous = previous();
        try (EmbeddedSchemaRegistry registry = InMemoryRegistry.start()) {
            SchemaRegistryClient client = SchemaRegistryClient.of(registry.url());
            client.setCompatibility("claims.by-subject-value", CompatibilityLevel.BACKWARD);
            client.register("claims.by-subject-value", previous);
            assertThat(client.isCompatibleWithLatest("claims.by-subject-value", SubjectClaims.getClassSchema())).isTrue();
            client.register("claims.by-subject-value", SubjectClaims.getClassSchema());
            assertThat(client.versions("claims.by-subject-value")).containsExactly(1, 2);
        }
    }

    @Test
    void aRecordOfTheEarlierSchemaReadsWithZeroCounts() throws IOException {
        Schema previous = previous();
        GenericRecord old = new GenericData.Record(previous);
        old.put("subject_key", "russia/soldier-killed");
        old.put("subject", "soldier killed (russia)");
        old.put("claims", List.of());
        old.put("updated", Instant.parse("2025-02-14T08:00:00Z").toEpochMilli());
        var out = new java.io.ByteArrayOutputStream();
        var encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(previous).write(old, encoder);
        encoder.flush();

        SubjectClaims read = new SpecificDatumReader<SubjectClaims>(previous, SubjectClaims.getClassSchema())
            .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        assertThat(read.getSubjectKey()).isEqualTo("russia/soldier-killed");
        assertThat(read.getClaimCount()).isZero();
        assertThat(read.getEvictedClaims()).isZero();
    }

    private static Schema previous() throws IOException {
        try (InputStream in = SubjectClaimsSchemaEvolutionTest.class.getResourceAsStream("previous-public-schemas/SubjectClaims.v1.avsc")) {
            return new Schema.Parser().parse(in);
        }
    }
}
