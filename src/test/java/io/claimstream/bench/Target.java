package io.claimstream.bench;

import java.util.Locale;

/** What a metric must reach: at least or below a bound, in the metric's unit. */
public record Target(Comparison comparison, double bound) {

    public enum Comparison { AT_LEAST, BELOW }

    public static Target atLeast(double bound) {
        return new Target(Comparison.AT_LEAST, bound);
    }

    public static Target below(double bound) {
        return new Target(Comparison.BELOW, bound);
    }

    public boolean isMetBy(double value) {
        return comparison == Comparison.AT_LEAST ? value >= bound : value < bound;
    }

    public String describe(String unit) {
        String number = bound == Math.rint(bound) ? String.format(Locale.ROOT, "%,.0f", bound)
            : String.format(Locale.ROOT, "%.2f", bound);
        return (comparison == Comparison.AT_LEAST ? ">= " : "< ") + number + (unit.isEmpty() ? "" : " " + unit);
    }
}
