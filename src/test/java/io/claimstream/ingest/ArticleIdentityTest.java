package io.claimstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArticleIdentityTest {

    @Test
    void aGuidIsTheId() {
        assertThat(ArticleIdentity.of(" tag:news.example,2025:42 ", "https://news.example/a", "T", "x"))
            .isEqualTo("tag:news.example,2025:42");
    }

    @Test
    void aBareNumberGuidIsNotGloballyUniqueSoTheLinkIsUsed() {
        assertThat(ArticleIdentity.of("12345", "https://news.example/a", "T", "x")).isEqualTo("https://news.example/a");
    }

    @Test
    void theCanonicalLinkDropsTrackingFragmentAndDefaultPortAndLowerCasesSchemeAndHost() {
        assertThat(ArticleIdentity.canonicalLink(
            "HTTPS://News.Example.COM:443/World/Story?utm_source=rss&id=7&utm_campaign=x&fbclid=abc#comments"))
            .isEqualTo("https://news.example.com/World/Story?id=7");
        assertThat(ArticleIdentity.canonicalLink("http://news.example.com")).isEqualTo("http://news.example.com/");
        assertThat(ArticleIdentity.canonicalLink("http://news.example.com:8080/a?utm_medium=feed"))
            .isEqualTo("http://news.example.com:8080/a");
    }

    @Test
    void theSameStoryLinkedTwoWaysGetsOneId() {
        assertThat(ArticleIdentity.of(null, "https://news.example/a?utm_source=twitter", "T", "x"))
            .isEqualTo(ArticleIdentity.of(null, "https://NEWS.example/a#top", "Other title", "y"));
    }

    @Test
    void withoutGuidOrLinkTheIdIsAHashOfTitleAndText() {
        String id = ArticleIdentity.of(null, null, "Flood  toll rises", "At least 12 died.");

        assertThat(id).startsWith("sha256:").hasSize("sha256:".length() + 32);
        assertThat(ArticleIdentity.of(null, "not a link", "flood toll rises ", "At least 12 died.")).isEqualTo(id);
        assertThat(ArticleIdentity.of(null, null, "Flood toll rises", "At least 13 died.")).isNotEqualTo(id);
    }
}
