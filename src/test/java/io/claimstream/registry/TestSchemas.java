package io.claimstream.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.claimstream.avro.Article;
import io.claimstream.avro.Change;
import io.claimstream.avro.ClaimSummary;
import io.claimstream.avro.NumericClaim;
import io.claimstream.avro.Qualifier;
import io.claimstream.avro.SourceRef;
import io.claimstream.avro.SubjectClaims;

import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;

/** Sample records of each schema, and schema variants for evolution tests. */
final class TestSchemas {

    static final Instant PUBLISHED = Instant.parse("2025-02-15T10:00:00Z");

    private TestSchemas() {
    }

    static Article article() {
        return Article.newBuilder()
            .setId("https://example.org/news/1")
            .setSource("Example News")
            .setFeedUrl("https://example.org/rss")
            .setTitle("Zelensky: Russia lost almost 250,000 soldiers")
            .setLink("https://example.org/news/1")
            .setText("Russia has lost almost 250,000 soldiers in the war against Ukraine, President Volodymyr Zelensky said on Feb. 15.")
            .setPublished(PUBLISHED)
            .setFetched(PUBLISHED.plusSeconds(60))
            .setAuthor(null)
            .setLanguage("en")
            .build();
    }

    static SourceRef source() {
        return SourceRef.newBuilder()
            .setArticleId("https://example.org/news/1")
            .setSource("Example News")
            .setTitle("Zelensky: Russia lost almost 250,000 soldiers")
            .setLink("https://example.org/news/1")
            .setPublished(PUBLISHED)
            .setClaimant("Volodymyr Zelensky")
            .setSpan("almost 250,000 soldiers")
            .build();
    }

    static NumericClaim claim() {
        return NumericClaim.newBuilder()
            .setClaimKey("russia/soldier/killed|250000|soldier")
            .setSubjectKey("russia/soldier/killed")
            .setSubject("Russian soldiers lost in the war")
            .setValue(250_000)
            .setValueHigh(null)
            .setUnit("soldier")
            .setKind("count")
            .setQualifier(Qualifier.APPROXIMATE)
            .setChange(null)
            .setClaimant("Volodymyr Zelensky")
            .setSpan("almost 250,000 soldiers")
            .setQuote("Russia has lost almost 250,000 soldiers in the war against Ukraine.")
            .setArticle(source())
            .setFirstSeen(PUBLISHED)
            .build();
    }

    static SubjectClaims subjectClaims() {
        ClaimSummary summary = ClaimSummary.newBuilder()
            .setClaimKey("russia/soldier/killed|250000|soldier")
            .setValue(250_000)
            .setValueHigh(260_000.0)
            .setUnit("soldier")
            .setKind("count")
            .setQualifier(Qualifier.AT_LEAST)
            .setChange(Change.UP)
            .setClaimants(List.of("Volodymyr Zelensky", "Ukrainian General Staff"))
            .setFirstSeen(PUBLISHED)
            .setLastSeen(PUBLISHED.plusSeconds(3600))
            .setMentions(2)
            .setSources(List.of(source()))
            .build();
        return SubjectClaims.newBuilder()
            .setSubjectKey("russia/soldier/killed")
            .setSubject("Russian soldiers lost in the war")
            .setClaims(List.of(summary))
            .setUpdated(PUBLISHED.plusSeconds(3600))
            .build();
    }

    /** {@code schema} with one more field: optional (null default) or required (no default). */
    static Schema withField(Schema schema, String name, boolean optional) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : schema.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        Schema type = optional
            ? Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.DOUBLE))
            : Schema.create(Schema.Type.DOUBLE);
        fields.add(new Schema.Field(name, type, "Added in a later version.", optional ? JsonProperties.NULL_VALUE : null));
        Schema evolved = Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false);
        evolved.setFields(fields);
        return evolved;
    }

    /** A small record schema, {@code record Sample { string name; }} plus whatever fields follow. */
    static Schema sample(String extraFieldsJson) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Sample\",\"namespace\":\"test\",\"fields\":["
            + "{\"name\":\"name\",\"type\":\"string\"}" + extraFieldsJson + "]}");
    }
}
