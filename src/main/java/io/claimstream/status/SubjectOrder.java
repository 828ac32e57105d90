package io.claimstream.status;

import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;

/**
 * The orders the subject list comes in. Each is total (ties fall back to the key), so that a
 * page ends at one place and the next page starts right after it, across partitions and
 * instances; the {@code after} of a page is a cursor that names that place:
 *
 * <ul>
 * <li>{@code key}: by key, as the store holds them (UTF-8 bytes); the cursor is the last key;
 * <li>{@code recent}: the subjects whose claims changed last first, and of those changed at the
 *     same time (one article often gives several subjects) the most mentioned; the cursor is
 *     {@code <updated epoch millis>|<mentions>|<key>};
 * <li>{@code reported}: the most mentions first, then the most recent; the cursor is
 *     {@code <mentions>|<updated epoch millis>|<key>}.
 * </ul>
 *
 * <p>A subject that changes while someone pages through {@code recent} or {@code reported}
 * moves: it may then show on two pages, or on none, as with any list ordered by what changes.
 */
enum SubjectOrder {

    KEY(Comparator.comparing(SubjectRank::key, SubjectKeyOrder.ORDER)),
    RECENT(Comparator.comparing(SubjectRank::updated).reversed()
        .thenComparing(Comparator.comparingLong(SubjectRank::mentions).reversed())
        .thenComparing(SubjectRank::key, SubjectKeyOrder.ORDER)),
    REPORTED(Comparator.comparingLong(SubjectRank::mentions).reversed()
        .thenComparing(Comparator.comparing(SubjectRank::updated).reversed())
        .thenComparing(SubjectRank::key, SubjectKeyOrder.ORDER));

    private static final char SEPARATOR = '|';

    private final Comparator<SubjectRank> comparator;

    SubjectOrder(Comparator<SubjectRank> comparator) {
        this.comparator = comparator;
    }

    Comparator<SubjectRank> comparator() {
        return comparator;
    }

    /** The name the API and the page use: {@code key}, {@code recent}, {@code reported}. */
    String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The order named by an {@code order} parameter; empty or absent is {@code key}, as the API had it before. */
    static SubjectOrder of(String parameter) {
        if (parameter == null || parameter.isEmpty()) {
            return KEY;
        }
        for (SubjectOrder order : values()) {
            if (order.parameter().equals(parameter)) {
                return order;
            }
        }
        throw ApiException.badRequest("order must be recent, reported or key, not '"
            + (parameter.length() <= 20 ? parameter : parameter.substring(0, 20) + "...") + "'");
    }

    /** Whether a scan of the store in key order yields this order: only then can a page stop early. */
    boolean followsTheStore() {
        return this == KEY;
    }

    /** The {@code after} that continues a list of this order after {@code rank}. */
    String cursor(SubjectRank rank) {
        return switch (this) {
            case KEY -> rank.key();
            case RECENT -> rank.updated().toEpochMilli() + "" + SEPARATOR + rank.mentions() + SEPARATOR + rank.key();
            case REPORTED -> rank.mentions() + "" + SEPARATOR + rank.updated().toEpochMilli() + SEPARATOR + rank.key();
        };
    }

    /**
     * The rank an {@code after} cursor names, or null for an empty one (the first page).
     *
     * @throws ApiException 400 when the cursor is not one of this order
     */
    SubjectRank after(String cursor) {
        if (cursor.isEmpty()) {
            return null;
        }
        if (this == KEY) {
            return new SubjectRank(cursor, Instant.EPOCH, 0);
        }
        try {
            int first = cursor.indexOf(SEPARATOR);
            int second = cursor.indexOf(SEPARATOR, first + 1);
            if (this == RECENT) {
                return new SubjectRank(cursor.substring(second + 1), Instant.ofEpochMilli(Long.parseLong(cursor.substring(0, first))),
                    Long.parseLong(cursor.substring(first + 1, second)));
            }
            return new SubjectRank(cursor.substring(second + 1),
                Instant.ofEpochMilli(Long.parseLong(cursor.substring(first + 1, second))), Long.parseLong(cursor.substring(0, first)));
        } catch (RuntimeException e) {
            throw ApiException.badRequest("after '" + (cursor.length() <= 40 ? cursor : cursor.substring(0, 40) + "...")
                + "' is not a place in the " + parameter() + " order: pass the next of the previous page");
        }
    }
}
