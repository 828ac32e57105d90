package io.claimstream.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class StoreRecordTest {

    @Test
    void schemaRecordsAreWrittenInConfluentsExactFormat() {
        StoreRecord.SchemaVersion v = new StoreRecord.SchemaVersion("news.claims-value", 2, 7, "AVRO", "\"string\"", false);
        assertThat(text(v.key())).isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"news.claims-value\",\"version\":2,\"magic\":1}");
        assertThat(text(v.value()))
            .isEqualTo("{\"subject\":\"news.claims-value\",\"version\":2,\"id\":7,\"schema\":\"\\\"string\\\"\",\"deleted\":false}");
    }

    @Test
    void configRecordsAreWrittenInConfluentsExactFormat() {
        assertThat(text(new StoreRecord.Compatibility(null, CompatibilityLevel.FULL).key()))
            .isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
        assertThat(text(new StoreRecord.Compatibility("s", CompatibilityLevel.FULL).value()))
            .isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    }

    @Test
    void recordsWrittenByConfluentsRegistryAreRead() {
        // As Confluent's registry writes them to _schemas (its backup docs show these lines).
        assertThat(decode("{\"keytype\":\"SCHEMA\",\"subject\":\"Kafka-key\",\"version\":1,\"magic\":1}",
            "{\"subject\":\"Kafka-key\",\"version\":1,\"id\":1,\"schema\":\"\\\"string\\\"\",\"deleted\":false}"))
            .isEqualTo(new StoreRecord.SchemaVersion("Kafka-key", 1, 1, "AVRO", "\"string\"", false));
        assertThat(decode("{\"keytype\":\"CONFIG\",\"subject\":\"MySchema\",\"magic\":0}", "{\"compatibilityLevel\":\"FULL\"}"))
            .isEqualTo(new StoreRecord.Compatibility("MySchema", CompatibilityLevel.FULL));
        assertThat(decode("{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"s\",\"magic\":0}", "{\"subject\":\"s\",\"version\":3}"))
            .isEqualTo(new StoreRecord.SubjectDeleted("s", 3));
        assertThat(decode("{\"keytype\":\"SCHEMA\",\"subject\":\"p\",\"version\":1,\"magic\":1}",
            "{\"subject\":\"p\",\"version\":1,\"id\":4,\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\",\"deleted\":false}"))
            .isEqualTo(new StoreRecord.SchemaVersion("p", 1, 4, "PROTOBUF", "syntax = \"proto3\";", false));
    }

    @Test
    void writtenRecordsDecodeToThemselves() {
        for (StoreRecord r : new StoreRecord[] {
            new StoreRecord.SchemaVersion("s", 1, 1, "AVRO", "\"int\"", true),
            new StoreRecord.SchemaVersionRemoved("s", 1),
            new StoreRecord.Compatibility(null, CompatibilityLevel.NONE),
            new StoreRecord.Compatibility("s", null),
            new StoreRecord.SubjectDeleted("s", 2)}) {
            assertThat(StoreRecord.decode(r.key(), r.value())).contains(r);
        }
    }

    @Test
    void recordKindsTheRegistryDoesNotKeepAreSkippedAndGarbageIsRefused() {
        assertThat(StoreRecord.decode(bytes("{\"keytype\":\"NOOP\",\"magic\":0}"), null)).isEmpty();
        assertThatThrownBy(() -> StoreRecord.decode(bytes("not json"), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreRecord.decode(bytes("{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":1}"), bytes("{}")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
    }

    private static StoreRecord decode(String key, String value) {
        return StoreRecord.decode(bytes(key), bytes(value)).orElseThrow();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
