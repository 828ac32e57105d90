package io.claimstream.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Which earlier versions of a subject a new schema must be compatible with, and in which
 * direction, as Confluent Schema Registry defines the levels. The checks are Avro's own
 * {@link SchemaCompatibility}.
 */
public enum CompatibilityLevel {
    /** Anything goes. */
    NONE(false, false, false),
    /** Consumers on the new schema read data written with the latest one. */
    BACKWARD(true, false, false),
    /** Consumers on the new schema read data written with every earlier one. */
    BACKWARD_TRANSITIVE(true, false, true),
    /** Consumers on the latest schema read data written with the new one. */
    FORWARD(false, true, false),
    /** Consumers on every earlier schema read data written with the new one. */
    FORWARD_TRANSITIVE(false, true, true),
    /** BACKWARD and FORWARD. */
    FULL(true, true, false),
    /** BACKWARD_TRANSITIVE and FORWARD_TRANSITIVE. */
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /**
     * Parses a level name as the registry API spells it (case-insensitive).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static CompatibilityLevel parse(String name) {
        if (name == null) {
            throw new IllegalArgumentException("compatibility level missing");
        }
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    /**
     * Why {@code candidate} may not follow {@code previous} (oldest first) at this level; empty
     * when it may. Non-transitive levels look at the latest version only.
     */
    public List<String> incompatibilities(Schema candidate, List<Schema> previous) {
        List<String> problems = new ArrayList<>();
        if (previous.isEmpty()) {
            return problems;
        }
        int from = transitive ? 0 : previous.size() - 1;
        for (int i = previous.size() - 1; i >= from; i--) {
            Schema earlier = previous.get(i);
            String against = transitive ? "schema #" + (i + 1) + " of " + previous.size() : "the latest schema";
            if (backward) {
                describe(problems, "reading data written with " + against,
                    SchemaCompatibility.checkReaderWriterCompatibility(candidate, earlier));
            }
            if (forward) {
                describe(problems, "being read by consumers of " + against,
                    SchemaCompatibility.checkReaderWriterCompatibility(earlier, candidate));
            }
        }
        return problems;
    }

    /** Like {@link #incompatibilities}, against one chosen version only (an explicit compatibility test). */
    List<String> incompatibilitiesWith(Schema candidate, Schema version) {
        return nonTransitive().incompatibilities(candidate, List.of(version));
    }

    private CompatibilityLevel nonTransitive() {
        return switch (this) {
            case BACKWARD_TRANSITIVE -> BACKWARD;
            case FORWARD_TRANSITIVE -> FORWARD;
            case FULL_TRANSITIVE -> FULL;
            default -> this;
        };
    }

    private static void describe(List<String> problems, String direction,
                                 SchemaCompatibility.SchemaPairCompatibility result) {
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            problems.add(incompatibility.getType() + " at " + incompatibility.getLocation() + " when "
                + direction + ": " + incompatibility.getMessage());
        }
    }
}
