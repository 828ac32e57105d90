package io.claimstream.status;

import static io.claimstream.status.StatusTestData.HOSTILE_LINK;
import static io.claimstream.status.StatusTestData.HOSTILE_OUTLET;
import static io.claimstream.status.StatusTestData.HOSTILE_TITLE;
import static io.claimstream.status.StatusTestData.RUSSIA_LOST;
import static io.claimstream.status.StatusTestData.SUDAN;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.claimstream.avro.SubjectClaims;
import io.claimstream.registry.EmbeddedSchemaRegistry;
import io.claimstream.runtime.EmbeddedKafkaBroker;
import io.claimstream.runtime.KafkaTestClients;
import io.claimstream.runtime.OperatorReports;
import io.claimstream.runtime.ProcessingApplication;
import io.claimstream.topology.ClaimsTopics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status server over one processing application on a real KRaft broker: the JSON API
 * answers from the subject store what claims.by-subject holds, and the page, loaded in headless
 * Chromium, draws the subjects with their charts.
 */
class StatusServerIT {

    private static final String APPLICATION_ID = "claimstream-status-it";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private static EmbeddedKafkaBroker broker;
    private static EmbeddedSchemaRegistry registry;
    private static ProcessingApplication app;
    private static StatusServer server;
    private static Map<String, SubjectClaims> topic;
    private static final MeterRegistry meters = new SimpleMeterRegistry();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.start(dataDir.resolve("broker"), 0);
        registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0);
        Map<String, Object> props = StatusTestData.properties(broker, registry, APPLICATION_ID, dataDir.resolve("state"));
        app = ProcessingApplication.create(props, meters).start();
        assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
        List<io.claimstream.avro.Article> articles = new ArrayList<>(StatusTestData.articles());
        articles.addAll(StatusTestData.hostileFeedArticles());
        StatusTestData.publish(broker, props, articles);
        // Bytes that are no Avro article: a dead letter the operator view counts.
        KafkaTestClients.produce(broker.bootstrapServers(), List.of(new ProducerRecord<>(ClaimsTopics.ARTICLES, "garbled",
            "not an article".getBytes(StandardCharsets.UTF_8))));
        try (Admin admin = Admin.create(broker.adminConfig())) {
            KafkaTestClients.awaitProcessed(admin, APPLICATION_ID, Duration.ofSeconds(60));
        }
        topic = StatusTestData.subjectTopic(broker, registry);
        Supplier<Health> health = () -> new Health(app.state() == KafkaStreams.State.RUNNING, Map.of("streams", app.state().name()));
        server = StatusServer.start(StatusServer.Options.loopback(0), app.streams(), null, new Probes(
            () -> "# TYPE claimstream_test_total counter\nclaimstream_test_total 3.0\n", health, null,
            new OperatorReports(APPLICATION_ID, app::streams, null, meters, health, Clock.systemUTC())));
    }

    @AfterAll
    static void stop() throws Exception {
        StatusTestData.closeAll(server, app, registry, broker);
    }

    @Test
    void theListHoldsEverySubjectOfTheTopicAsTheTopicHoldsIt() throws Exception {
        assertThat(topic).containsKeys(SUDAN, RUSSIA_LOST, StatusTestData.RUSSIA_KILLED);

        JsonNode page = json(get("api/subjects?limit=100"), 200);
        List<String> keys = new ArrayList<>();
        for (JsonNode subject : page.get("subjects")) {
            String key = subject.get("subject_key").asText();
            keys.add(key);
            // Through text, as a client sees both: the store's answer is the topic's record.
            assertThat(subject).as("subject %s", key).isEqualTo(JSON.readTree(JSON.writeValueAsString(RecordJson.of(topic.get(key)))));
        }
        assertThat(keys).isEqualTo(new ArrayList<>(topic.keySet()));
        assertThat(page.get("next").isNull()).isTrue();
        assertThat(page.get("unreachable")).isEmpty();
    }

    @Test
    void pagesFollowEachOtherAndThePrefixFilters() throws Exception {
        List<String> keys = new ArrayList<>();
        String after = "";
        int pages = 0;
        do {
            JsonNode page = json(get("api/subjects?limit=2&after=" + PeerClient.encode(after)), 200);
            assertThat(page.get("subjects").size()).isLessThanOrEqualTo(2);
            page.get("subjects").forEach(s -> keys.add(s.get("subject_key").asText()));
            after = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        } while (after != null && pages < 20);
        assertThat(keys).isEqualTo(new ArrayList<>(topic.keySet()));
        assertThat(pages).isEqualTo((topic.size() + 1) / 2);

        JsonNode russia = json(get("api/subjects?prefix=russia%2F"), 200);
        assertThat(russia.get("subjects")).extracting(s -> s.get("subject_key").asText())
            .containsExactly(StatusTestData.RUSSIA_KILLED, RUSSIA_LOST);
        JsonNode afterFirst = json(get("api/subjects?prefix=russia/&after=" + PeerClient.encode(StatusTestData.RUSSIA_KILLED)), 200);
        assertThat(afterFirst.get("subjects")).extracting(s -> s.get("subject_key").asText()).containsExactly(RUSSIA_LOST);
        assertThat(json(get("api/subjects?prefix=nowhere/"), 200).get("subjects")).isEmpty();
    }

    @Test
    void oneSubjectCarriesItsFiguresWithClaimantsSourcesAndTimes() throws Exception {
        HttpResponse<String> encoded = get("api/subjects/" + PeerClient.encode(SUDAN));
        JsonNode subject = json(encoded, 200);
        assertThat(subject.get("subject_key").asText()).isEqualTo(SUDAN);
        assertThat(subject.get("claims")).extracting(c -> c.get("value").asDouble()).containsExactly(12.0, 19.0, 31.0);

        JsonNode twelve = subject.get("claims").get(0);
        assertThat(twelve.get("qualifier").asText()).isEqualTo("AT_LEAST");
        assertThat(twelve.get("unit").asText()).isEqualTo("person");
        assertThat(twelve.get("mentions").asLong()).isEqualTo(2);
        assertThat(twelve.get("claimants")).extracting(JsonNode::asText).containsExactly("volunteers", "Red Crescent");
        assertThat(twelve.get("first_seen").asText()).isEqualTo("2025-06-10T07:45:00Z");
        assertThat(twelve.get("last_seen").asText()).isEqualTo("2025-06-12T18:30:00Z");
        assertThat(twelve.get("sources")).extracting(s -> s.get("source").asText() + " " + s.get("published").asText()
            + " " + s.get("link").asText())
            .containsExactly("coastal-times 2025-06-10T07:45:00Z https://coastal-times.example/s1",
                "metro-ledger 2025-06-12T18:30:00Z https://metro-ledger.example/s4");

        // The key's slashes may also stand as they are.
        HttpResponse<String> plain = get("api/subjects/" + SUDAN);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(plain.body())).isEqualTo(subject);
        assertThat(encoded.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    }

    @Test
    void unknownSubjectsBadInputAndOtherMethodsGetJsonErrors() throws Exception {
        assertThat(json(get("api/subjects/" + PeerClient.encode("atlantis/unicorn/counted")), 404).get("message").asText())
            .isEqualTo("no subject atlantis/unicorn/counted");
        assertThat(json(get("api/subjects?limit=0"), 400).get("message").asText())
            .isEqualTo("limit must be between 1 and 100, not 0");
        assertThat(json(get("api/subjects?limit=ten"), 400).get("message").asText()).contains("limit must be a whole number");
        assertThat(json(get("api/subjects/" + "k".repeat(501)), 400).get("message").asText())
            .isEqualTo("subject key is longer than 500 characters");
        assertThat(json(get("no/such/page"), 404).get("message").asText()).isEqualTo("nothing at /no/such/page");

        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(server.url() + "api/subjects"))
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json(post, 405).get("status").asInt()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void metricsAndHealthComeFromTheCaller() throws Exception {
        HttpResponse<String> metrics = get("metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body()).contains("claimstream_test_total 3.0");

        JsonNode health = json(get("health"), 200);
        assertThat(health.get("ready").asBoolean()).isTrue();
        assertThat(health.get("checks").get("streams").asText()).isEqualTo("RUNNING");
    }

    @Test
    void thePageIsServedWithAPolicyThatRunsOnlyItsOwnScript() throws Exception {
        HttpResponse<String> page = get("");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
            .contains("script-src 'self'").contains("default-src 'none'").doesNotContain("unsafe-inline");
        assertThat(page.body()).contains("<script src=\"status.js\" defer></script>");
        assertThat(get("status.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(get("status.css").statusCode()).isEqualTo(200);
    }

    @Test
    void headlessChromiumOpensOnTheSubjectsThatChangedLastWithLinksToTheirPagesAndNoMarkupFromTheNews() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        Document page = Jsoup.parse(chromium.dumpDom(server.url(), Files.createDirectories(dataDir.resolve("chromium-all"))));

        // The first screen: the latest changes first (the page's default), ties by mentions, then key.
        List<String> latestFirst = topic.values().stream()
            .sorted(Comparator.comparing(SubjectClaims::getUpdated).reversed()
                .thenComparing(Comparator.comparingLong(StatusServerIT::mentions).reversed())
                .thenComparing(SubjectClaims::getSubjectKey))
            .map(SubjectClaims::getSubjectKey).toList();
        assertThat(latestFirst.get(0)).as("the hostile feed's floods of October come last in time").isEqualTo(StatusTestData.VALENCIA);
        assertThat(page.select("section.subject")).extracting(s -> s.attr("data-subject-key"))
            .containsExactlyElementsOf(latestFirst);
        assertThat(page.selectFirst("#status").text()).isEqualTo(topic.size() + " subjects, latest change first.");
        Element sudan = page.selectFirst("section.subject[data-subject-key=" + SUDAN + "]");
        assertThat(sudan).isNotNull();
        assertThat(sudan.selectFirst("h2").text()).isEqualTo(topic.get(SUDAN).getSubject());
        assertThat(sudan.selectFirst("h2 a.permalink").attr("href")).isEqualTo("subject/sudan%2Fperson-killed");
        assertThat(sudan.select("tr.claim")).extracting(r -> r.selectFirst("td.figure").text())
            .containsExactly(">12 person", "19 person", "31 person");
        assertThat(sudan.select("a[href]")).extracting(a -> a.attr("href"))
            .contains("https://coastal-times.example/s1", "https://metro-ledger.example/s4");
        assertThat(page.selectFirst("a[href=operator]").text()).isEqualTo("Operator view");

        // Outlet, title and link of the hostile article are shown as text, never as markup or a link.
        Element lost = page.selectFirst("section.subject[data-subject-key=" + RUSSIA_LOST + "]");
        assertThat(lost.selectFirst("li.source .outlet").text()).isEqualTo(HOSTILE_OUTLET);
        assertThat(lost.selectFirst("li.source .title").text()).isEqualTo(HOSTILE_TITLE);
        assertThat(page.select("img, b, script:not([src])")).isEmpty();
        assertThat(page.select("a[href]")).extracting(a -> a.attr("href")).noneMatch(href -> href.contains(HOSTILE_LINK));
    }

    @Test
    void theReaderChoosesTheOrderAndItsPagesFollowEachOtherThroughTheApi() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        Document page = Jsoup.parse(chromium.dumpDom(server.url() + "?order=reported",
            Files.createDirectories(dataDir.resolve("chromium-reported"))));
        List<String> mostReported = topic.values().stream()
            .sorted(Comparator.comparingLong(StatusServerIT::mentions).reversed()
                .thenComparing(Comparator.comparing(SubjectClaims::getUpdated).reversed())
                .thenComparing(SubjectClaims::getSubjectKey))
            .map(SubjectClaims::getSubjectKey).toList();
        assertThat(page.select("section.subject")).extracting(s -> s.attr("data-subject-key")).containsExactlyElementsOf(mostReported);
        assertThat(page.selectFirst("#status").text()).endsWith(", most reported first.");

        for (String order : List.of("recent", "reported", "key")) {
            List<String> all = keys(json(get("api/subjects?limit=100&order=" + order), 200));
            List<String> paged = new ArrayList<>();
            String after = "";
            for (int pages = 0; after != null && pages < 20; pages++) {
                JsonNode one = json(get("api/subjects?limit=2&order=" + order + "&after=" + PeerClient.encode(after)), 200);
                assertThat(one.get("order").asText()).isEqualTo(order);
                paged.addAll(keys(one));
                after = one.get("next").isNull() ? null : one.get("next").asText();
            }
            assertThat(paged).as(order).isEqualTo(all).hasSize(topic.size());
        }
        assertThat(keys(json(get("api/subjects?limit=100&order=recent"), 200)).get(0)).isEqualTo(StatusTestData.VALENCIA);
        assertThat(json(get("api/subjects?order=newest"), 400).get("message").asText())
            .isEqualTo("order must be recent, reported or key, not 'newest'");
    }

    @Test
    void headlessChromiumShowsASubjectsPageWithItsFiguresOverTimeAndTheirSources() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        Document page = Jsoup.parse(chromium.dumpDom(server.url() + "subject/" + PeerClient.encode(SUDAN),
            Files.createDirectories(dataDir.resolve("chromium-subject"))));

        assertThat(page.selectFirst("h1").text()).isEqualTo(topic.get(SUDAN).getSubject());
        Element chart = page.selectFirst("svg.chart");
        assertThat(chart).as("chart of %s in%n%s", SUDAN, page.body()).isNotNull();
        assertThat(chart.attr("data-unit")).isEqualTo("person");
        // 10 to 16 June: every other day; 12, 19 and 31 people: from 0 in tens.
        assertThat(chart.select(".time-axis text.tick")).extracting(Element::ownText)
            .containsExactly("9 Jun 2025", "11 Jun", "13 Jun", "15 Jun", "17 Jun");
        assertThat(chart.select(".value-axis text.tick")).extracting(Element::text).containsExactly("0", "10", "20", "30", "40");
        // One mark per report: 12 twice (coastal-times, metro-ledger), 19 and 31 once each, each linked to its article.
        assertThat(chart.select("circle.point")).hasSize(4);
        assertThat(chart.select("g.claim")).hasSize(3);
        assertThat(chart.select("g.claim text.value-label")).extracting(Element::text).containsExactly(">12 person", "19 person", "31 person");
        assertThat(chart.select("a circle.point title")).extracting(Element::text)
            .contains("coastal-times: >12 person, 2025-06-10 07:45 UTC", "metro-ledger: 31 person, 2025-06-16 18:30 UTC");
        assertThat(page.select("article.figure h3")).extracting(Element::text).containsExactly(">12 person", "19 person", "31 person");
        assertThat(page.select("article.figure").get(0).select("li.source")).extracting(li -> li.selectFirst(".outlet").text())
            .containsExactly("coastal-times", "metro-ledger");
        assertThat(page.select("li.source a[href]")).extracting(a -> a.attr("href"))
            .contains("https://coastal-times.example/s1", "https://metro-ledger.example/s4");
        // The page's style sheet and the way back resolve from the subject's address.
        assertThat(page.selectFirst("nav.crumbs a").attr("href")).isEqualTo("../");

        // A subject with one report: an axis of several ticks, not a lone dot between 0 and its value.
        Document lost = Jsoup.parse(chromium.dumpDom(server.url() + "subject/" + PeerClient.encode(RUSSIA_LOST),
            Files.createDirectories(dataDir.resolve("chromium-subject-lost"))));
        assertThat(lost.select("svg.chart .time-axis text.tick")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(lost.select("svg.chart .value-axis text.tick")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(lost.selectFirst("li.source .outlet").text()).isEqualTo(HOSTILE_OUTLET);
        assertThat(lost.select("img, b, script")).isEmpty();
    }

    @Test
    void anUnknownSubjectsPageIsA404PageAndTheSlashesOfAKeyMayStandAsTheyAre() throws Exception {
        HttpResponse<String> unknown = get("subject/" + PeerClient.encode("atlantis/unicorn-counted"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(Jsoup.parse(unknown.body()).selectFirst("p.problem").text()).isEqualTo("no subject atlantis/unicorn-counted");

        HttpResponse<String> plain = get("subject/" + SUDAN);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'");
        assertThat(Jsoup.parse(plain.body()).selectFirst("link[rel=stylesheet]").attr("href")).isEqualTo("../../status.css");
    }

    @Test
    void headlessChromiumShowsTheOperatorViewOfAProcessOnlyInstance() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        Document page = Jsoup.parse(chromium.dumpDom(server.url() + "operator",
            Files.createDirectories(dataDir.resolve("chromium-operator"))));

        assertThat(page.selectFirst("h1").text()).isEqualTo("Operator view");
        assertThat(page.selectFirst("#processing strong.state").text()).isEqualTo("RUNNING");
        assertThat(page.select("#threads tbody tr")).isNotEmpty();
        // Everything published has been processed: this instance is 0 behind on every partition of news.articles.
        Element articles = page.selectFirst("#lag tr[data-topic=" + ClaimsTopics.ARTICLES + "]");
        assertThat(articles).as("lag of %s in%n%s", ClaimsTopics.ARTICLES, page.body()).isNotNull();
        assertThat(articles.selectFirst("td.lag").text()).isEqualTo("0");
        assertThat(page.selectFirst("#dead-letters tr[data-stage=deserialization] td.num").text()).isEqualTo("1");
        assertThat(page.selectFirst("#dead-letters tr[data-stage=processing] td.num").text()).isEqualTo("0");
        assertThat(page.selectFirst("#feeds").text()).contains("Not polled by this process");
        assertThat(page.selectFirst("#readiness h2").text()).isEqualTo("Readiness: ready");
        assertThat(page.selectFirst("nav.crumbs a").attr("href")).isEqualTo("./");
    }

    /**
     * Issue 15: a subject whose claim came from feed items titled with markup. The page writes
     * text nodes, so each title shows as the text it is, and nothing runs: no element of theirs is
     * in the DOM (which would be there even if the page's script policy then blocked it), and the
     * payloads that would leave a mark if they ran (a document title, a body attribute) left none.
     * window.__x of the first two cannot be read from a DOM dump; their twins stand for them.
     */
    @Test
    void headlessChromiumShowsFeedTitlesWithMarkupLiterallyAndRunsNoneOfThem() throws Exception {
        assertThat(topic.get(StatusTestData.VALENCIA)).as("the hostile feed's subject").isNotNull();
        HeadlessChromium chromium = HeadlessChromium.require();
        Document page = Jsoup.parse(chromium.dumpDom(server.url() + "?prefix=spain%2F",
            Files.createDirectories(dataDir.resolve("chromium-hostile-titles"))));

        Element valencia = page.selectFirst("section.subject[data-subject-key=" + StatusTestData.VALENCIA + "]");
        assertThat(valencia).as("section of %s in%n%s", StatusTestData.VALENCIA, page.body()).isNotNull();
        // Each title is its story's link text (the links are plain https).
        assertThat(valencia.select("li.source > a")).extracting(Element::wholeText)
            .containsExactlyInAnyOrderElementsOf(StatusTestData.HOSTILE_FEED_TITLES);
        assertThat(valencia.select("li.source > a")).extracting(a -> a.attr("href"))
            .allSatisfy(href -> assertThat(href).startsWith("https://hostile-titles.example/story/"));
        assertThat(valencia.select("li.source .outlet")).extracting(Element::text).containsOnly(StatusTestData.HOSTILE_FEED_OUTLET);

        assertThat(page.select("img")).as("no element from a title").isEmpty();
        assertThat(page.select("script")).extracting(e -> e.attr("src")).as("only the page's own script").containsExactly("status.js");
        assertThat(page.select("[onerror]")).isEmpty();
        assertThat(page.title()).isNotEqualTo("executed").isEqualTo(Jsoup.parse(get("").body()).title());
        assertThat(page.body().hasAttr("data-executed")).isFalse();
    }

    @Test
    void headlessChromiumShowsOnlyTheSubjectsOfThePrefixInTheAddress() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        Document page = Jsoup.parse(chromium.dumpDom(server.url() + "?prefix=russia%2F",
            Files.createDirectories(dataDir.resolve("chromium-prefix"))));

        // Latest change first: the hostile outlet's 300,000 (1 March) after Zelensky's (14-15 February).
        assertThat(page.select("section.subject")).extracting(s -> s.attr("data-subject-key"))
            .containsExactly(RUSSIA_LOST, StatusTestData.RUSSIA_KILLED);
        assertThat(page.selectFirst("#status").text()).isEqualTo("2 subjects with keys starting “russia/”, latest change first.");
        assertThat(page.select("section.subject a.permalink")).hasSize(2);
    }

    private static long mentions(SubjectClaims subject) {
        return subject.getClaims().stream().mapToLong(c -> c.getMentions()).sum();
    }

    private static List<String> keys(JsonNode page) {
        List<String> keys = new ArrayList<>();
        page.get("subjects").forEach(s -> keys.add(s.get("subject_key").asText()));
        return keys;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return StatusTestData.get(http, server.url() + path);
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        return StatusTestData.json(response, status);
    }
}
