package io.claimstream.status;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The page of one subject ({@code /subject/<key>}, a permalink): its figures over time in one
 * chart per unit, each figure marked where each of its sources reported it, and every figure
 * with its claimants and sources listed. Drawn on the server as HTML with inline SVG, so it
 * needs no script and shows the same to whoever opens the link.
 */
final class SubjectView {

    /** The chart's size and margins, in SVG units (pixels at 100 %). */
    private static final int WIDTH = 760;
    private static final int HEIGHT = 300;
    private static final int LEFT = 72;
    private static final int RIGHT = 56;
    private static final int TOP = 24;
    private static final int BOTTOM = 52;
    private static final int MAX_TIME_TICKS = 7;
    private static final int VALUE_TICKS = 5;
    private static final int COLOURS = 8; // .c0 … .c7 in status.css
    /** Beyond this many figures in one chart their labels would cover each other: the list below names them. */
    private static final int MAX_VALUE_LABELS = 12;

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH)
        .withZone(ZoneOffset.UTC);
    private static final Map<String, String> QUALIFIERS = Map.of("EXACT", "", "APPROXIMATE", "~", "AT_LEAST", ">", "AT_MOST", "<");
    private static final Map<String, String> QUALIFIER_WORDS = Map.of("EXACT", "exactly", "APPROXIMATE", "about",
        "AT_LEAST", "at least", "AT_MOST", "at most");
    private static final Map<String, String> CHANGES = Map.of("UP", "▲ ", "DOWN", "▼ ");

    private SubjectView() {
    }

    /** The way from {@code /subject/<key>} back to the server's root, as a relative path (the server may sit behind a prefix). */
    static String base(String rawPath) {
        int depth = (int) rawPath.chars().filter(c -> c == '/').count() - 1;
        return depth <= 0 ? "./" : "../".repeat(depth);
    }

    /** The page of {@code subject}, an object of the subject API. */
    static String render(JsonNode subject, String base) {
        String name = subject.path("subject").asText();
        String key = subject.path("subject_key").asText();
        List<JsonNode> claims = new ArrayList<>();
        subject.path("claims").forEach(claims::add);
        long mentions = claims.stream().mapToLong(c -> c.path("mentions").asLong()).sum();
        StringBuilder html = Html.page(name + " — claimstream", base, "subject-page", 0);
        html.append("<header>\n<nav class=\"crumbs\"><a href=\"").append(base).append("\">← All subjects</a></nav>\n")
            .append("<h1>").append(Html.text(name)).append("</h1>\n")
            .append("<p><code class=\"key\">").append(Html.text(key)).append("</code></p>\n")
            .append("<p class=\"meta\">").append(count(claims.size(), "figure")).append(" · ").append(count(mentions, "mention"))
            .append(" · updated ").append(time(subject.path("updated").asText())).append("</p>\n");
        long listed = claims.size();
        long total = subject.path("claim_count").asLong(listed);
        if (total > listed) {
            html.append("<p class=\"warning\">").append(total - listed)
                .append(" more figures are held but left out of this record by its size bound.</p>\n");
        }
        html.append("</header>\n<main>\n");
        Map<String, List<Integer>> byUnit = new LinkedHashMap<>();
        for (int i = 0; i < claims.size(); i++) {
            byUnit.computeIfAbsent(claims.get(i).path("unit").asText(), u -> new ArrayList<>()).add(i);
        }
        html.append("<section class=\"charts\" aria-label=\"Figures over time\">\n");
        byUnit.forEach((unit, indexes) -> chart(html, name, unit, claims, indexes));
        html.append("</section>\n<section class=\"figures\">\n<h2>Figures and where they were reported</h2>\n");
        for (int i = 0; i < claims.size(); i++) {
            figure(html, claims.get(i), i);
        }
        html.append("</section>\n</main>\n")
            .append("<footer><p class=\"quiet\">The same as JSON: <a href=\"").append(base).append("api/subjects/")
            .append(Html.text(PeerClient.encode(key))).append("\">api/subjects/").append(Html.text(key))
            .append("</a>. Times are when the articles were published, in UTC.</p></footer>\n</body>\n</html>\n");
        return html.toString();
    }

    /** A page saying why there is no subject to show: unknown (404), or the store not answering yet (503). */
    static String problem(int status, String message, String base, int retrySeconds) {
        String title = switch (status) {
            case 404 -> "No such subject";
            case 400 -> "Not a subject key";
            default -> "Not available now";
        };
        StringBuilder html = Html.page(title + " — claimstream", base, "subject-page", retrySeconds);
        html.append("<header>\n<nav class=\"crumbs\"><a href=\"").append(base).append("\">← All subjects</a></nav>\n")
            .append("<h1>").append(title).append("</h1>\n</header>\n<main>\n<p class=\"problem\">").append(Html.text(message))
            .append(retrySeconds > 0 ? (message.endsWith(".") ? "" : ".") + " This page reloads in " + retrySeconds + " s." : "").append("</p>\n</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void chart(StringBuilder html, String subject, String unit, List<JsonNode> claims, List<Integer> indexes) {
        List<Instant> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        int points = 0;
        for (int i : indexes) {
            JsonNode claim = claims.get(i);
            times.add(instant(claim.path("first_seen")));
            times.add(instant(claim.path("last_seen")));
            for (JsonNode source : claim.path("sources")) {
                times.add(instant(source.path("published")));
                points++;
            }
            values.add(claim.path("value").asDouble());
            if (claim.hasNonNull("value_high")) {
                values.add(claim.path("value_high").asDouble());
            }
        }
        Instant first = times.stream().min(Instant::compareTo).orElseThrow();
        Instant last = times.stream().max(Instant::compareTo).orElseThrow();
        TimeAxis time = TimeAxis.covering(first, last, MAX_TIME_TICKS);
        ValueAxis value = ValueAxis.covering(values, unit, VALUE_TICKS);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        java.util.function.Function<Instant, Double> x = t -> LEFT + time.position(t) * plotWidth;
        java.util.function.DoubleUnaryOperator y = v -> TOP + (1 - value.position(v)) * plotHeight;
        double bottom = HEIGHT - BOTTOM;
        String label = "Figures for " + subject + " in " + unit + " over time";

        html.append("<figure class=\"chart-block\">\n<svg class=\"chart timeline\" viewBox=\"0 0 ").append(WIDTH).append(' ')
            .append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
            .append("\" role=\"img\" aria-label=\"").append(Html.text(label)).append("\" data-unit=\"").append(Html.text(unit))
            .append("\" data-points=\"").append(points).append("\">\n<title>").append(Html.text(label)).append("</title>\n");
        html.append("<g class=\"value-axis\">\n");
        for (ValueAxis.Tick tick : value.ticks()) {
            double at = y.applyAsDouble(tick.value());
            html.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                .append(num(at)).append("\" y2=\"").append(num(at)).append("\"/>")
                .append("<text class=\"tick\" x=\"").append(LEFT - 8).append("\" y=\"").append(num(at + 4))
                .append("\" text-anchor=\"end\">").append(Html.text(tick.label())).append("</text>\n");
        }
        html.append("<text class=\"unit\" x=\"").append(LEFT - 8).append("\" y=\"").append(TOP - 10)
            .append("\" text-anchor=\"end\">").append(Html.text(unit)).append("</text>\n</g>\n");
        html.append("<g class=\"time-axis\">\n<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
            .append("\" y1=\"").append(num(bottom)).append("\" y2=\"").append(num(bottom)).append("\"/>\n");
        for (TimeAxis.Tick tick : time.ticks()) {
            double at = x.apply(tick.at());
            html.append("<line class=\"axis\" x1=\"").append(num(at)).append("\" x2=\"").append(num(at)).append("\" y1=\"")
                .append(num(bottom)).append("\" y2=\"").append(num(bottom + 5)).append("\"/>")
                .append("<text class=\"tick\" x=\"").append(num(at)).append("\" y=\"").append(num(bottom + 18))
                .append("\" text-anchor=\"middle\"><title>").append(MINUTE.format(tick.at())).append("</title>")
                .append(Html.text(tick.label())).append("</text>\n");
        }
        html.append("<text class=\"unit\" x=\"").append(num(LEFT + plotWidth / 2)).append("\" y=\"").append(HEIGHT - 8)
            .append("\" text-anchor=\"middle\">published (UTC)</text>\n</g>\n");
        for (int i : indexes) {
            marks(html, claims.get(i), i, x, y, indexes.size() <= MAX_VALUE_LABELS);
        }
        html.append("</svg>\n<figcaption>").append(Html.text(unit)).append(": ").append(count(indexes.size(), "figure"))
            .append(", ").append(count(points, "report")).append(" marked; hover over a mark for its source.</figcaption>\n</figure>\n");
    }

    private static void marks(StringBuilder html, JsonNode claim, int index, java.util.function.Function<Instant, Double> x,
                              java.util.function.DoubleUnaryOperator y, boolean labelled) {
        String figure = figure(claim);
        double from = x.apply(instant(claim.path("first_seen")));
        double to = x.apply(instant(claim.path("last_seen")));
        double at = y.applyAsDouble(claim.path("value").asDouble());
        html.append("<g class=\"claim c").append(index % COLOURS).append("\" data-claim-key=\"")
            .append(Html.text(claim.path("claim_key").asText())).append("\">\n<title>").append(Html.text(figure)).append(", ")
            .append(count(claim.path("mentions").asLong(), "mention")).append("</title>\n");
        if (claim.hasNonNull("value_high")) {
            double high = y.applyAsDouble(claim.path("value_high").asDouble());
            html.append("<rect class=\"range\" x=\"").append(num(from - 4)).append("\" width=\"").append(num(Math.max(8, to - from + 8)))
                .append("\" y=\"").append(num(high)).append("\" height=\"").append(num(Math.max(1, at - high))).append("\"/>\n");
        }
        html.append("<line class=\"span\" x1=\"").append(num(from)).append("\" x2=\"").append(num(to)).append("\" y1=\"")
            .append(num(at)).append("\" y2=\"").append(num(at)).append("\"/>\n");
        for (JsonNode source : claim.path("sources")) {
            String href = Html.href(source.path("link").asText(null));
            String tip = source.path("source").asText() + ": " + figure + ", " + MINUTE.format(instant(source.path("published")));
            if (href != null) {
                html.append("<a href=\"").append(href).append("\" target=\"_blank\" rel=\"noopener noreferrer nofollow\">");
            }
            html.append("<circle class=\"point\" r=\"5\" cx=\"").append(num(x.apply(instant(source.path("published")))))
                .append("\" cy=\"").append(num(at)).append("\"><title>").append(Html.text(tip)).append("</title></circle>");
            html.append(href != null ? "</a>\n" : "\n");
        }
        if (labelled) {
            html.append("<text class=\"value-label\" x=\"").append(num(from + 8)).append("\" y=\"").append(num(at - 9)).append("\">")
                .append(Html.text(figure)).append("</text>\n");
        }
        html.append("</g>\n");
    }

    private static void figure(StringBuilder html, JsonNode claim, int index) {
        String qualifier = claim.path("qualifier").asText();
        String stated = QUALIFIER_WORDS.getOrDefault(qualifier, "") + " " + number(claim.path("value").asDouble())
            + (claim.hasNonNull("value_high") ? " to " + number(claim.path("value_high").asDouble()) : "") + " "
            + claim.path("unit").asText() + (claim.hasNonNull("change") ? " (" + claim.path("change").asText().toLowerCase(Locale.ROOT)
            + ")" : "") + ", " + claim.path("kind").asText();
        List<String> claimants = new ArrayList<>();
        claim.path("claimants").forEach(c -> claimants.add(c.asText()));
        long mentions = claim.path("mentions").asLong();
        long outlets = claim.path("outlets").asLong();
        html.append("<article class=\"figure\" data-claim-key=\"").append(Html.text(claim.path("claim_key").asText())).append("\">\n")
            .append("<h3><span class=\"swatch c").append(index % COLOURS).append("\" aria-hidden=\"true\"></span><span title=\"")
            .append(Html.text(stated.strip())).append("\">").append(Html.text(figure(claim))).append("</span></h3>\n")
            .append("<p class=\"meta\">").append(claimants.isEmpty() ? "in the outlet's own words"
                : "claimed by " + Html.text(String.join(", ", claimants)))
            .append(" · ").append(count(mentions, "mention"))
            .append(outlets > 0 ? " in " + count(outlets, "outlet") : "")
            .append(" · first ").append(time(claim.path("first_seen").asText()))
            .append(" · latest ").append(time(claim.path("last_seen").asText())).append("</p>\n<ul class=\"sources\">\n");
        int listed = 0;
        for (JsonNode source : claim.path("sources")) {
            listed++;
            String href = Html.href(source.path("link").asText(null));
            String title = firstNonEmpty(source.path("title").asText(""), source.path("article_id").asText(""),
                source.path("link").asText("")); // an empty article_id means the article is known by its link
            html.append("<li class=\"source\"><span class=\"outlet\">").append(Html.text(source.path("source").asText()))
                .append("</span>: ");
            if (href != null) {
                html.append("<a href=\"").append(href).append("\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">")
                    .append(Html.text(title)).append("</a>");
            } else {
                html.append("<span class=\"title\">").append(Html.text(title)).append("</span>");
            }
            html.append(" <span class=\"quiet\">(").append(time(source.path("published").asText()));
            if (source.hasNonNull("claimant")) {
                html.append(", ").append(Html.text(source.path("claimant").asText()));
            }
            if (source.hasNonNull("span")) {
                html.append(", “").append(Html.text(source.path("span").asText())).append("”");
            }
            html.append(")</span></li>\n");
        }
        if (mentions > listed) {
            html.append("<li class=\"quiet\">and ").append(mentions - listed)
                .append(" more between them (the record lists the first and the latest)</li>\n");
        }
        html.append("</ul>\n</article>\n");
    }

    /** A figure as the page shows it: change, qualifier, value (or range), unit: "~250,000 soldier", "▲ 12 percent". */
    static String figure(JsonNode claim) {
        String range = claim.hasNonNull("value_high") ? "–" + number(claim.path("value_high").asDouble()) : "";
        return CHANGES.getOrDefault(claim.path("change").asText(), "") + QUALIFIERS.getOrDefault(claim.path("qualifier").asText(), "")
            + number(claim.path("value").asDouble()) + range + " " + claim.path("unit").asText();
    }

    private static String number(double value) {
        NumberFormat format = NumberFormat.getNumberInstance(Locale.US);
        format.setMaximumFractionDigits(4);
        return format.format(value);
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String time(String iso) {
        Instant at;
        try {
            at = Instant.parse(iso);
        } catch (RuntimeException e) {
            return Html.text(iso);
        }
        return "<time datetime=\"" + Html.text(iso) + "\">" + MINUTE.format(at) + "</time>";
    }

    private static Instant instant(JsonNode iso) {
        try {
            return Instant.parse(iso.asText());
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    /** An SVG coordinate, to a tenth: enough for the eye, short in the page. */
    private static String num(double v) {
        return String.valueOf(Math.round(v * 10) / 10.0);
    }

    private static String firstNonEmpty(String... texts) {
        for (String t : texts) {
            if (!t.isEmpty()) {
                return t;
            }
        }
        return "";
    }
}
