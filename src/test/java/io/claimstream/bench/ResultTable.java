package io.claimstream.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The suite's results as one table, in plain text for the terminal and in Markdown for the docs. */
final class ResultTable {

    private static final String[] HEADER = {"part", "metric", "value", "target", "result"};

    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    ResultTable(Map<BenchmarkSuite.Part, List<Metric>> results) {
        results.forEach((part, metrics) -> {
            for (Metric m : metrics) {
                String marker = "";
                if (!m.note().isEmpty()) {
                    notes.add(m.note());
                    marker = " [" + notes.size() + "]";
                }
                rows.add(new String[] {part.id, m.name() + marker, m.formattedValue(),
                    m.target() == null ? "" : m.target().describe(m.unit()),
                    m.verdict() == Metric.Verdict.INFO ? "" : m.verdict().name().toLowerCase()});
            }
        });
    }

    String text() {
        int[] widths = new int[HEADER.length];
        for (int i = 0; i < HEADER.length; i++) {
            widths[i] = HEADER[i].length();
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, HEADER, widths);
        StringBuilder rule = new StringBuilder();
        for (int w : widths) {
            rule.append("-".repeat(w)).append("  ");
        }
        out.append(rule.toString().stripTrailing()).append('\n');
        rows.forEach(r -> appendRow(out, r, widths));
        out.append('\n');
        for (int i = 0; i < notes.size(); i++) {
            out.append('[').append(i + 1).append("] ").append(notes.get(i)).append('\n');
        }
        return out.toString();
    }

    String markdown() {
        StringBuilder out = new StringBuilder("| " + String.join(" | ", HEADER) + " |\n|---|---|--:|---|---|\n");
        for (String[] row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        out.append('\n');
        for (int i = 0; i < notes.size(); i++) {
            out.append(i + 1).append(". ").append(notes.get(i)).append('\n');
        }
        return out.toString();
    }

    private static void appendRow(StringBuilder out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i];
            // Values read best aligned right, words left.
            line.append(i == 2 ? " ".repeat(widths[i] - cell.length()) + cell : cell + " ".repeat(widths[i] - cell.length()));
            line.append("  ");
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
