package io.claimstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void paragraphsBecomeBlankLinesAndInlineMarkupDisappears() {
        String html = "<div><p>The toll rose to <b>2,300</b>,\n officials said.</p><p>Another&nbsp;10,000 were hurt.</p></div>";

        assertThat(HtmlText.fromHtml(html))
            .isEqualTo("The toll rose to 2,300, officials said.\n\nAnother 10,000 were hurt.");
    }

    @Test
    void scriptsStylesAndFramesAreNotText() {
        String html = "<p>Kept</p><script>var x = 1;</script><style>p{}</style><iframe src=x>no</iframe><p>Also kept</p>";

        assertThat(HtmlText.fromHtml(html)).isEqualTo("Kept\n\nAlso kept");
    }

    @Test
    void lineBreaksAndListItemsSeparateSentences() {
        assertThat(HtmlText.fromHtml("One<br>Two<ul><li>Three</li><li>Four</li></ul>"))
            .isEqualTo("One\nTwo\n\nThree\n\nFour");
    }

    @Test
    void textWithoutTagsKeepsItsParagraphsAndLosesEntities() {
        assertThat(HtmlText.fromHtml("Prices rose 3&nbsp;%.\n\n  Wages rose 2 %. ")).isEqualTo("Prices rose 3 %.\n\nWages rose 2 %.");
    }

    @Test
    void inlineTextIsOneLine() {
        assertThat(HtmlText.inline("<em>Breaking:</em>\n  toll   rises")).isEqualTo("Breaking: toll rises");
    }

    @Test
    void plainTextSpacingIsTidiedAsTheRulesSayWhateverTheMixOfSpacesAndBreaks() {
        Random random = new Random(7);
        String alphabet = "ab \t\r\n\u00A0\u2007\u202F\u2003";
        for (int run = 0; run < 5_000; run++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(30); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String input = text.toString();
            assertThat(HtmlText.fromPlainText(input)).as("tidied %s", input.codePoints()
                .mapToObj(c -> String.format("U+%04X", c)).toList()).isEqualTo(byRules(input.replace("\r\n", "\n")));
        }
    }

    /** The rules as regular expressions: slow on whole articles, plain to read. */
    private static String byRules(String text) {
        return text.replaceAll("[ \\t\\x0B\\f\\r\\u00A0\\u2007\\u202F]+", " ")
            .replaceAll(" *\\n *", "\n")
            .replaceAll("\\n{3,}", "\n\n")
            .strip();
    }
}
