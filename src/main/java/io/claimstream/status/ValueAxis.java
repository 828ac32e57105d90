package io.claimstream.status;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The value axis of a chart: from zero (or below, for negative figures) to a round number above
 * the largest figure, cut at steps of 1, 2, 2.5 or 5 times a power of ten so that a few ticks
 * (about {@code targetTicks}) fall on it, each labelled briefly in the axis's unit: "250k",
 * "1.5M", "2.5%", "$3bn".
 *
 * @param low the bottom of the axis, a tick
 * @param high the top of the axis, a tick
 * @param ticks from low to high
 */
record ValueAxis(double low, double high, List<Tick> ticks) {

    /** A labelled value on the axis. */
    record Tick(double value, String label) {
    }

    private static final double[] NICE = {1, 2, 2.5, 5, 10};
    private static final String[][] SCALES = {{"1e12", "tn"}, {"1e9", "bn"}, {"1e6", "M"}, {"1e3", "k"}};

    ValueAxis {
        ticks = List.copyOf(ticks);
    }

    /**
     * The axis over {@code values} in {@code unit} (as the claims name it: {@code percent}, an
     * ISO 4217 code in lower case, a counted noun...), with about {@code targetTicks} ticks.
     * Zero is on it, so that figures keep their proportions: 12 and 31 people are not drawn as
     * nothing and everything.
     */
    static ValueAxis covering(List<Double> values, String unit, int targetTicks) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double min = Math.min(0, values.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
        double max = Math.max(0, values.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        if (min == max) { // every figure zero
            max = 1;
        }
        double step = nice((max - min) / Math.max(1, targetTicks - 1));
        long first = (long) Math.floor(min / step + 1e-9);
        long last = (long) Math.ceil(max / step - 1e-9);
        double scale = scale(Math.max(Math.abs(first * step), Math.abs(last * step)));
        int decimals = decimals(step / scale);
        List<Tick> ticks = new ArrayList<>();
        for (long i = first; i <= last; i++) {
            double value = i * step;
            ticks.add(new Tick(value, label(value, scale, decimals, unit)));
        }
        return new ValueAxis(first * step, last * step, ticks);
    }

    /** Where {@code value} falls on the axis, 0 at its bottom and 1 at its top. */
    double position(double value) {
        return (value - low) / (high - low);
    }

    /** The round number (1, 2, 2.5 or 5 times a power of ten) nearest above {@code rough}. */
    static double nice(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double n : NICE) {
            if (n * power >= rough * (1 - 1e-9)) {
                return n * power;
            }
        }
        return 10 * power;
    }

    private static double scale(double largest) {
        for (String[] s : SCALES) {
            if (largest >= Double.parseDouble(s[0])) {
                return Double.parseDouble(s[0]);
            }
        }
        return 1;
    }

    private static String suffix(double scale) {
        for (String[] s : SCALES) {
            if (scale == Double.parseDouble(s[0])) {
                return s[1];
            }
        }
        return "";
    }

    /** Decimals a step needs to show: none for 5 or 50, one for 2.5 or 0.5, two for 0.25. */
    private static int decimals(double step) {
        BigDecimal exact = new BigDecimal(step).setScale(9, RoundingMode.HALF_UP).stripTrailingZeros();
        return Math.max(0, exact.scale());
    }

    /** A figure as a tick shows it, with the unit where it reads as part of a number ("2.5%", "$3bn"). */
    static String label(double value, double scale, int decimals, String unit) {
        BigDecimal rounded = new BigDecimal(value / scale).setScale(decimals, RoundingMode.HALF_UP);
        String sign = rounded.signum() < 0 ? "-" : "";
        // Zero is zero in any scale and precision: "0", not "0k" or "0.00".
        String scaled = rounded.signum() == 0 ? "0" : rounded.abs().toPlainString() + suffix(scale);
        return sign + switch (unit) {
            case "percent" -> scaled + "%";
            case "usd" -> "$" + scaled;
            case "eur" -> "€" + scaled;
            case "gbp" -> "£" + scaled;
            case "jpy" -> "¥" + scaled;
            default -> scaled;
        };
    }
}
