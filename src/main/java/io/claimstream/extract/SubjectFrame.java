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
        StringBuilder sb = new StringBuilder(thing.replace('_', ' ').replace('-', ' '));
        if (!event.equals(NONE)) {
            sb.append(' ').append(event.replace('-', ' '));
        }
        if (!entity.equals(NONE)) {
            sb.append(" (").append(entity.replace('-', ' ')).append(')');
        }
        if (!place.isEmpty()) {
            sb.append(" in ").append(place.replace('-', ' '));
        }
        if (!period.isEmpty()) {
            sb.append(", ").append(period);
        }
        return sb.toString();
    }
}
