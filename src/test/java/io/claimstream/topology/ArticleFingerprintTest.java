package io.claimstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

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

    @Test
    void normalisingGivesWhatTheRegularExpressionOfEarlierVersionsGaveSoStoredFingerprintsStayValid() {
        Pattern notWord = Pattern.compile("[^\\p{L}\\p{N}]+");
        // Letters and numbers of several scripts and categories, marks, spaces, punctuation, symbols,
        // surrogate pairs and unpaired surrogates, compatibility forms NFKC folds.
        int[] pool = {'a', 'Z', '7', ' ', '\n', '\t', ',', '.', '-', '\u2014', '\u201c', '\u00a0', '\u00e9', '\u0301', '\u03a3', '\u03c2',
            '\u0660', '\u2163', '\u00bd', '\u02b0', '\u01c5', '\u4e2d', '\u3000', '\uff21', '\ufb01', '\u00b2', '\u2460', '$', '\u20ac',
            0x1d400, 0x1f600, 0x10400, 0xd800, 0xdc00, '\u0130', '\u0049', '\u200b', '\u00ad'};
        Random random = new Random(42);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                text.appendCodePoint(pool[random.nextInt(pool.length)]);
            }
            String folded = Normalizer.normalize(text.toString(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
            assertThat(ArticleFingerprint.normalise(text.toString())).as("%s", text)
                .isEqualTo(notWord.matcher(folded).replaceAll(" ").strip());
        }
    }
}
