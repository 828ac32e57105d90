package io.claimstream.bench;

import java.util.Locale;

/**
 * One number a benchmark measured, with the target the project holds it to (null when it is
 * reported for information only) and a note on what it counts.
 */
public record Metric(String name, double value, String unit, Target target, String note) {

    /** Whether a measured value meets its target. */
    public enum Verdict { PASS, FAIL, INFO }

    public Metric {
        note = note == null ? "" : note;
    }

    public static Metric info(String name, double value, String unit, String note) {
        return new Metric(name, value, unit, null, note);
    }

    public static Metric held(String name, double value, String unit, Target target, String note) {
        return new Metric(name, value, unit, target, note);
    }

    public Verdict verdict() {
        if (target == null) {
            return Verdict.INFO;
        }
        return target.isMetBy(value) ? Verdict.PASS : Verdict.FAIL;
    }

    /** The value with as many decimals as its size deserves, and its unit. */
    public String formattedValue() {
        double magnitude = Math.abs(value);
        String number = magnitude >= 100 || value == Math.rint(value) ? String.format(Locale.ROOT, "%,.0f", value)
            : magnitude >= 10 ? String.format(Locale.ROOT, "%.1f", value)
            : String.format(Locale.ROOT, "%.2f", value);
        return unit.isEmpty() ? number : number + " " + unit;
    }

    /** One tab-separated line, as a benchmark JVM hands its results to the suite. */
    String toLine() {
        return String.join("\t", clean(name), Double.toString(value), clean(unit),
            target == null ? "" : target.comparison().name(), target == null ? "" : Double.toString(target.bound()),
            clean(note));
    }

    static Metric fromLine(String line) {
        String[] cells = line.split("\t", -1);
        if (cells.length != 6) {
            throw new IllegalArgumentException("not a metric line: " + line);
        }
        Target target = cells[3].isEmpty() ? null
            : new Target(Target.Comparison.valueOf(cells[3]), Double.parseDouble(cells[4]));
        return new Metric(cells[0], Double.parseDouble(cells[1]), cells[2], target, cells[5]);
    }

    private static String clean(String text) {
        return text.replace('\t', ' ').replace('\n', ' ');
    }
}
