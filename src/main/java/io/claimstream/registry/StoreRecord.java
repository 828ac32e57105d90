package io.claimstream.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One record of the registry's compacted {@code _schemas} topic, in Confluent Schema
 * Registry's own key and value format, byte for byte: keys such as
 * {@code {"keytype":"SCHEMA","subject":"s","version":1,"magic":1}}, values such as
 * {@code {"subject":"s","version":1,"id":1,"schema":"...","deleted":false}}. Equal keys are
 * equal bytes, so compaction keeps the last word on each subject version and config. A topic
 * written by Confluent's registry can be read here, and the other way round.
 */
sealed interface StoreRecord {

    ObjectMapper JSON = new ObjectMapper();

    /** Version {@code version} of {@code subject} is schema {@code id}; {@code deleted} marks a soft delete. */
    record SchemaVersion(String subject, int version, int id, String schemaType, String schema, boolean deleted)
        implements StoreRecord {

        static final String AVRO = "AVRO";

        @Override
        public byte[] key() {
            return schemaKey(subject, version);
        }

        @Override
        public byte[] value() {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("subject", subject);
            value.put("version", version);
            value.put("id", id);
            if (!AVRO.equals(schemaType)) {
                value.put("schemaType", schemaType); // Confluent omits it for Avro
            }
            value.put("schema", schema);
            value.put("deleted", deleted);
            return json(value);
        }
    }

    /** Version {@code version} of {@code subject} was deleted permanently: a tombstone. */
    record SchemaVersionRemoved(String subject, int version) implements StoreRecord {
        @Override
        public byte[] key() {
            return schemaKey(subject, version);
        }

        @Override
        public byte[] value() {
            return null;
        }
    }

    /** The compatibility level of {@code subject}, or the registry-wide one when it is null; a null level removes it. */
    record Compatibility(String subject, CompatibilityLevel level) implements StoreRecord {
        @Override
        public byte[] key() {
            Map<String, Object> key = new LinkedHashMap<>();
            key.put("keytype", "CONFIG");
            key.put("subject", subject);
            key.put("magic", 0);
            return json(key);
        }

        @Override
        public byte[] value() {
            return level == null ? null : json(Map.of("compatibilityLevel", level.name()));
        }
    }

    /** Confluent's marker that {@code subject} was soft-deleted up to {@code version}. */
    record SubjectDeleted(String subject, int version) implements StoreRecord {
        @Override
        public byte[] key() {
            Map<String, Object> key = new LinkedHashMap<>();
            key.put("keytype", "DELETE_SUBJECT");
            key.put("subject", subject);
            key.put("magic", 0);
            return json(key);
        }

        @Override
        public byte[] value() {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("subject", subject);
            value.put("version", version);
            return json(value);
        }
    }

    /** The record key as JSON bytes. */
    byte[] key();

    /** The record value as JSON bytes; null for a tombstone. */
    byte[] value();

    /**
     * Decodes a record of the topic. Records of kinds this registry does not keep (Confluent's
     * NOOP, MODE, ...) decode to empty.
     *
     * @throws IllegalArgumentException when the key or value is not what its key type promises
     */
    static Optional<StoreRecord> decode(byte[] key, byte[] value) {
        JsonNode k = parse(key);
        JsonNode v = value == null ? null : parse(value);
        String subject = k.path("subject").isTextual() ? k.path("subject").asText() : null;
        switch (k.path("keytype").asText()) {
            case "SCHEMA":
                int version = required(k, "version").asInt();
                if (v == null) {
                    return Optional.of(new SchemaVersionRemoved(subject, version));
                }
                return Optional.of(new SchemaVersion(subject, version, required(v, "id").asInt(),
                    v.path("schemaType").asText(SchemaVersion.AVRO), required(v, "schema").asText(),
                    v.path("deleted").asBoolean(false)));
            case "CONFIG":
                if (v != null && !v.path("compatibilityLevel").isTextual()) {
                    return Optional.empty(); // a config record that sets other things only
                }
                return Optional.of(new Compatibility(subject,
                    v == null ? null : CompatibilityLevel.parse(v.path("compatibilityLevel").asText())));
            case "DELETE_SUBJECT":
                return v == null ? Optional.empty()
                    : Optional.of(new SubjectDeleted(subject, required(v, "version").asInt()));
            default:
                return Optional.empty();
        }
    }

    private static byte[] schemaKey(String subject, int version) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("keytype", "SCHEMA");
        key.put("subject", subject);
        key.put("version", version);
        key.put("magic", 1);
        return json(key);
    }

    private static JsonNode required(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            throw new IllegalArgumentException("missing \"" + field + "\" in " + node);
        }
        return node.get(field);
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
