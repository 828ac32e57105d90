package io.claimstream.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.claimstream.avro.Article;

/**
 * Articles of an annotated corpus in the gold format ({@code shared/eval/GOLD_FORMAT.md}), as
 * the ingester would publish them.
 */
public final class GoldCorpus {

    /** The shared development corpus, beside the checkout as on the development machines. */
    public static final Path SHARED_DEV = Path.of("..", "shared", "eval", "dev", "gold.jsonl");

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldCorpus() {
    }

    /**
     * The shared development corpus where it exists (system property {@code claimstream.gold}
     * overrides its path), else the annotated corpus bundled with the tests, which has the same
     * format; a fresh clone has only the latter.
     */
    public static Path devOrBundled() {
        String configured = System.getProperty("claimstream.gold");
        if (configured != null) {
            return Path.of(configured);
        }
        return Files.isRegularFile(SHARED_DEV) ? SHARED_DEV : bundled();
    }

    /** {@code src/test/resources/corpus/articles.jsonl}, from the test classpath. */
    public static Path bundled() {
        try {
            return Path.of(Objects.requireNonNull(GoldCorpus.class.getResource("/corpus/articles.jsonl"),
                "corpus/articles.jsonl on the test classpath").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every article of the file, in file order; each fetched five minutes after it was published. */
    public static List<Article> read(Path jsonl) {
        List<Article> articles = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                Instant published = Instant.parse(node.get("published").asText());
                articles.add(Article.newBuilder()
                    .setId(node.get("id").asText())
                    .setSource(node.get("source").asText())
                    .setTitle(node.path("title").asText(""))
                    .setLink(node.hasNonNull("link") ? node.get("link").asText() : null)
                    .setText(node.get("text").asText())
                    .setPublished(published)
                    .setFetched(published.plusSeconds(300))
                    .setLanguage("en")
                    .build());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jsonl, e);
        }
        return articles;
    }
}
