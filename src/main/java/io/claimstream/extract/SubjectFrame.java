package io.claimstream.extract;

/**
 * The slots of one subject as {@link SubjectKeys} fills them: the holder ({@code entity}), the
 * measure ({@code thing} and {@code event}), the scope ({@code place}) and the period, and the
 * sentence they were found in (for claims that refer back to it). {@link #key()} renders the
 * subject key and {@link #label()} the readable subject.
 */
record SubjectFrame(String entity, String thing, String event, String place, String period, int sentence) {

    /** An empty slot: no holder, no event. */
    static final String NONE = "-";

    /**
     * {@code holder/measure[/scope][@period]}, the frame of DESIGN.md: the measure is what is
     * counted and what happened to it ("person-killed", "revenue-change"). Whoever changes
     * what this renders bumps {@link SubjectKeyScheme#VERSION}.
     */
    String key() {
        return entity + "/" + thing + (event.equals(NONE) ? "" : "-" + event) + (place.isEmpty() ? "" : "/" + place)
            + (period.isEmpty() ? "" : "@" + period);
    }

    String label() {
        // One builder for the whole label: the slots' hyphens (and the measure's underscores) become
        // spaces as they are copied, with no intermediate string per slot.
        StringBuilder sb = new StringBuilder(thing.length() + entity.length() + event.length() + place.length()
            + period.length() + 8);
        appendSpaced(sb, thing, true);
        if (!event.equals(NONE)) {
            appendSpaced(sb.append(' '), event, false);
        }
        if (!entity.equals(NONE)) {
            appendSpaced(sb.append(" ("), entity, false).append(')');
        }
        if (!place.isEmpty()) {
            appendSpaced(sb.append(" in "), place, false);
        }
        if (!period.isEmpty()) {
            sb.append(", ").append(period);
        }
        return sb.toString();
    }

    /** Appends {@code slot} with each '-' (and, with {@code underscores}, each '_') as a space. */
    private static StringBuilder appendSpaced(StringBuilder sb, String slot, boolean underscores) {
        for (int i = 0; i < slot.length(); i++) {
            char c = slot.charAt(i);
            sb.append(c == '-' || underscores && c == '_' ? ' ' : c);
        }
        return sb;
    }
}
