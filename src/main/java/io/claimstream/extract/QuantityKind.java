package io.claimstream.extract;

import java.util.Locale;

/**
 * What a recognised number is. The first five are numeric claims; the others are numbers the
 * extractor recognises and rejects (reported only with --all-quantities).
 */
public enum QuantityKind {
    COUNT(true),
    MONEY(true),
    MEASURE(true),
    PERCENT(true),
    FRACTION(true),
    DATE(false),
    YEAR(false),
    TIME(false),
    DURATION(false),
    AGE(false),
    ORDINAL(false),
    RANK(false),
    IDENTIFIER(false),
    PHONE(false),
    ADDRESS(false),
    LIST_NUMBER(false),
    SCORE(false),
    /** A magnitude without a number ("tens of millions"): reported with --all-quantities, never a claim. */
    VAGUE(false);

    private final boolean claim;

    QuantityKind(boolean claim) {
        this.claim = claim;
    }

    public boolean isClaim() {
        return claim;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
