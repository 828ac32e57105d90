package io.claimstream.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import io.claimstream.avro.Article;
import io.claimstream.avro.NumericClaim;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.junit.jupiter.api.Test;

class CanonicalSchemaTest {

    @Test
    void theGeneratedClassSchemaCarriesTheJavaStringPropertyButItsCanonicalFormDoesNot() {
        assertThat(Article.getClassSchema().toString()).contains("avro.java.string");
        assertThat(CanonicalSchema.of(Article.getClassSchema())).doesNotContain("avro.java.string");
    }

    @Test
    void aGeneratedSchemaAndTheSameSchemaFromItsAvscFileHaveOneCanonicalForm() throws Exception {
        // What Node, Python or Confluent's tools register: the .avsc file as written.
        String avsc = Files.readString(Path.of("schemas/Article.avsc"));
        assertThat(CanonicalSchema.of(avsc)).isEqualTo(CanonicalSchema.of(Article.getClassSchema()));
    }

    @Test
    void whitespaceAndJsonKeyOrderDoNotMatter() {
        String compact = "{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}";
        String spaced = "{ \"fields\": [ {\"type\": \"int\", \"name\": \"x\"} ],\n  \"name\": \"A\", \"type\": \"record\" }";
        assertThat(CanonicalSchema.of(spaced)).isEqualTo(CanonicalSchema.of(compact));
    }

    @Test
    void docsLogicalTypesAndDefaultsAreKept() {
        String canonical = CanonicalSchema.of(NumericClaim.getClassSchema());
        assertThat(canonical).contains("\"doc\":\"Deduplication key").contains("timestamp-millis").contains("\"default\":null");
        assertThat(CanonicalSchema.parse(canonical)).isEqualTo(CanonicalSchema.parse(CanonicalSchema.of(NumericClaim.getClassSchema())));
    }

    @Test
    void invalidSchemasAllFailWithOneException() {
        String bad = "{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"x\",\"type\":\"int\",\"default\":\"no\"}]}";
        assertThatThrownBy(() -> CanonicalSchema.of(bad)).isInstanceOf(SchemaParseException.class).hasMessageContaining("default");
        assertThatThrownBy(() -> CanonicalSchema.of("{\"type\":\"recor\"}")).isInstanceOf(SchemaParseException.class);
        assertThatThrownBy(() -> CanonicalSchema.of("{not json")).isInstanceOf(SchemaParseException.class);
    }

    @Test
    void aSchemaWithoutTheJavaPropertyIsReturnedAsAvroRendersIt() {
        Schema plain = new Schema.Parser().parse("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}");
        assertThat(CanonicalSchema.of(plain)).isEqualTo(plain.toString());
    }
}
