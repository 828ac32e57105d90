package io.claimstream.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.avro.Schema;

/**
 * The embedded registry's operations, with Confluent Schema Registry's semantics and error
 * codes: what the REST API does, without HTTP. Reads come from the {@link RegistryState};
 * every change is a record appended to the {@link SchemaLog}, which the state then applies.
 * Changes are made one at a time, each computed from the state that includes the last.
 */
final class SchemaRegistry {

    /** One version of a subject, with its schema text. */
    record SubjectVersion(String subject, int version, int id, String schema) {
    }

    private final RegistryState state;
    private final SchemaLog log;
    private final Object writeLock = new Object();

    SchemaRegistry(RegistryState state, SchemaLog log) {
        this.state = state;
        this.log = log;
    }

    /** Registers {@code schemaText} under {@code subject}; returns its id, reusing the id of an equal schema. */
    /**
     * Longest schema text accepted. A schema is stored as one record of the schema topic, whose
     * producer and broker take about 1 MB by default; a bigger schema failed the write with a 500.
     * Even at 3 bytes a character this leaves room for the record's other fields.
     */
    static final int MAX_SCHEMA_CHARS = 256 * 1024;

    int register(String subject, String schemaText, String schemaType, boolean hasReferences) {
        Schema schema = parse(schemaText, schemaType, hasReferences);
        String canonical = CanonicalSchema.of(schema);
        synchronized (writeLock) {
            for (RegistryState.Version v : state.versions(subject, false)) {
                if (state.schemaText(v.id()).orElse("").equals(canonical)) {
                    return v.id();
                }
            }
            List<String> problems = state.effectiveLevel(subject).incompatibilities(schema, liveSchemas(subject));
            if (!problems.isEmpty()) {
                throw new RegistryException(409, RegistryException.INCOMPATIBLE_SCHEMA,
                    "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                        + "\" (compatibility level " + state.effectiveLevel(subject) + "), details: " + problems);
            }
            int id = state.idOf(canonical).orElse(state.nextId());
            log.append(new StoreRecord.SchemaVersion(subject, state.maxVersion(subject) + 1, id,
                StoreRecord.SchemaVersion.AVRO, canonical, false));
            return id;
        }
    }

    /** The version of {@code subject} that has {@code schemaText}. */
    SubjectVersion lookup(String subject, String schemaText, String schemaType, boolean deleted) {
        String canonical = CanonicalSchema.of(parse(schemaText, schemaType, false));
        List<RegistryState.Version> versions = existingVersions(subject, deleted);
        for (int i = versions.size() - 1; i >= 0; i--) {
            RegistryState.Version v = versions.get(i);
            if (state.schemaText(v.id()).orElse("").equals(canonical)) {
                return new SubjectVersion(subject, v.version(), v.id(), canonical);
            }
        }
        throw new RegistryException(404, RegistryException.SCHEMA_NOT_FOUND, "Schema not found");
    }

