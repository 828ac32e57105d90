package io.claimstream.avro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The rules that let every schema evolve BACKWARD-compatibly and be read without our code:
 * one namespace, a doc on every type and field, optional fields as unions with null first and
 * a null default, and times as timestamp-millis.
 */
class SchemaConventionsTest {

    private static final List<Schema> TOP_LEVEL =
        List.of(Article.getClassSchema(), NumericClaim.getClassSchema(), SubjectClaims.getClassSchema());

    @Test
    void everyNamedTypeIsInOneNamespaceAndDocumented() {
        for (Schema type : namedTypes().values()) {
            assertThat(type.getNamespace()).as(type.getFullName()).isEqualTo("io.claimstream.avro");
            assertThat(type.getDoc()).as("doc of %s", type.getFullName()).isNotBlank();
        }
        assertThat(namedTypes()).containsKeys("io.claimstream.avro.SourceRef", "io.claimstream.avro.ClaimSummary",
            "io.claimstream.avro.Qualifier", "io.claimstream.avro.Change");
    }

    @Test
    void everyFieldHasADoc() {
        for (Schema.Field field : fields()) {
            assertThat(field.doc()).as("doc of field %s", field.name()).isNotBlank();
        }
    }

    @Test
    void optionalFieldsAreUnionsWithNullFirstAndANullDefault() {
        for (Schema.Field field : fields()) {
            if (field.schema().isNullable()) {
                assertThat(field.schema().getTypes().get(0).getType()).as(field.name()).isEqualTo(Schema.Type.NULL);
                assertThat(field.hasDefaultValue()).as("default of %s", field.name()).isTrue();
                assertThat(field.defaultVal()).as(field.name()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
            }
        }
    }

    @Test
    void timesAreTimestampMillis() {
        List<String> timeFields = List.of("published", "fetched", "first_seen", "last_seen", "updated");
        for (Schema.Field field : fields()) {
            if (timeFields.contains(field.name())) {
                Schema type = field.schema().isNullable() ? field.schema().getTypes().get(1) : field.schema();
                assertThat(type.getLogicalType()).as(field.name()).isEqualTo(LogicalTypes.timestampMillis());
            }
        }
    }

    private static List<Schema.Field> fields() {
        List<Schema.Field> fields = new ArrayList<>();
        namedTypes().values().stream().filter(s -> s.getType() == Schema.Type.RECORD).forEach(s -> fields.addAll(s.getFields()));
        return fields;
    }

    private static Map<String, Schema> namedTypes() {
        Map<String, Schema> found = new LinkedHashMap<>();
        TOP_LEVEL.forEach(s -> collect(s, found));
        return found;
    }

    private static void collect(Schema schema, Map<String, Schema> found) {
        switch (schema.getType()) {
            case RECORD -> {
                if (found.putIfAbsent(schema.getFullName(), schema) == null) {
                    schema.getFields().forEach(f -> collect(f.schema(), found));
                }
            }
            case ENUM, FIXED -> found.putIfAbsent(schema.getFullName(), schema);
            case UNION -> schema.getTypes().forEach(t -> collect(t, found));
            case ARRAY -> collect(schema.getElementType(), found);
            case MAP -> collect(schema.getValueType(), found);
            default -> {
            }
        }
    }
}
