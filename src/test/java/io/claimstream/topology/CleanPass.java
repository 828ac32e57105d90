package io.claimstream.topology;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.claimstream.avro.Article;
import io.claimstream.avro.SubjectClaims;
import io.claimstream.extract.ArticleText;
import io.claimstream.extract.NumericClaim;
import io.claimstream.registry.EmbeddedSchemaRegistry;
import io.claimstream.registry.InMemoryRegistry;

/**
 * The references that runs on a real broker are compared with: what a single clean pass over
 * a corpus gives — every article once, in publication order, without interruption.
 */
public final class CleanPass {

    /**
     * Retention far beyond any test corpus's span: what a run keeps must not depend on how far
     * stream time got when a late article arrived. Expiry has its own test.
     */
    public static final Map<String, Object> LONG_RETENTION =
        Map.of(ClaimsSettings.CLAIM_RETENTION_MS, Duration.ofDays(3650).toMillis());

    private CleanPass() {
    }

    /** claims.by-subject after the clean pass through the topology (in a TopologyTestDriver). */
    public static Map<String, SubjectClaims> table(List<Article> articles, Map<String, ?> settings, Path stateDir) {
        List<Article> inOrder = articles.stream().sorted(Comparator.comparing(ArticleTime::of)).toList();
        try (EmbeddedSchemaRegistry registry = InMemoryRegistry.start();
             TopologyHarness topology = new TopologyHarness(registry.url(), stateDir, settings)) {
            inOrder.forEach(topology::publish);
            return new TreeMap<>(TopologyHarness.table(topology.subjectRecords()));
        }
    }

    /**
     * Mentions per subject key and claim key straight from the extractor, without Kafka: the
     * number of distinct articles of the corpus that state each claim.
     */
    public static Map<String, Map<String, Long>> mentionCounts(List<Article> articles) {
        Map<String, Map<String, Set<String>>> articlesByClaim = new TreeMap<>();
        for (Article a : articles) {
            ArticleText text = new ArticleText(a.getId(), a.getTitle(), a.getText(), ArticleTime.of(a), a.getLink(), a.getSource());
            for (NumericClaim c : TopologyHarness.EXTRACTOR.extract(text)) {
                articlesByClaim.computeIfAbsent(c.subjectKey(), k -> new TreeMap<>())
                    .computeIfAbsent(c.claimKey(), k -> new java.util.TreeSet<>()).add(a.getId());
            }
        }
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        articlesByClaim.forEach((subject, claims) -> claims.forEach((claim, ids) ->
            counts.computeIfAbsent(subject, k -> new TreeMap<>()).put(claim, (long) ids.size())));
        return counts;
    }

    /** Mentions per subject key and claim key as a claims.by-subject table holds them. */
    public static Map<String, Map<String, Long>> mentionCounts(Map<String, SubjectClaims> table) {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        table.forEach((subject, record) -> record.getClaims().forEach(c ->
            counts.computeIfAbsent(subject, k -> new TreeMap<>()).put(c.getClaimKey(), c.getMentions())));
        return counts;
    }
}
