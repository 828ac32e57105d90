package io.claimstream.status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The operator view ({@code /operator}): how this process is doing, drawn on the server from
 * an {@link OperatorReport}: readiness; the processing application's state, threads, consumer
 * lag and dead letters; the feeds with their last poll, status, errors and backoff. A part the
 * process does not run is named as such, so an ingest-only and a process-only instance each
 * show what applies to them. The page reloads itself every {@value #REFRESH_SECONDS} seconds.
 */
final class OperatorView {

    static final String PATH = "/operator";
    static final int REFRESH_SECONDS = 10;

    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ENGLISH)
        .withZone(ZoneOffset.UTC);
    /** The stages of {@code claimstream_dead_letters_total}, each with what it means, in the order of the data flow. */
    private static final Map<String, String> DEAD_LETTER_STAGES = new TreeMap<>(Map.of(
        "deserialization", "records whose bytes could not be read",
        "processing", "records a processor failed on",
        "production", "records the broker refused to store"));

    private OperatorView() {
    }

    /**
     * The page of {@code report}.
     *
     * @param subjectsServed whether this process serves the subject pages, to link back to them
     */
    static String render(OperatorReport report, boolean subjectsServed) {
        StringBuilder html = Html.page("Operator view — claimstream", "./", "operator-page", REFRESH_SECONDS);
        html.append("<header>\n<nav class=\"crumbs\">");
        if (subjectsServed) {
            html.append("<a href=\"./\">← Subjects</a> · ");
        }
        html.append("<a href=\"metrics\">metrics</a> · <a href=\"health/ready\">health</a></nav>\n")
            .append("<h1>Operator view</h1>\n<p class=\"meta\">This process runs ")
            .append(report.processing() != null && report.ingest() != null ? "the ingester and the processing application"
                : report.processing() != null ? "the processing application only" : "the ingester only")
            .append(". As of ").append(at(report.at())).append("; reloads every ").append(REFRESH_SECONDS).append(" s.</p>\n</header>\n<main>\n");
        readiness(html, report.readiness());
        if (report.processing() != null) {
            processing(html, report.processing());
        } else {
            html.append("<section id=\"processing\"><h2>Processing</h2><p class=\"quiet\">Not run by this process "
                + "(an ingest-only instance): consumer lag, stream state and dead letters are shown by the processing instances.</p></section>\n");
        }
        if (report.ingest() != null) {
            ingest(html, report.ingest(), report.at());
        } else {
            html.append("<section id=\"feeds\"><h2>Feeds</h2><p class=\"quiet\">Not polled by this process "
                + "(a process-only instance): the ingest instances show the feeds.</p></section>\n");
        }
        return html.append("</main>\n</body>\n</html>\n").toString();
    }

    private static void readiness(StringBuilder html, Health health) {
        html.append("<section id=\"readiness\"><h2>Readiness: <span class=\"").append(health.ready() ? "ok\">ready" : "bad\">not ready")
            .append("</span></h2>\n<table class=\"grid\"><thead><tr><th scope=\"col\">Check</th><th scope=\"col\">Result</th></tr></thead><tbody>\n");
        new TreeMap<>(health.checks()).forEach((name, result) -> html.append("<tr><td>").append(Html.text(name)).append("</td><td>")
            .append(Html.text(result)).append("</td></tr>\n"));
        html.append("</tbody></table></section>\n");
    }

    private static void processing(StringBuilder html, OperatorReport.Processing p) {
        html.append("<section id=\"processing\"><h2>Processing</h2>\n<p>Application <code>").append(Html.text(p.applicationId()))
            .append("</code>, Kafka Streams <strong class=\"state ").append(p.state().equals("RUNNING") ? "ok" : "bad").append("\">")
            .append(Html.text(p.state())).append("</strong></p>\n");

        html.append("<h3>Stream threads</h3>\n<table class=\"grid\" id=\"threads\"><thead><tr><th scope=\"col\">Thread</th>"
            + "<th scope=\"col\">State</th><th scope=\"col\" class=\"num\">Active tasks</th><th scope=\"col\" class=\"num\">Standby tasks</th>"
            + "</tr></thead><tbody>\n");
        for (OperatorReport.StreamThread t : p.threads()) {
            html.append("<tr><td>").append(Html.text(t.name())).append("</td><td>").append(Html.text(t.state()))
                .append("</td><td class=\"num\">").append(t.activeTasks()).append("</td><td class=\"num\">").append(t.standbyTasks())
                .append("</td></tr>\n");
        }
        if (p.threads().isEmpty()) {
            html.append("<tr><td colspan=\"4\" class=\"quiet\">none running</td></tr>\n");
        }
        html.append("</tbody></table>\n");

        html.append("<h3>Consumer lag</h3>\n<p class=\"quiet\">Records between this instance's position and the end of each input "
            + "partition it consumes, as its consumer last fetched them.</p>\n<table class=\"grid\" id=\"lag\"><thead><tr>"
            + "<th scope=\"col\">Topic</th><th scope=\"col\" class=\"num\">Partitions here</th><th scope=\"col\" class=\"num\">Records behind</th>"
            + "<th scope=\"col\">Most behind</th></tr></thead><tbody>\n");
        Map<String, List<OperatorReport.Lag>> byTopic = new TreeMap<>();
        p.lag().forEach(l -> byTopic.computeIfAbsent(l.topic(), t -> new ArrayList<>()).add(l));
        byTopic.forEach((topic, lags) -> {
            double total = 0;
            OperatorReport.Lag most = null;
            int known = 0;
            for (OperatorReport.Lag l : lags) {
                if (l.records() != null && !l.records().isNaN()) {
                    known++;
                    total += l.records();
                    if (most == null || l.records() > most.records()) {
                        most = l;
                    }
                }
            }
            html.append("<tr data-topic=\"").append(Html.text(topic)).append("\"><td>").append(Html.text(topic))
                .append("</td><td class=\"num\">").append(lags.size()).append("</td><td class=\"num lag\">")
                .append(known == 0 ? "not known yet" : String.format(Locale.ROOT, "%,d", Math.round(total)))
                .append("</td><td>").append(most == null || most.records() == 0 ? "" : "partition " + most.partition() + ": "
                    + String.format(Locale.ROOT, "%,d", Math.round(most.records())))
                .append("</td></tr>\n");
        });
        if (byTopic.isEmpty()) {
            html.append("<tr><td colspan=\"4\" class=\"quiet\">no partitions assigned to this instance yet</td></tr>\n");
        }
        html.append("</tbody></table>\n");

        html.append("<h3>Dead letters</h3>\n<p class=\"quiet\">Records sent to <code>news.dlq</code> since this process started, "
            + "by the stage that gave up on them (read them with <code>claimstream inspect news.dlq</code>).</p>\n"
            + "<table class=\"grid\" id=\"dead-letters\"><thead><tr><th scope=\"col\">Stage</th><th scope=\"col\">What</th>"
            + "<th scope=\"col\" class=\"num\">Records</th></tr></thead><tbody>\n");
        Map<String, Long> counts = new TreeMap<>(p.deadLetters());
        DEAD_LETTER_STAGES.keySet().forEach(stage -> counts.putIfAbsent(stage, 0L));
        counts.forEach((stage, n) -> html.append("<tr data-stage=\"").append(Html.text(stage)).append("\"><td>")
            .append(Html.text(stage)).append("</td><td>").append(Html.text(DEAD_LETTER_STAGES.getOrDefault(stage, "")))
            .append("</td><td class=\"num").append(n > 0 ? " bad" : "").append("\">").append(n).append("</td></tr>\n"));
        html.append("</tbody></table></section>\n");
    }

    private static void ingest(StringBuilder html, OperatorReport.Ingest ingest, Instant now) {
        long failing = ingest.feeds().stream().filter(f -> f.consecutiveErrors() > 0).count();
        html.append("<section id=\"feeds\"><h2>Feeds</h2>\n<p>");
        if (ingest.failure() != null) {
            html.append("<strong class=\"bad\">The ingester stopped following its feeds: ").append(Html.text(ingest.failure()))
                .append("</strong>");
        } else if (!ingest.joined()) {
            html.append("<strong class=\"bad\">Waiting for the ingest group to give this instance its feeds.</strong>");
        } else {
            html.append(ingest.feeds().size()).append(ingest.feeds().size() == 1 ? " feed" : " feeds").append(" polled here, ")
                .append(failing == 0 ? "none failing" : "<strong class=\"bad\">" + failing + " failing</strong>").append('.');
        }
        html.append("</p>\n<table class=\"grid\" id=\"feed-table\"><thead><tr><th scope=\"col\">Feed</th><th scope=\"col\">Status</th>"
            + "<th scope=\"col\">Last poll</th><th scope=\"col\" class=\"num\">HTTP</th><th scope=\"col\">Next poll</th>"
            + "<th scope=\"col\" class=\"num\">Articles</th></tr></thead><tbody>\n");
        // Failing feeds first, the longest failing at the top: what an operator came to see.
        List<OperatorReport.Feed> feeds = ingest.feeds().stream()
            .sorted(java.util.Comparator.comparingInt(OperatorReport.Feed::consecutiveErrors).reversed()
                .thenComparing(OperatorReport.Feed::url))
            .toList();
        for (OperatorReport.Feed f : feeds) {
            String status;
            if (f.lastFetch() == null) {
                status = "<span class=\"quiet\">not polled yet</span>";
            } else if (f.consecutiveErrors() > 0) {
                status = "<span class=\"bad\">failing (" + f.consecutiveErrors() + " in a row): " + Html.text(f.lastError()) + "</span>";
            } else {
                status = "<span class=\"ok\">ok</span>";
            }
            String next = f.nextFetch() == null || !f.nextFetch().isAfter(now) ? "due now"
                : "in " + span(Duration.between(now, f.nextFetch())) + (f.consecutiveErrors() > 0 ? " (backing off)" : "");
            html.append("<tr class=\"feed\" data-feed=\"").append(Html.text(f.url())).append("\"><td class=\"url\">")
                .append(Html.text(f.url())).append("</td><td class=\"status\">").append(status).append("</td><td>")
                .append(f.lastFetch() == null ? "" : "<time datetime=\"" + f.lastFetch() + "\" title=\"" + SECOND.format(f.lastFetch())
                    + "\">" + span(Duration.between(f.lastFetch(), now)) + " ago</time>")
                .append("</td><td class=\"num\">").append(f.lastHttpStatus() == null ? "" : f.lastHttpStatus())
                .append("</td><td class=\"next\">").append(next).append("</td><td class=\"num\">").append(f.itemsPublished())
                .append("</td></tr>\n");
        }
        if (ingest.feeds().isEmpty()) {
            html.append("<tr><td colspan=\"6\" class=\"quiet\">no feeds assigned to this instance</td></tr>\n");
        }
        html.append("</tbody></table></section>\n");
    }

    /** A duration as a person reads it: "40 s", "3 min", "2 h 5 min", "3 d". */
    static String span(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 86_400) {
            return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
        }
        return s / 86_400 + " d";
    }

    private static String at(Instant t) {
        return "<time datetime=\"" + t + "\">" + SECOND.format(t) + "</time>";
    }
}
