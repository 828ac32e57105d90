package io.claimstream.extract;

import java.time.Duration;
import java.util.Objects;

/**
 * What one article may cost the extractor, so that no text, however hostile, holds up the
 * articles after it: the text read (in UTF-8 bytes; the rest is not looked at), the claims kept
 * (numbers beyond them are not claims) and the time spent (checked between sentences; the
 * extractor stops with what it has).
 *
 * @param maxTextBytes UTF-8 bytes of an article's text that are read; a longer text is cut at a word boundary
 * @param maxClaims claims kept per article; recognition stops once it has them
 * @param timeBudget time one article may take; past it the extractor stops with what it has
 */
public record ExtractionLimits(int maxTextBytes, int maxClaims, Duration timeBudget) {

    /** 1 MiB, 500 claims, 2 seconds: five times the ingester's longest article, well inside a transaction. */
    public static final ExtractionLimits DEFAULT = new ExtractionLimits(1 << 20, 500, Duration.ofSeconds(2));

    public ExtractionLimits {
        Objects.requireNonNull(timeBudget, "timeBudget");
        if (maxTextBytes < 1 || maxClaims < 1 || timeBudget.isNegative() || timeBudget.isZero()) {
            throw new IllegalArgumentException("limits must be positive: " + maxTextBytes + " bytes, " + maxClaims
                + " claims, " + timeBudget);
        }
    }

    /** Why an article's extraction stopped short, as its metrics and logs name it. */
    public enum Truncation {
        /** The text was longer than {@link #maxTextBytes()}, or the headline than 4 KiB: only their start was read. */
        TEXT_BYTES("text-bytes"),
        /** The article held more than {@link #maxClaims()} claims: the later figures were not read. */
        MAX_CLAIMS("max-claims"),
        /** The time budget ran out: the sentences after that point were not read. */
        TIME_BUDGET("time-budget"),
        /** A rule failed on some figures: those were dropped, the others kept. */
        FAILED_FIGURES("failed-figures");

        private final String label;

        Truncation(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
