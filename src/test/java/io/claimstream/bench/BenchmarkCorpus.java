package io.claimstream.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.claimstream.extract.ArticleText;

/**
 * A realistic mix of article text for benchmarks, built from the project's annotated corpus:
 * short wire items (an article's first paragraph), the articles as written (number-dense
 * reports), and long features (several articles run together).
 */
public final class BenchmarkCorpus {

    private static final String CORPUS = "/corpus/articles.jsonl";
    private static final int FEATURE_ARTICLES = 6;

    private BenchmarkCorpus() {
    }

    /** Every article of the corpus as written. */
    public static List<ArticleText> articles() {
        List<ArticleText> articles = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = BenchmarkCorpus.class.getResourceAsStream(CORPUS)) {
            if (in == null) {
                throw new IllegalStateException(CORPUS + " is missing from the test classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode a = json.readTree(line);
                articles.add(new ArticleText(a.get("id").asText(), a.get("title").asText(), a.get("text").asText(),
                    OffsetDateTime.parse(a.get("published").asText()).toInstant(), a.get("link").asText(),
                    a.get("source").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return articles;
    }

    /** The mix: every article, its first paragraph as a wire item, and features of several articles. */
    public static List<ArticleText> mix() {
        List<ArticleText> mix = new ArrayList<>(reports());
        mix.addAll(wireItems());
        mix.addAll(features());
        return mix;
    }

    /**
     * One kind of article: {@code mix}, {@code report} (the number-dense articles as written),
     * {@code wire} (their first paragraphs) or {@code feature} (several articles run together).
     */
    public static List<ArticleText> category(String name) {
        return switch (name) {
            case "mix" -> mix();
            case "report" -> reports();
            case "wire" -> wireItems();
            case "feature" -> features();
            default -> throw new IllegalArgumentException("no article category " + name);
        };
    }

    private static List<ArticleText> reports() {
        return articles();
    }

    private static List<ArticleText> wireItems() {
        List<ArticleText> wire = new ArrayList<>();
        for (ArticleText a : articles()) {
            int paragraph = a.text().indexOf("\n\n");
            String lead = paragraph > 0 ? a.text().substring(0, paragraph) : a.text();
            wire.add(new ArticleText(a.id() + "-wire", a.title(), lead, a.published(), a.link(), a.source()));
        }
        return wire;
    }

    private static List<ArticleText> features() {
        List<ArticleText> articles = articles();
        List<ArticleText> features = new ArrayList<>();
        for (int i = 0; i + FEATURE_ARTICLES <= articles.size(); i += FEATURE_ARTICLES) {
            StringBuilder text = new StringBuilder();
            for (int j = i; j < i + FEATURE_ARTICLES; j++) {
                text.append(articles.get(j).text()).append("\n\n");
            }
            ArticleText first = articles.get(i);
            features.add(new ArticleText(first.id() + "-feature", first.title(), text.toString(), first.published(),
                first.link(), first.source()));
        }
        return features;
    }

    /** Bytes of UTF-8 text in {@code articles}. */
    public static long bytes(List<ArticleText> articles) {
        long total = 0;
        for (ArticleText a : articles) {
            total += a.text().getBytes(StandardCharsets.UTF_8).length;
        }
        return total;
    }
}
