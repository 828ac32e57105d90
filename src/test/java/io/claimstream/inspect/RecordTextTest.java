package io.claimstream.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimstream.avro.Article;
import io.claimstream.avro.ClaimSummary;
import io.claimstream.avro.Qualifier;
import io.claimstream.avro.SourceRef;
import io.claimstream.avro.SubjectClaims;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class RecordTextTest {

    private static final Instant FEB_15 = Instant.parse("2025-02-15T17:05:00Z");

    @Test
    void aSubjectIsABlockOfItsClaimsWithClaimantsAndSources() throws Exception {
        TopicRecord record = record("claims.by-subject", "russia/soldier/killed", subject());

        assertThat(RecordText.text(record)).isEqualTo(String.join("\n",
            "russia/soldier/killed   soldiers killed (russia)",
            "  ~250000 soldier   mentions 2   first 2025-02-15T17:05:00Z",
            "    claimants: Volodymyr Zelensky",
            "    sources:   Continental Wire, The Daily Ledger",
            "  >1000-2000 tank (up)   mentions 1   first 2025-02-15T17:05:00Z",
            "    sources:   Continental Wire"));
    }

    @Test
    void aSubjectWhoseListsAreCutSaysHowManyThereAre() throws Exception {
        SourceRef first = new SourceRef("cw-1", "Continental Wire", null, null, FEB_15, null, "nearly");
        SourceRef latest = new SourceRef("hh-9", "Harbour Herald", null, null, FEB_15, null, "almost");
        ClaimSummary busy = ClaimSummary.newBuilder().setClaimKey("russia/soldier/killed=250000").setValue(250000)
            .setUnit("soldier").setKind("count").setQualifier(Qualifier.EXACT).setClaimants(List.of("Volodymyr Zelensky"))
            .setFirstSeen(FEB_15).setLastSeen(FEB_15).setMentions(9).setOutlets(4).setClaimantCount(3)
            .setSources(List.of(first, latest)).build();
        GenericRecord cut = generic(SubjectClaims.newBuilder().setSubjectKey("russia/soldier/killed").setSubject("soldiers killed")
            .setClaims(List.of(busy)).setUpdated(FEB_15).setClaimCount(40).build());

        assertThat(RecordText.text(record("claims.by-subject", "russia/soldier/killed", cut))).isEqualTo(String.join("\n",
            "russia/soldier/killed   soldiers killed",
            "  1 of 40 claims listed, the most reported: the rest would pass the record's size bound",
            "  250000 soldier   mentions 9   outlets 4   first 2025-02-15T17:05:00Z",
            "    claimants: Volodymyr Zelensky, and 2 more",
            "    sources:   Continental Wire, Harbour Herald   (the first and latest of 9)"));
    }

    @Test
    void jsonIsPlainJsonWithTimestampsAsInstantsAndUnionsAsTheirValue() throws Exception {
        JsonNode line = new ObjectMapper().readTree(RecordText.json(record("claims.by-subject", "russia/soldier/killed", subject())));

        assertThat(line.get("key").asText()).isEqualTo("russia/soldier/killed");
        assertThat(line.get("offset").asLong()).isEqualTo(7);
        JsonNode claim = line.get("value").get("claims").get(0);
        assertThat(claim.get("qualifier").asText()).isEqualTo("APPROXIMATE");
        assertThat(claim.get("value_high").isNull()).isTrue();
        assertThat(claim.get("first_seen").asText()).isEqualTo("2025-02-15T17:05:00Z");
        assertThat(claim.get("sources").get(0).get("title").asText()).isEqualTo("Losses near 250,000");
        assertThat(line.get("value").get("claims").get(1).get("change").asText()).isEqualTo("UP");
    }

    @Test
    void anArticleIsOneLineAndADeadLetterShowsWhyAndWhereFrom() throws Exception {
        Article article = Article.newBuilder().setId("cw-1").setSource("Continental Wire").setTitle("Losses near 250,000")
            .setText("...").setFetched(FEB_15).setPublished(FEB_15).build();
        TopicRecord dead = new TopicRecord("news.dlq", 0, 3, FEB_15, "x-1", null, Map.of(
            "__streams.errors.exception", "org.apache.kafka.common.errors.SerializationException",
            "__streams.errors.message", "Unknown magic byte!\nmore",
            "__streams.errors.topic", "news.articles", "__streams.errors.partition", "2", "__streams.errors.offset", "41"),
            "5 bytes that are not Avro in the registry's wire format: Unknown magic byte!");

        assertThat(RecordText.text(record("news.articles", "cw-1", generic(article))))
            .isEqualTo("2025-02-15T17:05:00Z  Continental Wire  Losses near 250,000  (cw-1)");
        assertThat(RecordText.text(dead)).as("a dead letter's value is unreadable as a rule: the headers say why")
            .isEqualTo("x-1  from news.articles-2@41  org.apache.kafka.common.errors.SerializationException: Unknown magic byte!");
        assertThat(RecordText.text(new TopicRecord("claims.by-subject", 0, 9, FEB_15, "gone", null, Map.of(), null)))
            .isEqualTo("gone  (deleted)");
    }

    private static TopicRecord record(String topic, String key, GenericRecord value) {
        return new TopicRecord(topic, 1, 7, FEB_15, key, AvroJson.toJson(value), Map.of(), null);
    }

    private static GenericRecord subject() throws Exception {
        SourceRef cw = new SourceRef("cw-1", "Continental Wire", "Losses near 250,000", null, FEB_15, "Volodymyr Zelensky", "nearly");
        SourceRef dl = new SourceRef("dl-1", "The Daily Ledger", null, null, FEB_15, "Volodymyr Zelensky", "almost");
        ClaimSummary soldiers = ClaimSummary.newBuilder().setClaimKey("russia/soldier/killed=250000").setValue(250000)
            .setUnit("soldier").setKind("count").setQualifier(Qualifier.APPROXIMATE).setClaimants(List.of("Volodymyr Zelensky"))
            .setFirstSeen(FEB_15).setLastSeen(FEB_15).setMentions(2).setSources(List.of(cw, dl, cw)).build();
        ClaimSummary tanks = ClaimSummary.newBuilder().setClaimKey("russia/tank/-=1000").setValue(1000).setValueHigh(2000.0)
            .setUnit("tank").setKind("count").setQualifier(Qualifier.AT_LEAST).setChange(io.claimstream.avro.Change.UP)
            .setFirstSeen(FEB_15).setLastSeen(FEB_15).setMentions(1).setSources(List.of(cw)).build();
        return generic(SubjectClaims.newBuilder().setSubjectKey("russia/soldier/killed").setSubject("soldiers killed (russia)")
            .setClaims(List.of(soldiers, tanks)).setUpdated(FEB_15).build());
    }

    /** As inspect reads it: written with the generated class, read back generically. */
    private static <T extends org.apache.avro.specific.SpecificRecord> GenericRecord generic(T specific) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<T>(specific.getSchema()).write(specific, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(specific.getSchema(), specific.getSchema(), GenericData.get())
            .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
    }
}
