package io.claimstream.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The extractor against the project's own annotated corpus (src/test/resources/corpus, written
 * for the project): claims are matched to gold claims as the shared scorer matches them (equal
 * value within 0.5 %, overlapping or nearest span within 200 characters), and precision, recall
 * and attribute accuracy must stay above floors.
 */
class ExtractorCorpusTest {

    private static final ClaimExtractor EXTRACTOR = new ClaimExtractor();
    private static final List<Pair> PAIRS = new ArrayList<>();
    private static int gold;
    private static int predicted;
    private static int articles;

    private record Gold(String articleId, int start, int end, double value, Double valueHigh, String unit,
                        String qualifier, String change, String claimant, String claimId) {
    }

    private record Pair(Gold gold, NumericClaim claim) {
    }

    @BeforeAll
    static void extractTheCorpus() throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = ExtractorCorpusTest.class.getResourceAsStream("/corpus/articles.jsonl")) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(Objects.requireNonNull(in), StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode a = json.readTree(line);
                String text = a.get("text").asText();
                ArticleText article = new ArticleText(a.get("id").asText(), a.get("title").asText(), text,
                    OffsetDateTime.parse(a.get("published").asText()).toInstant(), a.get("link").asText(),
                    a.get("source").asText());
                List<Gold> golds = new ArrayList<>();
                for (JsonNode c : a.get("claims")) {
                    String span = c.get("span").asText();
                    int start = text.indexOf(span);
                    golds.add(new Gold(article.id(), start, start + span.length(), c.get("value").asDouble(),
                        c.get("value_high").isNull() ? null : c.get("value_high").asDouble(), c.get("unit").asText(),
                        c.get("qualifier").asText(), c.get("change").isNull() ? null : c.get("change").asText(),
                        c.get("claimant").isNull() ? null : c.get("claimant").asText(), c.get("claim_id").asText()));
                }
                List<NumericClaim> claims = EXTRACTOR.extract(article);
                PAIRS.addAll(match(golds, claims));
                gold += golds.size();
                predicted += claims.size();
                articles++;
            }
        }
    }

    /** Greedy one-to-one matching on equal value, nearest span first (as score.py does). */
    private static List<Pair> match(List<Gold> golds, List<NumericClaim> claims) {
        record Candidate(int distance, int g, int p) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int g = 0; g < golds.size(); g++) {
            for (int p = 0; p < claims.size(); p++) {
                Gold gc = golds.get(g);
                NumericClaim pc = claims.get(p);
                if (!close(gc.value(), pc.value())) {
                    continue;
                }
                int distance = gc.start() < pc.end() && pc.start() < gc.end() ? 0
                    : Math.min(Math.abs(gc.start() - pc.end()), Math.abs(pc.start() - gc.end()));
                if (distance <= 200) {
                    candidates.add(new Candidate(distance, g, p));
                }
            }
        }
        candidates.sort(Comparator.comparingInt(Candidate::distance));
        Set<Integer> usedG = new HashSet<>();
        Set<Integer> usedP = new HashSet<>();
        List<Pair> pairs = new ArrayList<>();
        for (Candidate c : candidates) {
            if (!usedG.contains(c.g()) && !usedP.contains(c.p())) {
                usedG.add(c.g());
                usedP.add(c.p());
                pairs.add(new Pair(golds.get(c.g()), claims.get(c.p())));
            }
        }
        return pairs;
    }

    private static boolean close(double a, double b) {
        return a == b || Math.abs(a - b) <= 0.005 * Math.max(Math.abs(a), Math.abs(b));
    }

    @Test
    void theCorpusIsLargeEnough() {
        assertThat(articles).isGreaterThanOrEqualTo(40);
    }

    @Test
    void findsTheClaimsAndLittleElse() {
        double precision = (double) PAIRS.size() / predicted;
        double recall = (double) PAIRS.size() / gold;
        assertThat(precision).as("precision (%d of %d predicted)", PAIRS.size(), predicted).isGreaterThanOrEqualTo(0.95);
        assertThat(recall).as("recall (%d of %d gold)", PAIRS.size(), gold).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void readsUnitsQualifiersChangesAndRanges() {
        assertThat(accuracy(p -> p.gold().unit().equals(p.claim().unit()))).as("unit").isGreaterThanOrEqualTo(0.90);
        assertThat(accuracy(p -> p.gold().qualifier().equals(p.claim().qualifier().symbol()))).as("qualifier")
            .isGreaterThanOrEqualTo(0.95);
        assertThat(accuracy(p -> Objects.equals(p.gold().change(),
            p.claim().change() == null ? null : p.claim().change().label()))).as("change").isGreaterThanOrEqualTo(0.95);
        assertThat(accuracy(p -> p.gold().valueHigh() == null ? p.claim().valueHigh() == null
            : p.claim().valueHigh() != null && close(p.gold().valueHigh(), p.claim().valueHigh()))).as("value_high")
            .isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void attributesFiguresToTheirClaimants() {
        assertThat(accuracy(p -> sameClaimant(p.gold().claimant(), p.claim().claimant()))).as("claimant")
            .isGreaterThanOrEqualTo(0.80);
    }

    @Test
    void mergesOnlyReportsOfTheSameClaim() {
        int merged = 0;
        int wrong = 0;
        for (int i = 0; i < PAIRS.size(); i++) {
            for (int j = i + 1; j < PAIRS.size(); j++) {
                Pair a = PAIRS.get(i);
                Pair b = PAIRS.get(j);
                if (a.gold().articleId().equals(b.gold().articleId()) || !a.claim().claimKey().equals(b.claim().claimKey())) {
                    continue;
                }
                merged++;
                wrong += a.gold().claimId().equals(b.gold().claimId()) ? 0 : 1;
            }
        }
        assertThat(merged).as("claims merged across articles").isGreaterThan(10);
        assertThat(1.0 - (double) wrong / merged).as("precision of merged claims").isGreaterThanOrEqualTo(0.85);
    }

    private static double accuracy(java.util.function.Predicate<Pair> correct) {
        return (double) PAIRS.stream().filter(correct).count() / PAIRS.size();
    }

    /** As the scorer: equal, same last word, or one within the other, ignoring case and full stops. */
    private static boolean sameClaimant(String gold, String predicted) {
        if (gold == null || predicted == null) {
            return gold == null && predicted == null;
        }
        String g = norm(gold);
        String p = norm(predicted);
        String[] gw = g.split(" ");
        String[] pw = p.split(" ");
        return g.equals(p) || gw[gw.length - 1].equals(pw[pw.length - 1]) || g.contains(p) || p.contains(g);
    }

    private static String norm(String s) {
        return String.join(" ", s.toLowerCase(Locale.ROOT).replace(".", "").trim().split("\\s+"));
    }
}
