package io.claimstream.extract;

import java.time.Instant;
import java.util.Objects;

/** The extractor's input: one article. Only {@code text} is required. */
public record ArticleText(String id, String title, String text, Instant published, String link, String source) {

    public ArticleText {
        Objects.requireNonNull(text, "text");
        id = id == null ? "" : id;
        title = title == null ? "" : title;
    }

    public static ArticleText of(String id, String text) {
        return new ArticleText(id, "", text, null, null, null);
    }
}
