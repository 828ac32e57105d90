package io.claimstream.registry;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The one text form in which claimstream registers, looks up and compares Avro schemas.
 *
 * <p>avro-maven-plugin with {@code stringType=String} adds {@code "avro.java.string":"String"} to
 * every string in the generated classes' schemas. That property only tells Java which class to
 * decode strings into; it does not change the data. Node, Python or Confluent's tools register
 * the same schema without it, and a registry that compares texts then calls them different
 * schemas (a known Confluent trap: look-ups fail, or a duplicate version appears). So both the
 * client and the embedded registry drop the property and use Avro's own rendering of what is
 * left: whitespace and key order in the submitted text do not matter either.
 */
public final class CanonicalSchema {

    static final String JAVA_STRING_PROPERTY = "avro.java.string";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CanonicalSchema() {
    }

    /** The canonical text of {@code schema}. */
    public static String of(Schema schema) {
        return render(schema.toString());
    }

    /**
     * Parses schema text as a registry receives it and returns its canonical text.
     *
     * @throws SchemaParseException when the text is not a valid Avro schema
     */
    public static String of(String schemaText) {
        return render(parse(schemaText).toString());
    }

    /**
     * Parses schema text; defaults are validated against their types.
     *
     * @throws SchemaParseException for any invalid schema (Avro itself throws several kinds)
     */
    public static Schema parse(String schemaText) {
        try {
            return new Schema.Parser().setValidateDefaults(true).parse(schemaText);
        } catch (SchemaParseException e) {
            throw e;
        } catch (RuntimeException e) {
            SchemaParseException invalid = new SchemaParseException(e.getMessage());
            invalid.initCause(e);
            throw invalid;
        }
    }

    private static String render(String avroJson) {
        if (!avroJson.contains(JAVA_STRING_PROPERTY)) {
            return avroJson;
        }
        try {
            JsonNode tree = JSON.readTree(avroJson);
            stripJavaStringProperty(tree);
            // Re-parsing lets Avro collapse {"type":"string"} back to "string".
            return parse(JSON.writeValueAsString(tree)).toString();
        } catch (JsonProcessingException e) {
            throw new SchemaParseException(e);
        }
    }

    private static void stripJavaStringProperty(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(JAVA_STRING_PROPERTY);
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                stripJavaStringProperty(field.getValue());
            }
        } else if (node.isArray()) {
            node.forEach(CanonicalSchema::stripJavaStringProperty);
        }
    }
}
