package io.claimstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

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
}
