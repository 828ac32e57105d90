package io.claimstream.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FeedsCommandTest {

    @TempDir
    Path tmp;

    @Test
    void everyBundledSampleFeedYieldsArticles() throws Exception {
        Result result = run("feeds", "check", "--json", sample("daily-ledger.rss.xml"), sample("harbour-herald.atom.xml"),
            sample("continental-wire.rss.xml"));

        assertThat(result.exitCode).isZero();
        List<JsonNode> reports = result.jsonLines();
        assertThat(reports).hasSize(3);
        assertThat(reports).allSatisfy(r -> {
            assertThat(r.get("ok").asBoolean()).isTrue();
            assertThat(r.get("error").isNull()).isTrue();
            assertThat(r.get("articles").size()).isGreaterThanOrEqualTo(4);
            r.get("articles").forEach(a -> {
                assertThat(a.get("id").asText()).isNotBlank();
                assertThat(a.get("date_source").asText()).isEqualTo("feed");
                assertThat(a.get("link").asText()).startsWith("https://");
                assertThat(a.get("text_length").asInt()).isGreaterThan(50);
            });
        });
        assertThat(reports.get(0).get("articles").get(0).get("title").asText())
            .isEqualTo("Zelensky says Russia has lost almost 250,000 soldiers");
        assertThat(reports.get(0).get("articles").get(0).get("link").asText()).doesNotContain("utm_");
    }

    @Test
    void aFailedFeedIsReportedWithItsReasonTheOthersStillAndTheExitCodeIsOne() throws Exception {
        Path broken = Files.writeString(tmp.resolve("broken.xml"), "<rss><channel><item><title>x</channel></rss>");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] feed = Files.readAllBytes(Path.of(sample("continental-wire.rss.xml")));
        server.createContext("/feed", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
            exchange.sendResponseHeaders(200, feed.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(feed);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/feed";
            Result refused = run("feeds", "check", "--json", url);
            Result result = run("feeds", "check", "--json", "-p", "claimstream.ingest.fetch.allowed.ranges=127.0.0.1/32",
                broken.toString(), url, tmp.resolve("missing.xml").toString());

            // Loopback is refused unless allowed: a feed URL must not reach the services around the ingester.
            assertThat(refused.exitCode).isEqualTo(1);
            assertThat(refused.jsonLines().get(0).get("error").asText())
                .startsWith("refused to fetch " + url + ": 127.0.0.1, a loopback address");

            assertThat(result.exitCode).isEqualTo(1);
            List<JsonNode> reports = result.jsonLines();
            assertThat(reports).extracting(r -> r.get("feed").asText())
                .containsExactly(broken.toString(), url, tmp.resolve("missing.xml").toString());
            assertThat(reports.get(0).get("ok").asBoolean()).isFalse();
            assertThat(reports.get(0).get("error").asText()).startsWith("invalid XML at line 1");
            assertThat(reports.get(0).get("articles").size()).isZero();
            assertThat(reports.get(1).get("ok").asBoolean()).isTrue();
            assertThat(reports.get(1).get("articles").size()).isEqualTo(4);
            assertThat(reports.get(2).get("error").asText()).startsWith("no such file");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void humanOutputNamesEachArticleAndEachFailure() throws Exception {
        Path noDates = Files.writeString(tmp.resolve("undated.xml"),
            "<rss version=\"2.0\"><channel><title>Undated</title><item><title>Toll rises</title>"
                + "<link>https://x.example/toll</link><description>At least 12 died.</description></item></channel></rss>");

        Result ok = run("feeds", "check", noDates.toString());
        Result failed = run("feeds", "check", tmp.resolve("nothing.xml").toString());

        assertThat(ok.exitCode).isZero();
        assertThat(ok.out).contains("OK   " + noDates + " (Undated): 1 articles")
            .contains("Toll rises").contains("(no date in the feed: fetch time)")
            .contains("id:   https://x.example/toll").contains("text: 17 chars");
        assertThat(failed.exitCode).isEqualTo(1);
        assertThat(failed.out).startsWith("FAIL ").contains("no such file");
    }

    @Test
    void deeplyNestedFeedsAreCheckedAndUnreadableOnesNamedInOneLineWithoutAStackTrace() throws Exception {
        // 2,000 nested elements inside a description used to print a 1,024-line StackOverflowError.
        StringBuilder deep = new StringBuilder("<rss version=\"2.0\"><channel><title>Deep</title><item><title>Nested</title>"
            + "<link>https://x.example/nested</link><description>");
        deep.append("<b>".repeat(2_000)).append("12 ships").append("</b>".repeat(2_000)).append("</description></item></channel></rss>");
        Path nested = Files.writeString(tmp.resolve("nested.xml"), deep);
        Path page = Files.writeString(tmp.resolve("page.xml"),
            "<!DOCTYPE html><html><head><meta charset=utf-8><title>Home</title></head><body><p>Hi<br></body></html>");
        Path loose = Files.writeString(tmp.resolve("loose.xml"),
            "<rss version=\"2.0\"><item><title>Loose</title><link>https://x.example/loose</link></item></rss>");

        Result result = run("feeds", "check", nested.toString(), page.toString(), loose.toString());

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.out).contains("OK   " + nested + " (Deep): 1 articles")
            .contains("FAIL " + page + ": an HTML page, not a feed")
            .contains("OK   " + loose).doesNotContain("Exception").doesNotContain("Error").doesNotContain("\tat ");
        assertThat(result.err).isEmpty();
    }

    @Test
    void kafkaSubcommandsNeedBootstrapServersOrARunningEmbeddedClaimstream() {
        Result result = run("feeds", "list", "--data-dir", tmp.resolve("no-claimstream-here").toString());

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err.lines()).singleElement().asString()
            .contains("bootstrap.servers is not set").contains("no-claimstream-here").contains("--bootstrap-servers");
    }

    private static String sample(String name) throws URISyntaxException {
        return Path.of(FeedsCommandTest.class.getResource("/sample-feeds/" + name).toURI()).toString();
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ClaimstreamCommand.commandLine(new ClaimstreamCommand(Map.of()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private record Result(int exitCode, String out, String err) {
        List<JsonNode> jsonLines() throws IOException {
            List<JsonNode> nodes = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    nodes.add(new ObjectMapper().readTree(line.getBytes(UTF_8)));
                }
            }
            return nodes;
        }
    }
}
