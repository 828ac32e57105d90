package io.claimstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArticleFingerprintTest {

    private static final String TEXT = "Russia lost 1,150 troops over the past day, the General Staff said.";

    @Test
    void aRepublicationThatOnlyChangesSpacingQuotesAndCaseHasTheSameFingerprint() {
        assertThat(ArticleFingerprint.of("kyiv-wire", "  RUSSIA lost 1,150 troops\n\nover the past day — the “General Staff” said "))
            .isEqualTo(ArticleFingerprint.of("kyiv-wire", TEXT));
    }

    @Test
    void anotherOutletOrAnotherFigureHasAnotherFingerprint() {
        assertThat(ArticleFingerprint.of("continental-post", TEXT)).isNotEqualTo(ArticleFingerprint.of("kyiv-wire", TEXT));
        assertThat(ArticleFingerprint.of("kyiv-wire", TEXT.replace("1,150", "1,160")))
            .isNotEqualTo(ArticleFingerprint.of("kyiv-wire", TEXT));
    }

    @Test
    void aTextWithoutWordsIsNotFingerprinted() {
        assertThat(ArticleFingerprint.of("kyiv-wire", " \n — ")).isEmpty();
    }
}
