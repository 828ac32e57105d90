package io.claimstream.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the embedded registry knows: subjects and their versions, schemas by id, compatibility
 * levels. Changed only by {@link #apply}ing records of the {@link SchemaLog}, in log order, so
 * every registry that replays the same log holds the same state. Thread-safe.
 */
final class RegistryState {

    private static final Logger log = LoggerFactory.getLogger(RegistryState.class);

    /** One version of a subject. */
    record Version(String subject, int version, int id, boolean deleted) {
    }

    /** A stored schema: its canonical text, and the parsed form that compatibility checks use. */
    private record Stored(String text, Schema schema) {
    }

    private final Map<String, TreeMap<Integer, Version>> subjects = new TreeMap<>();
    private final Map<Integer, Stored> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByText = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private final CompatibilityLevel defaultLevel;
    private CompatibilityLevel globalLevel;
    private int maxId;

    RegistryState(CompatibilityLevel defaultLevel) {
        this.defaultLevel = defaultLevel;
    }

    synchronized void apply(StoreRecord record) {
        if (record instanceof StoreRecord.SchemaVersion v) {
            applySchema(v);
        } else if (record instanceof StoreRecord.SchemaVersionRemoved r) {
            TreeMap<Integer, Version> versions = subjects.get(r.subject());
            Version removed = versions == null ? null : versions.remove(r.version());
            if (versions != null && versions.isEmpty()) {
                subjects.remove(r.subject());
            }
            if (removed != null && !isReferenced(removed.id())) {
                Stored stored = schemasById.remove(removed.id());
                if (stored != null) {
                    idsByText.remove(stored.text(), removed.id());
                }
            }
        } else if (record instanceof StoreRecord.Compatibility c) {
            if (c.subject() == null) {
                globalLevel = c.level();
            } else if (c.level() == null) {
                subjectLevels.remove(c.subject());
            } else {
                subjectLevels.put(c.subject(), c.level());
            }
        } else if (record instanceof StoreRecord.SubjectDeleted d) {
            TreeMap<Integer, Version> versions = subjects.get(d.subject());
            if (versions != null) {
                versions.replaceAll((number, v) -> number <= d.version() ? new Version(v.subject(), number, v.id(), true) : v);
            }
        }
    }

    private void applySchema(StoreRecord.SchemaVersion v) {
        // Ids of every kind of schema are reserved, even those this registry does not serve.
        maxId = Math.max(maxId, v.id());
        if (!StoreRecord.SchemaVersion.AVRO.equals(v.schemaType())) {
            log.warn("Skipping {} schema id {} of subject {}: only Avro schemas are served", v.schemaType(), v.id(), v.subject());
            return;
        }
        Stored stored = schemasById.get(v.id());
        if (stored == null) {
            try {
                Schema schema = CanonicalSchema.parse(v.schema());
                stored = new Stored(CanonicalSchema.of(schema), schema);
            } catch (RuntimeException e) {
                log.warn("Skipping schema id {} of subject {}: it does not parse: {}", v.id(), v.subject(), e.getMessage());
                return;
            }
            schemasById.put(v.id(), stored);
            idsByText.putIfAbsent(stored.text(), v.id());
        } else if (!stored.text().equals(CanonicalSchema.of(v.schema()))) {
            // Two writers gave one id to different schemas; the first one keeps it.
            log.warn("Schema id {} of {} version {} names another schema than it did before; keeping the first",
                v.id(), v.subject(), v.version());
        }
        subjects.computeIfAbsent(v.subject(), s -> new TreeMap<>())
            .put(v.version(), new Version(v.subject(), v.version(), v.id(), v.deleted()));
    }

    private boolean isReferenced(int id) {
        return subjects.values().stream().flatMap(versions -> versions.values().stream()).anyMatch(v -> v.id() == id);
    }

    /** Subjects with a live version, or with any version when {@code deleted}. */
    synchronized List<String> subjects(boolean deleted) {
        List<String> names = new ArrayList<>();
        subjects.forEach((name, versions) -> {
            if (deleted || versions.values().stream().anyMatch(v -> !v.deleted())) {
                names.add(name);
            }
        });
        return names;
    }

    /** Versions of {@code subject}, oldest first: the live ones, or all when {@code deleted}. */
    synchronized List<Version> versions(String subject, boolean deleted) {
        List<Version> list = new ArrayList<>();
        for (Version v : subjects.getOrDefault(subject, new TreeMap<>()).values()) {
            if (deleted || !v.deleted()) {
                list.add(v);
            }
        }
        return list;
    }

    /** Every version, of any subject, that has schema {@code id}. */
    synchronized List<Version> versionsWithId(int id, boolean deleted) {
        List<Version> list = new ArrayList<>();
        subjects.values().forEach(versions -> versions.values().forEach(v -> {
            if (v.id() == id && (deleted || !v.deleted())) {
                list.add(v);
            }
        }));
        return list;
    }

    /** The highest version number the subject has had, deleted or not; 0 for none. */
    synchronized int maxVersion(String subject) {
        TreeMap<Integer, Version> versions = subjects.get(subject);
        return versions == null || versions.isEmpty() ? 0 : versions.lastKey();
    }

    synchronized Optional<String> schemaText(int id) {
        Stored stored = schemasById.get(id);
        return stored == null ? Optional.empty() : Optional.of(stored.text());
    }

    synchronized Optional<Schema> schema(int id) {
        Stored stored = schemasById.get(id);
        return stored == null ? Optional.empty() : Optional.of(stored.schema());
    }

    synchronized Optional<Integer> idOf(String canonicalText) {
        return Optional.ofNullable(idsByText.get(canonicalText));
    }

    /** The id the next new schema gets: one past every id the log has ever used. */
    synchronized int nextId() {
        return maxId + 1;
    }

    synchronized CompatibilityLevel globalLevel() {
        return globalLevel == null ? defaultLevel : globalLevel;
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    /** The level that governs {@code subject}. */
    synchronized CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel());
    }
}
