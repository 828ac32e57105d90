package io.claimstream.status;

import java.util.Map;

/**
 * A page of the subject list: the subjects whose key starts with {@code prefix}, in
 * {@code order}, after the place {@code after} names (exclusive; empty for the first page; in
 * key order a key), at most {@code limit}.
 *
 * <p>Keys are ordered by their UTF-8 bytes, as the state store orders them.
 */
record SubjectQuery(String prefix, String after, int limit, SubjectOrder order) {

    static final int DEFAULT_LIMIT = 20;
    /** A subject holds up to a few hundred claims with their sources: a page stays a few MB at most. */
    static final int MAX_LIMIT = 100;
    /** Longer than any subject key; a longer parameter is a mistake, not a key. */
    static final int MAX_KEY_LENGTH = 500;

    SubjectQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        checkLength("prefix", prefix);
        checkLength("after", after);
        order.after(after); // a cursor of another order is a 400 before any store is asked
    }

    /** A query in key order, as the API had only that. */
    SubjectQuery(String prefix, String after, int limit) {
        this(prefix, after, limit, SubjectOrder.KEY);
    }

    /** The query of {@code prefix}, {@code after}, {@code limit} and {@code order} request parameters, each optional. */
    static SubjectQuery of(Map<String, String> parameters) {
        String limit = parameters.getOrDefault("limit", "");
        int parsed;
        if (limit.isEmpty()) {
            parsed = DEFAULT_LIMIT;
        } else {
            try {
                parsed = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("limit must be a whole number between 1 and " + MAX_LIMIT + ", not '"
                    + abbreviate(limit) + "'");
            }
        }
        return new SubjectQuery(parameters.getOrDefault("prefix", ""), parameters.getOrDefault("after", ""), parsed,
            SubjectOrder.of(parameters.get("order")));
    }

    /** Where a scan of the sorted keys starts: the prefix, or {@code after} when that comes later. */
    String scanFrom() {
        return SubjectKeyOrder.compare(after, prefix) > 0 ? after : prefix;
    }

    /** Whether {@code key}, met in a scan from {@link #scanFrom()}, belongs on the page. */
    boolean admits(String key) {
        return key.startsWith(prefix) && !key.equals(after);
    }

    /** Whether a scan from {@link #scanFrom()} has passed the last key with the prefix. */
    boolean passed(String key) {
        return !key.startsWith(prefix);
    }

    static void checkLength(String name, String value) {
        if (value.length() > MAX_KEY_LENGTH) {
            throw ApiException.badRequest(name + " is longer than " + MAX_KEY_LENGTH + " characters");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "...";
    }
}
