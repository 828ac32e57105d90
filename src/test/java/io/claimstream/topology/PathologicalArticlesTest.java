package io.claimstream.topology;

import static io.claimstream.topology.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.claimstream.avro.Article;
import io.claimstream.avro.NumericClaim;
import io.claimstream.extract.ArticleText;
import io.claimstream.extract.ClaimExtractor;
import io.claimstream.registry.EmbeddedSchemaRegistry;
import io.claimstream.registry.InMemoryRegistry;
import io.claimstream.runtime.MeteredExtraction;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile articles among ordinary ones, through the topology with the application's metered
 * extraction and its configured limits: the ordinary articles' claims all come out, each hostile
 * one is cut short with its reason counted, and none stops the others or goes to the DLQ whole.
 */
class PathologicalArticlesTest {

    private static final Instant T0 = Instant.parse("2025-02-14T08:40:00Z");
    private static final Map<String, String> LIMITS = Map.of(
        ClaimsSettings.EXTRACT_MAX_TEXT_BYTES, "262144",
        ClaimsSettings.EXTRACT_MAX_CLAIMS, "100",
        ClaimsSettings.EXTRACT_TIME_BUDGET_MS, "2000");

    @TempDir
    Path stateDir;

    private EmbeddedSchemaRegistry registry;
    private TopologyHarness topology;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ClaimExtractor extractor = new ClaimExtractor(ClaimsSettings.from(LIMITS).extractionLimits());

    @BeforeEach
    void start() {
        registry = InMemoryRegistry.start();
        topology = new TopologyHarness(registry.url(), stateDir, LIMITS, new MeteredExtraction(extractor, meters));
    }

    @AfterEach
    void stop() {
        topology.close();
        registry.close();
    }

    @Test
    void ordinaryArticlesKeepAllTheirClaimsWhileHostileOnesAreCutShortWithAReason() {
        List<Article> ordinary = List.of(
            article("n-1", "kyiv-wire", "Russia lost 1,150 troops over the past day, the General Staff said.", T0),
            article("n-2", "harbour-herald", "The National Bank of Ukraine raised its key rate to 15.5%, the bank said.",
                T0.plusSeconds(60)),
            article("n-3", "coastal-times", "About 153,000 people remain under evacuation orders, officials said.",
                T0.plusSeconds(120)));
        String huge = "9".repeat(400);
        List<Article> hostile = List.of(
            // 200 KB of "1,1,1,...": the claim limit.
            article("p-list", "fuzz", String.join(",", Collections.nCopies(100_000, "1")), T0.plusSeconds(10)),
            // 700 KB without a full stop: the text limit.
            article("p-long", "fuzz", "Officials said 77 drones were downed and " + "the talks went on and ".repeat(30_000),
                T0.plusSeconds(20)),
            // A 400-digit figure and Arabic-Indic digits: read or skipped, the other figure kept.
            article("p-digits", "fuzz", "The debt hit $" + huge + " billion. Officials counted \u0664\u0661\u0662 cases.",
                T0.plusSeconds(30)));

        topology.publish(ordinary.get(0), hostile.get(0), ordinary.get(1), hostile.get(1), hostile.get(2), ordinary.get(2));

        Set<String> expected = ordinary.stream()
            .flatMap(a -> extractor.extract(text(a)).stream())
            .map(io.claimstream.extract.NumericClaim::claimKey)
            .collect(Collectors.toSet());
        assertThat(expected).as("premise: the ordinary articles have claims").hasSize(3);
        List<KeyValue<String, NumericClaim>> claims = topology.claimRecords();
        Set<String> emitted = claims.stream().map(kv -> kv.value.getClaimKey()).collect(Collectors.toSet());
        assertThat(emitted).containsAll(expected);
        assertThat(claims).filteredOn(kv -> kv.value.getArticle().getArticleId().equals("p-digits"))
            .extracting(kv -> kv.value.getValue()).containsExactly(412.0);
        assertThat(claims).filteredOn(kv -> kv.value.getArticle().getArticleId().equals("p-long"))
            .extracting(kv -> kv.value.getValue()).containsExactly(77.0);
        assertThat(topology.deadLetters()).as("nothing dead-lettered whole").isEmpty();

        assertThat(truncated("max-claims")).isEqualTo(1);
        assertThat(truncated("text-bytes")).isEqualTo(1);
        assertThat(truncated("time-budget")).isZero();
        assertThat(meters.get("claimstream.extract.duration").timer().count()).isEqualTo(6);
    }

    private double truncated(String reason) {
        return meters.get("claimstream.extract.truncated").tag("reason", reason).counter().count();
    }

    private static ArticleText text(Article a) {
        return new ArticleText(a.getId(), a.getTitle(), a.getText(), a.getPublished(), a.getLink(), a.getSource());
    }
}
