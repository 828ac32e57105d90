package io.claimstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

import io.claimstream.avro.internal.ClaimMention;
import io.claimstream.avro.internal.MentionPosition;
import io.claimstream.avro.internal.SubjectMentions;
import io.claimstream.avro.internal.SubjectState;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class InternalAvroSerdeTest {

    /** Parsing-form fingerprints of the internal schemas as released; see the last test. */
    private static final long CLAIM_MENTION_V1 = -1254457262156421492L;
    private static final long SUBJECT_STATE_V1 = 6063488218020182581L;
    /** SubjectState with key_scheme, the subject-key scheme a subject was written under. */
    private static final long SUBJECT_STATE_V2 = 6495501705781581267L;
    /** An article's mentions of one subject, on the repartition topic since it carried one ClaimMention per record. */
    private static final long SUBJECT_MENTIONS_V1 = 7947423662107855934L;

    @Test
    void aMentionRoundTrips() {
        ClaimMention mention = ClaimMention.newBuilder()
            .setSubjectKey("russia/soldier/lost").setSubject("soldier lost (russia)").setClaimKey("russia/soldier/lost=1150")
            .setValue(1150).setUnit("soldier").setKind("count").setQualifier("EXACT").setSpan("1,150 troops").setStart(12)
            .setArticleId("kw-1").setSource("kyiv-wire").setPublished(Instant.parse("2025-02-14T08:40:00Z"))
            .build();
        InternalAvroSerde<ClaimMention> serde = InternalAvroSerde.of(ClaimMention.class);

        byte[] bytes = serde.serializer().serialize("claim-mentions", mention);
        assertThat(serde.deserializer().deserialize("claim-mentions", bytes)).isEqualTo(mention);
    }

    @Test
    void recordsAreAvroSingleObjectEncodedSoStateWrittenByAvrosOwnEncoderIsRead() throws IOException {
        ClaimMention mention = ClaimMention.newBuilder()
            .setSubjectKey("ukraine/drone/launched").setSubject("drone launched (ukraine)").setClaimKey("ukraine/drone/launched=90")
            .setValue(90).setUnit("drone").setKind("count").setQualifier("APPROXIMATE").setSpan("about 90 drones").setStart(3)
            .setArticleId("kw-2").setSource("kyiv-wire").setPublished(Instant.parse("2025-03-01T06:00:00Z"))
            .build();
        InternalAvroSerde<ClaimMention> serde = InternalAvroSerde.of(ClaimMention.class);
        byte[] avros = bytes(new BinaryMessageEncoder<ClaimMention>(SpecificData.get(), ClaimMention.getClassSchema()).encode(mention));

        assertThat(serde.serializer().serialize("claim-mentions", mention)).isEqualTo(avros);
        assertThat(serde.deserializer().deserialize("claim-mentions", avros)).isEqualTo(mention);
    }

    @Test
    void stateWrittenWithAPreviousSchemaVersionIsReadWhenThatVersionIsGiven() throws IOException {
        // The state schema as it might have been before evicted_claims was added.
        Schema previous = withoutField(withoutField(SubjectState.getClassSchema(), "key_scheme"), "evicted_claims");
        GenericRecord old = new GenericData.Record(previous);
        old.put("subject_key", "russia/soldier/lost");
        old.put("subject", "soldier lost (russia)");
        GenericRecord from = new GenericData.Record(MentionPosition.getClassSchema());
        from.put("time", 0L);
        from.put("article_id", "kw-1");
        from.put("start", 0);
        old.put("subject_from", from);
        old.put("claims", List.of());
        byte[] bytes = bytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), previous).encode(old));

        SubjectState read = InternalAvroSerde.of(SubjectState.class, previous).deserializer().deserialize("subject-claims", bytes);
        assertThat(read.getSubjectKey()).isEqualTo("russia/soldier/lost");
        assertThat(read.getEvictedClaims()).isZero();

        assertThatThrownBy(() -> InternalAvroSerde.of(SubjectState.class).deserializer().deserialize("subject-claims", bytes))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("subject-claims");
    }

    /**
     * Stores, changelogs and the repartition topic hold records of these schemas across
     * upgrades. If this fails, an internal schema changed: keep the previous version as a
     * resource, pass it to {@link InternalAvroSerde#of} where the type is read, and only then
     * update the fingerprint here.
     */
    @Test
    void internalSchemasChangeOnlyWithTheirPreviousVersionKept() {
        assertThat(SchemaNormalization.parsingFingerprint64(ClaimMention.getClassSchema()))
            .as("fingerprint of ClaimMention").isEqualTo(CLAIM_MENTION_V1);
        assertThat(SchemaNormalization.parsingFingerprint64(SubjectMentions.getClassSchema()))
            .as("fingerprint of SubjectMentions").isEqualTo(SUBJECT_MENTIONS_V1);
        assertThat(SchemaNormalization.parsingFingerprint64(SubjectState.getClassSchema()))
            .as("fingerprint of SubjectState").isEqualTo(SUBJECT_STATE_V2);
        assertThat(SchemaNormalization.parsingFingerprint64(InternalAvroSerde.previousVersion("SubjectState.v1.avsc")))
            .as("fingerprint of the SubjectState v1 kept as a resource").isEqualTo(SUBJECT_STATE_V1);
    }

    @Test
    void subjectStateOfTheFirstVersionIsReadAsWrittenUnderKeySchemeOne() throws IOException {
        Schema v1 = InternalAvroSerde.previousVersion("SubjectState.v1.avsc");
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(SubjectState.getClassSchema(), v1).getType())
            .as("the current SubjectState reads v1 (BACKWARD compatible)").isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        GenericRecord old = new GenericData.Record(v1);
        old.put("subject_key", "russia/soldier/lost");
        old.put("subject", "soldier lost (russia)");
        GenericRecord from = new GenericData.Record(v1.getField("subject_from").schema());
        from.put("time", 0L);
        from.put("article_id", "kw-1");
        from.put("start", 0);
        old.put("subject_from", from);
        old.put("claims", List.of());
        old.put("evicted_claims", 3L);
        byte[] bytes = bytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old));

        SubjectState read = InternalAvroSerde.of(SubjectState.class, v1).deserializer().deserialize("subject-claims", bytes);
        assertThat(read.getSubjectKey()).isEqualTo("russia/soldier/lost");
        assertThat(read.getEvictedClaims()).isEqualTo(3);
        assertThat(read.getKeyScheme()).isEqualTo(1);
    }

    private static Schema withoutField(Schema schema, String dropped) {
        List<Schema.Field> fields = schema.getFields().stream()
            .filter(f -> !f.name().equals(dropped))
            .map(f -> new Schema.Field(f, f.schema()))
            .toList();
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
