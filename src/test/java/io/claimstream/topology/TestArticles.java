package io.claimstream.topology;

import java.time.Instant;

import io.claimstream.avro.Article;

/** Articles written for tests. */
public final class TestArticles {

    private TestArticles() {
    }

    /** An article of {@code source} published at {@code published}, fetched a minute later. */
    public static Article article(String id, String source, String text, Instant published) {
        return Article.newBuilder()
            .setId(id)
            .setSource(source)
            .setTitle("Headline of " + id)
            .setLink("https://" + source + ".example/" + id)
            .setText(text)
            .setPublished(published)
            .setFetched(published == null ? Instant.parse("2025-02-14T12:00:00Z") : published.plusSeconds(60))
            .setLanguage("en")
            .build();
    }
}
