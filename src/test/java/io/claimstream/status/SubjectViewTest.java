package io.claimstream.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class SubjectViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSubjectWithOneReportGetsAChartWithSeveralTicksOnBothAxesAndItsSourceListed() throws Exception {
        Document page = Jsoup.parse(SubjectView.render(subject("russia/soldier-lost", "Continental Wire",
            "Zelensky puts losses at nearly a quarter of a million", "https://continental-wire.example.net/story/1"), "../"));

        Element chart = page.selectFirst("svg.chart");
        assertThat(chart.attr("data-unit")).isEqualTo("soldier");
        assertThat(chart.select(".time-axis text.tick")).extracting(Element::ownText)
            .containsExactly("15 Feb 2025", "06:00", "12:00", "18:00", "16 Feb", "06:00");
        assertThat(chart.select(".value-axis text.tick")).extracting(Element::text).containsExactly("0", "100k", "200k", "300k");
        assertThat(chart.select("circle.point")).hasSize(1);
        assertThat(chart.selectFirst("circle.point title").text())
            .isEqualTo("Continental Wire: ~250,000 soldier, 2025-02-15 17:05 UTC");
        assertThat(chart.selectFirst("text.value-label").text()).isEqualTo("~250,000 soldier");
        assertThat(page.select("li.source")).extracting(Element::text)
            .containsExactly("Continental Wire: Zelensky puts losses at nearly a quarter of a million (2025-02-15 17:05 UTC, "
                + "Volodymyr Zelensky, “nearly a quarter of a million soldiers”)");
        assertThat(page.selectFirst("li.source a").attr("href")).isEqualTo("https://continental-wire.example.net/story/1");
        assertThat(page.selectFirst("link[rel=stylesheet]").attr("href")).isEqualTo("../status.css");
        assertThat(page.selectFirst("nav.crumbs a").attr("href")).isEqualTo("../");
    }

    @Test
    void markupFromTheNewsIsTextAndOnlyHttpLinksAreLinks() throws Exception {
        String hostile = "<img src=x onerror=alert(1)>";
        Document page = Jsoup.parse(SubjectView.render(subject("x/<script>alert(1)</script>", hostile, "<b>Losses</b> \"rise\"",
            "javascript:alert(1)"), "../"));

        assertThat(page.select("img, b, script, [onerror]")).isEmpty();
        assertThat(page.selectFirst("code.key").text()).isEqualTo("x/<script>alert(1)</script>");
        assertThat(page.selectFirst("li.source .outlet").text()).isEqualTo(hostile);
        assertThat(page.selectFirst("li.source .title").text()).isEqualTo("<b>Losses</b> \"rise\"");
        assertThat(page.select("a[href]")).extracting(a -> a.attr("href")).noneMatch(h -> h.startsWith("javascript"));
        assertThat(page.title()).isEqualTo("soldier lost (russia) — claimstream");
    }

    @Test
    void aSourceWithNoTitleWhoseIdIsItsLinkIsListedByItsLink() throws Exception {
        JsonNode subject = subject("russia/soldier-lost", "Continental Wire", "", "https://continental-wire.example.net/story/1");
        ((com.fasterxml.jackson.databind.node.ObjectNode) subject.path("claims").get(0).path("sources").get(0)).put("article_id", "");
        Document page = Jsoup.parse(SubjectView.render(subject, "../"));
        assertThat(page.selectFirst("li.source a").text()).isEqualTo("https://continental-wire.example.net/story/1");
    }

    @Test
    void theWayBackToTheRootFollowsTheDepthOfTheAddress() {
        assertThat(SubjectView.base("/subject/russia%2Fsoldier-lost")).isEqualTo("../");
        assertThat(SubjectView.base("/subject/russia/soldier-lost")).isEqualTo("../../");
    }

    @Test
    void anUnknownSubjectGetsAPageSayingSo() {
        Document page = Jsoup.parse(SubjectView.problem(404, "no subject atlantis/<unicorn>", "../", 0));
        assertThat(page.selectFirst("h1").text()).isEqualTo("No such subject");
        assertThat(page.selectFirst("p.problem").text()).isEqualTo("no subject atlantis/<unicorn>");
        assertThat(page.select("meta[http-equiv=refresh]")).isEmpty();
        Document later = Jsoup.parse(SubjectView.problem(503, "rebalancing", "../", 5));
        assertThat(later.selectFirst("meta[http-equiv=refresh]").attr("content")).isEqualTo("5");
    }

    private static JsonNode subject(String key, String outlet, String title, String link) throws Exception {
        var source = JSON.createObjectNode().put("article_id", "a1").put("source", outlet).put("title", title).put("link", link)
            .put("published", "2025-02-15T17:05:00Z").put("claimant", "Volodymyr Zelensky")
            .put("span", "nearly a quarter of a million soldiers");
        var claim = JSON.createObjectNode().put("claim_key", key + "=250000").put("value", 250000.0).putNull("value_high")
            .put("unit", "soldier").put("kind", "count").put("qualifier", "APPROXIMATE").putNull("change")
            .put("first_seen", "2025-02-15T17:05:00Z").put("last_seen", "2025-02-15T17:05:00Z").put("mentions", 1)
            .put("outlets", 1).put("claimant_count", 1);
        claim.putArray("claimants").add("Volodymyr Zelensky");
        claim.putArray("sources").add(source);
        var subject = JSON.createObjectNode().put("subject_key", key).put("subject", "soldier lost (russia)");
        subject.putArray("claims").add(claim);
        subject.put("updated", "2025-02-15T17:05:00Z").put("claim_count", 1).put("evicted_claims", 0);
        return subject;
    }
}
