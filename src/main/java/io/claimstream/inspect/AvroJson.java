package io.claimstream.inspect;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * An Avro datum as plain JSON, for people and for tools such as jq: records as objects, unions
 * as their value (not Avro's {@code {"type": value}} wrapping), enums as their symbol,
 * timestamps as ISO-8601 instants and decimals as numbers.
 */
public final class AvroJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJson() {
    }

    /** A datum read by a generic reader; a bare string or number (a primitive schema) as itself. */
    public static JsonNode toJson(Object datum) {
        if (datum instanceof GenericContainer container) {
            return toJson(datum, container.getSchema());
        }
        return datum == null ? NODES.nullNode() : NODES.textNode(datum.toString());
    }

    static JsonNode toJson(Object datum, Schema schema) {
        if (datum == null) {
            return NODES.nullNode();
        }
        switch (schema.getType()) {
            case RECORD -> {
                GenericRecord record = (GenericRecord) datum;
                ObjectNode object = NODES.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    object.set(field.name(), toJson(record.get(field.pos()), field.schema()));
                }
                return object;
            }
            case UNION -> {
                return toJson(datum, branch(schema, datum));
            }
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (Object item : (Collection<?>) datum) {
                    array.add(toJson(item, schema.getElementType()));
                }
                return array;
            }
            case MAP -> {
                ObjectNode object = NODES.objectNode();
                ((Map<?, ?>) datum).forEach((k, v) -> object.set(k.toString(), toJson(v, schema.getValueType())));
                return object;
            }
            case INT, LONG -> {
                long n = ((Number) datum).longValue();
                LogicalType logical = schema.getLogicalType();
                if (logical instanceof LogicalTypes.TimestampMillis) {
                    return NODES.textNode(Instant.ofEpochMilli(n).toString());
                }
                if (logical instanceof LogicalTypes.TimestampMicros) {
                    return NODES.textNode(Instant.EPOCH.plusNanos(n * 1000).toString());
                }
                return NODES.numberNode(n);
            }
            case FLOAT, DOUBLE -> {
                return NODES.numberNode(((Number) datum).doubleValue());
            }
            case BOOLEAN -> {
                return NODES.booleanNode((Boolean) datum);
            }
            case BYTES, FIXED -> {
                return bytes(datum, schema);
            }
            case NULL -> {
                return NODES.nullNode();
            }
            default -> {
                return NODES.textNode(datum.toString()); // STRING and ENUM
            }
        }
    }

    private static Schema branch(Schema union, Object datum) {
        List<Schema> nonNull = union.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
        return nonNull.size() == 1 ? nonNull.get(0) : union.getTypes().get(GenericData.get().resolveUnion(union, datum));
    }

    private static JsonNode bytes(Object datum, Schema schema) {
        byte[] bytes;
        if (datum instanceof ByteBuffer buffer) {
            bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
        } else {
            bytes = ((GenericFixed) datum).bytes();
        }
        if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
            return NODES.numberNode(new BigDecimal(new BigInteger(bytes), decimal.getScale()));
        }
        return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
    }
}
