package io.claimstream.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator view of an ingest-only process, served by its monitoring port over loopback and
 * read in headless Chromium: its feeds with their last poll, errors and backoff, and no
 * processing (with no subject pages to link to). Feed URLs and errors come from outside, so
 * some here are markup.
 */
class OperatorViewIT {

    private static final Instant NOW = Instant.parse("2025-10-30T12:00:00Z");
    private static final String HOSTILE_URL = "https://feeds.example/<img src=x onerror=alert(1)>.xml";

    @TempDir
    Path workDir;

    @Test
    void headlessChromiumShowsTheFeedsOfAnIngestOnlyInstance() throws Exception {
        OperatorReport report = new OperatorReport(NOW, new Health(true, Map.of("ingest", "joined", "topics", "present")), null,
            new OperatorReport.Ingest(true, null, List.of(
                new OperatorReport.Feed("https://ok.example/rss", NOW.minusSeconds(95), 200, null, 0, 42, NOW.plusSeconds(205)),
                new OperatorReport.Feed(HOSTILE_URL, NOW.minusSeconds(600), 503, "HTTP 503 <b>Service Unavailable</b>", 3, 7,
                    NOW.plusSeconds(3 * 3600 + 300)),
                new OperatorReport.Feed("https://new.example/atom", null, null, null, 0, 0, null))));
        try (MonitoringServer server = MonitoringServer.start(StatusServer.Options.loopback(0),
            new Probes(() -> "", () -> report.readiness(), null, () -> report))) {
            HttpResponse<String> style = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/status.css"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(style.statusCode()).as("the page's style sheet").isEqualTo(200);

            Document page = Jsoup.parse(HeadlessChromium.require().dumpDom(server.url() + "/operator", Files.createDirectories(workDir)));

            assertThat(page.selectFirst("p.meta").text()).startsWith("This process runs the ingester only.");
            assertThat(page.selectFirst("#feeds p").text()).isEqualTo("3 feeds polled here, 1 failing.");
            assertThat(page.select("tr.feed")).extracting(r -> r.attr("data-feed"))
                .containsExactly(HOSTILE_URL, "https://new.example/atom", "https://ok.example/rss");
            Element ok = page.selectFirst("tr.feed[data-feed=https://ok.example/rss]");
            assertThat(ok.select("td").eachText()).containsExactly("https://ok.example/rss", "ok", "1 min ago", "200", "in 3 min", "42");
            Element failing = page.select("tr.feed").get(0);
            assertThat(failing.selectFirst("td.status").text()).isEqualTo("failing (3 in a row): HTTP 503 <b>Service Unavailable</b>");
            assertThat(failing.selectFirst("td.next").text()).isEqualTo("in 3 h 5 min (backing off)");
            assertThat(page.selectFirst("tr.feed[data-feed=https://new.example/atom] td.status").text()).isEqualTo("not polled yet");
            assertThat(page.selectFirst("#processing").text()).contains("Not run by this process");
            assertThat(page.select("img, b, [onerror]")).isEmpty();
            assertThat(page.select("nav.crumbs a")).extracting(a -> a.attr("href")).as("no subject pages here")
                .containsExactly("metrics", "health/ready");
        }
    }
}
