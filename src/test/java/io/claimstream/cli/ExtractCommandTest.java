package io.claimstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/** {@code claimstream extract}: JSON Lines in, predictions out, bad lines named and skipped. */
class ExtractCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStderr() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
    }

    private int run(String... args) {
        return new CommandLine(new ClaimstreamCommand()).execute(args);
    }

    @Test
    void writesClaimsInThePredictionsFormat() throws Exception {
        Path in = dir.resolve("articles.jsonl");
        Path out = dir.resolve("claims.jsonl");
        Files.writeString(in, "{\"id\":\"a1\",\"title\":\"t\",\"text\":\"Russia lost 1,150 troops, the General Staff said.\","
            + "\"published\":\"2025-02-14T09:30:00Z\",\"link\":\"https://x.example/a1\",\"source\":\"wire\"}\n");

        assertThat(run("extract", "--input", in.toString(), "--output", out.toString())).isZero();

        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(1);
        JsonNode claim = JSON.readTree(lines.get(0));
        assertThat(claim.get("article_id").asText()).isEqualTo("a1");
        assertThat(claim.get("value").asDouble()).isEqualTo(1150);
        assertThat(claim.get("span").asText()).isEqualTo("1,150 troops");
        assertThat(claim.get("unit").asText()).isEqualTo("troop");
        assertThat(claim.get("claimant").asText()).isEqualTo("General Staff");
        for (String field : List.of("start", "end", "value_high", "qualifier", "change", "kind", "subject", "subject_key", "claim_key")) {
            assertThat(claim.has(field)).as(field).isTrue();
        }
    }

    @Test
    void aBadLineIsNamedAndTheOthersAreStillProcessed() throws Exception {
        Path in = dir.resolve("articles.jsonl");
        Path out = dir.resolve("claims.jsonl");
        Files.writeString(in, String.join("\n",
            "{\"id\":\"a1\",\"text\":\"Officials counted 412 cases.\"}",
            "{not json",
            "{\"id\":\"a3\"}",
            "{\"id\":\"a4\",\"text\":\"Officials counted 380 cases.\"}") + "\n");

        assertThat(run("extract", "--input", in.toString(), "--output", out.toString())).isEqualTo(1);

        assertThat(Files.readAllLines(out)).hasSize(2);
        String errors = err.toString(StandardCharsets.UTF_8);
        assertThat(errors).contains(in + ":2:").contains(in + ":3: no \"text\" string");
    }

    @Test
    void aPlainTextFileIsOneArticle() throws Exception {
        Path in = dir.resolve("story.txt");
        Path out = dir.resolve("claims.jsonl");
        Files.writeString(in, "About 153,000 people remain under evacuation orders.\n\nThe fire is 11% contained.\n");

        assertThat(run("extract", "--input", in.toString(), "--output", out.toString())).isZero();

        assertThat(Files.readAllLines(out)).hasSize(2).allSatisfy(l -> assertThat(l).contains("\"article_id\":\"" + in + "\""));
    }

    @Test
    void allQuantitiesLabelsTheNonClaims() throws Exception {
        Path in = dir.resolve("story.txt");
        Path out = dir.resolve("all.jsonl");
        Files.writeString(in, "On Feb. 15, a 45-year-old man said 12 F-16 jets arrived.");

        assertThat(run("extract", "--all-quantities", "--input", in.toString(), "--output", out.toString())).isZero();

        List<JsonNode> quantities = Files.readAllLines(out).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(quantities).extracting(q -> q.get("kind").asText()).containsExactly("date", "age", "count", "identifier");
        assertThat(quantities).extracting(q -> q.get("claim").asBoolean()).containsExactly(false, false, true, false);
    }

    @Test
    void aMissingInputIsOneClearLine() {
        assertThat(run("extract", "--input", dir.resolve("nope.jsonl").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file");
    }

    @Test
    void hostileLinesAreReadOrCutShortAndNeverStopTheBatch() throws Exception {
        Path in = dir.resolve("articles.jsonl");
        Path out = dir.resolve("claims.jsonl");
        String huge = "9".repeat(400);
        Files.writeString(in, String.join("\n",
            "{\"id\":\"a1\",\"text\":\"Officials counted \u0664\u0661\u0662 cases.\"}",
            "{\"id\":\"a2\",\"text\":\"The debt hit $" + huge + " billion. Officials counted 380 cases.\"}",
            "{\"id\":\"a3\",\"text\":\"" + "1,".repeat(3_000) + "1\"}",
            "{\"id\":\"a4\",\"text\":\"Officials counted \u0968\u0967 cases.\"}") + "\n");

        assertThat(run("extract", "--max-claims", "50", "--input", in.toString(), "--output", out.toString())).isZero();

        List<String> lines = Files.readAllLines(out);
        assertThat(lines.stream().filter(l -> l.contains("\"article_id\":\"a1\"")).toList()).singleElement()
            .satisfies(l -> assertThat(l).contains("\"value\":412"));
        assertThat(lines.stream().filter(l -> l.contains("\"article_id\":\"a2\"")).toList()).singleElement()
            .satisfies(l -> assertThat(l).contains("\"value\":380"));
        assertThat(lines.stream().filter(l -> l.contains("\"article_id\":\"a3\"")).count()).isEqualTo(50);
        assertThat(lines.stream().filter(l -> l.contains("\"article_id\":\"a4\"")).toList()).singleElement()
            .satisfies(l -> assertThat(l).contains("\"value\":21"));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(in + ":3: article a3 cut short (max-claims); 50 claim(s) kept");
    }

    @Test
    void aLimitThatIsNotPositiveIsAUsageError() {
        assertThat(run("extract", "--max-claims", "0", "--input", dir.resolve("nope.jsonl").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("extract: limits must be positive");
    }
}