    String schemaById(int id) {
        return state.schemaText(id).orElseThrow(() ->
            new RegistryException(404, RegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found"));
    }

    List<RegistryState.Version> versionsWithId(int id, boolean deleted) {
        schemaById(id);
        return state.versionsWithId(id, deleted);
    }

    List<String> subjects(boolean deleted) {
        return state.subjects(deleted);
    }

    List<Integer> versions(String subject, boolean deleted) {
        return existingVersions(subject, deleted).stream().map(RegistryState.Version::version).toList();
    }

    /** Version {@code versionText} ("latest", -1 or a number) of {@code subject}. */
    SubjectVersion version(String subject, String versionText, boolean deleted) {
        List<RegistryState.Version> versions = existingVersions(subject, deleted);
        Optional<Integer> number = parseVersion(versionText);
        RegistryState.Version found = number.isEmpty()
            ? versions.get(versions.size() - 1)
            : versions.stream().filter(v -> v.version() == number.get()).findFirst().orElseThrow(() ->
                new RegistryException(404, RegistryException.VERSION_NOT_FOUND,
                    "Version " + number.get() + " not found."));
        return new SubjectVersion(subject, found.version(), found.id(), schemaById(found.id()));
    }

    /**
     * Deletes {@code subject}: softly (its versions are marked deleted, ids stay readable), or,
     * after a soft delete, permanently (tombstones). Returns the versions deleted.
     */
    List<Integer> deleteSubject(String subject, boolean permanent) {
        synchronized (writeLock) {
            List<RegistryState.Version> all = existingVersions(subject, true);
            List<Integer> deleted = new ArrayList<>();
            boolean anyLive = all.stream().anyMatch(v -> !v.deleted());
            if (permanent && anyLive) {
                throw new RegistryException(404, RegistryException.SUBJECT_NOT_SOFT_DELETED, "Subject '" + subject
                    + "' was not deleted first before being permanently deleted");
            }
            if (!permanent && !anyLive) {
                throw new RegistryException(404, RegistryException.SUBJECT_SOFT_DELETED, "Subject '" + subject
                    + "' was soft deleted. Set permanent=true to delete permanently");
            }
            for (RegistryState.Version v : all) {
                if (permanent) {
                    log.append(new StoreRecord.SchemaVersionRemoved(subject, v.version()));
                } else if (!v.deleted()) {
                    log.append(new StoreRecord.SchemaVersion(subject, v.version(), v.id(),
                        StoreRecord.SchemaVersion.AVRO, schemaById(v.id()), true));
                } else {
                    continue;
                }
                deleted.add(v.version());
            }
            return deleted;
        }
    }

    /**
     * Why {@code schemaText} could not be registered under {@code subject}: checked against
     * version {@code versionText} alone, or, when it is null, as a registration would be. Empty
     * when it could.
     */
    List<String> incompatibilities(String subject, String versionText, String schemaText, String schemaType) {
        Schema schema = parse(schemaText, schemaType, false);
        CompatibilityLevel level = state.effectiveLevel(subject);
        if (versionText == null) {
            return level.incompatibilities(schema, liveSchemas(subject));
        }
        if (state.versions(subject, false).isEmpty() && parseVersion(versionText).isEmpty()) {
            return List.of(); // nothing registered yet: anything may be the first version
        }
        SubjectVersion against = version(subject, versionText, false);
        return level.incompatibilitiesWith(schema, state.schema(against.id()).orElseThrow());
    }

    CompatibilityLevel globalLevel() {
        return state.globalLevel();
    }

    /** {@code subject}'s own level, or the global one when it has none and {@code defaultToGlobal}. */
    CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        Optional<CompatibilityLevel> own = state.subjectLevel(subject);
        if (own.isPresent()) {
            return own.get();
        }
        if (defaultToGlobal) {
            return state.globalLevel();
        }
        throw new RegistryException(404, RegistryException.SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED,
            "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    /** Sets {@code subject}'s level, or the global one when {@code subject} is null. */
    CompatibilityLevel setLevel(String subject, String levelText) {
        CompatibilityLevel level;
        try {
            level = CompatibilityLevel.parse(levelText);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(422, RegistryException.INVALID_COMPATIBILITY_LEVEL,
                "Invalid compatibility level. Valid values are none, backward, forward, full,"
                    + " backward_transitive, forward_transitive, and full_transitive");
        }
        synchronized (writeLock) {
            log.append(new StoreRecord.Compatibility(subject, level));
        }
        return level;
    }

    private List<Schema> liveSchemas(String subject) {
        List<Schema> schemas = new ArrayList<>();
        for (RegistryState.Version v : state.versions(subject, false)) {
            state.schema(v.id()).ifPresent(schemas::add);
        }
        return schemas;
    }

    private List<RegistryState.Version> existingVersions(String subject, boolean deleted) {
        List<RegistryState.Version> versions = state.versions(subject, deleted);
        if (versions.isEmpty()) {
            throw new RegistryException(404, RegistryException.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
        }
        return versions;
    }

    /** Empty for the latest version. */
    private static Optional<Integer> parseVersion(String text) {
        if ("latest".equals(text) || "-1".equals(text)) {
            return Optional.empty();
        }
        try {
            int version = Integer.parseInt(text);
            if (version >= 1) {
                return Optional.of(version);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new RegistryException(422, RegistryException.INVALID_VERSION, "The specified version '" + text
            + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    private static Schema parse(String schemaText, String schemaType, boolean hasReferences) {
        if (schemaType != null && !schemaType.equalsIgnoreCase(StoreRecord.SchemaVersion.AVRO)) {
            throw new RegistryException(422, RegistryException.INVALID_SCHEMA,
                "Invalid schema: schema type " + schemaType + " is not supported; this registry stores Avro schemas only");
        }
        if (hasReferences) {
            throw new RegistryException(422, RegistryException.INVALID_SCHEMA,
                "Invalid schema: schema references are not supported; register the schema with its named types inline");
        }
        if (schemaText == null || schemaText.isBlank()) {
            throw new RegistryException(422, RegistryException.INVALID_SCHEMA, "Invalid schema: empty schema");
        }
        if (schemaText.length() > MAX_SCHEMA_CHARS) {
            throw new RegistryException(422, RegistryException.INVALID_SCHEMA, "Invalid schema: " + schemaText.length()
                + " characters, more than the " + MAX_SCHEMA_CHARS + " a schema may have here (the schema store holds "
                + "each schema in one Kafka record)");
        }
        try {
            return CanonicalSchema.parse(schemaText);
        } catch (RuntimeException e) {
            throw new RegistryException(422, RegistryException.INVALID_SCHEMA, "Invalid schema: " + e.getMessage());
        } catch (StackOverflowError e) {
            throw new RegistryException(422, RegistryException.INVALID_SCHEMA, "Invalid schema: nested too deeply to be read");
        }
    }
}
