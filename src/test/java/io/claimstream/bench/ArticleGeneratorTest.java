package io.claimstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.claimstream.avro.Article;
import io.claimstream.extract.ArticleText;
import io.claimstream.extract.ClaimExtractor;
import io.claimstream.extract.NumericClaim;

import org.junit.jupiter.api.Test;

/**
 * The benchmark articles: reproducible, distinct where a feed's articles are, and realistic
 * enough that the extractor finds claims in them and that they spread over many subjects.
 */
class ArticleGeneratorTest {

    private static final Instant START = Instant.parse("2025-05-01T00:00:00Z");
    private static final Duration SPACING = Duration.ofSeconds(3);

    @Test
    void theSameSeedGivesTheSameArticlesAndAnotherSeedOthers() {
        List<Article> first = new ArticleGenerator(5, START, SPACING, "t").next(300);
        assertThat(new ArticleGenerator(5, START, SPACING, "t").next(300)).isEqualTo(first);
        List<Article> other = new ArticleGenerator(6, START, SPACING, "t").next(300);
        assertThat(other.stream().map(Article::getText).toList()).isNotEqualTo(first.stream().map(Article::getText).toList());
    }

    @Test
    void articlesFollowEachOtherBySpacingAndOnlyRedeliveriesRepeatAnId() {
        List<Article> articles = new ArticleGenerator(7, START, SPACING, "t").next(2_000);
        Map<String, Article> byId = new HashMap<>();
        int redelivered = 0;
        int republished = 0;
        Set<String> outletTexts = new HashSet<>();
        for (int i = 0; i < articles.size(); i++) {
            Article a = articles.get(i);
            Article earlier = byId.putIfAbsent(a.getId(), a);
            if (earlier != null) {
                assertThat(a).as("a redelivery is the same article").isEqualTo(earlier);
                redelivered++;
                continue;
            }
            assertThat(a.getPublished()).isEqualTo(START.plus(SPACING.multipliedBy(i)));
            assertThat(a.getId()).isEqualTo(a.getLink()).startsWith("https://").contains("/t/");
            if (!outletTexts.add(a.getSource() + "\u0000" + a.getText())) {
                republished++;
            }
        }
        assertThat(redelivered).as("redeliveries").isBetween(5, 80);
        assertThat(republished).as("republications under another link").isBetween(5, 80);
    }

    @Test
    void retoldArticlesStateClaimsAboutManySubjectsAndCountries() {
        List<Article> articles = new ArticleGenerator(8, START, SPACING, "t").next(500);
        ClaimExtractor extractor = new ClaimExtractor();
        Set<String> subjects = new HashSet<>();
        Set<String> entities = new HashSet<>();
        int withClaims = 0;
        int wire = 0;
        int features = 0;
        for (Article a : articles) {
            List<NumericClaim> claims = extractor.extract(ArticleText.of(a.getId(), a.getText()));
            withClaims += claims.isEmpty() ? 0 : 1;
            claims.forEach(c -> {
                subjects.add(c.subjectKey());
                entities.add(c.subjectKey().substring(0, c.subjectKey().indexOf('/')));
            });
            wire += a.getText().contains("\n\n") ? 0 : 1;
            features += a.getText().length() > 4_000 ? 1 : 0;
        }
        assertThat(withClaims).isGreaterThan(articles.size() * 9 / 10);
        assertThat(entities).as("countries and bodies the subjects belong to").hasSizeGreaterThan(50);
        assertThat(subjects).hasSizeGreaterThan(1_000);
        assertThat(wire).as("short wire items").isBetween(articles.size() / 5, articles.size() / 2);
        assertThat(features).as("long features").isBetween(articles.size() / 10, articles.size() / 3);
    }
}
