package io.claimstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class XmlCleanerTest {

    /** A piece of a feed and what the cleaner must make of it, whatever comes before or after. */
    private record Piece(String in, String out) {
    }

    private static final List<Piece> PIECES = List.of(
        new Piece("Troops ", "Troops "),
        new Piece("<p>", "<p>"),
        new Piece("é—’ ", "é—’ "),
        new Piece("&amp;", "&amp;"),
        new Piece("&#169;", "&#169;"),
        new Piece("&#x20AC;", "&#x20AC;"),
        new Piece("& ", "&amp; "),
        new Piece("&nbsp;", "&#160;"),
        new Piece("&#0;", "&amp;#0;"),
        new Piece("&unknown;", "&amp;unknown;"),
        new Piece("\u0001", ""),
        new Piece("\uFFFE", ""),
        new Piece("\uD83D\uDE00", "\uD83D\uDE00"),
        new Piece("\uD83Dx", "x"),
        new Piece("\uDE00", ""),
        new Piece("<![CDATA[a & b\u0001 &nbsp;<p>]]>", "<![CDATA[a & b &nbsp;<p>]]>"),
        new Piece("<!-- & \u0002 -->", "<!-- &  -->"),
        new Piece("<!x", "<!x"));

    @Test
    void bareAmpersandsAndHtmlEntitiesBecomeXmlAndForbiddenCharactersGo() throws Exception {
        assertThat(XmlCleaner.clean("<rss>AT&T &nbsp;rose 5&#37;\u0000</rss>")).isEqualTo("<rss>AT&amp;T &#160;rose 5&#37;</rss>");
    }

    @Test
    void cdataAndCommentsKeepTheirAmpersandsButLoseForbiddenCharacters() throws Exception {
        assertThat(XmlCleaner.clean("<a><![CDATA[R&D \u0007up]]><!-- Q&A --></a>")).isEqualTo("<a><![CDATA[R&D up]]><!-- Q&A --></a>");
    }

    @Test
    void anUnterminatedCdataSectionRunsToTheEnd() throws Exception {
        assertThat(XmlCleaner.clean("<a><![CDATA[R&D\u0001")).isEqualTo("<a><![CDATA[R&D");
    }

    @Test
    void everyPieceIsRepairedTheSameWayWhateverItsNeighbours() throws Exception {
        Random random = new Random(11);
        for (int run = 0; run < 5_000; run++) {
            StringBuilder in = new StringBuilder("<rss>");
            StringBuilder expected = new StringBuilder("<rss>");
            for (int i = random.nextInt(12); i > 0; i--) {
                Piece piece = PIECES.get(random.nextInt(PIECES.size()));
                in.append(piece.in());
                expected.append(piece.out());
            }
            assertThat(XmlCleaner.clean(in.toString())).as("cleaned %s", in).isEqualTo(expected.toString());
        }
    }

    @Test
    void tagsDeeperThanTheLimitAreDroppedAndTheirTextKept() {
        String shallow = "<a><b x='>'><!-- <c><d> --><![CDATA[<e><f>]]><g/></b></a>";
        String deep = "<a><b><c>one<d>two<e>three</e></d><br/></c></b><?pi <x>?></a>";

        assertThat(XmlCleaner.limitDepth(shallow, 3)).isSameAs(shallow);
        assertThat(XmlCleaner.limitDepth(deep, 2)).isEqualTo("<a><b>onetwothree</b><?pi <x>?></a>");
        assertThat(XmlCleaner.limitDepth("<a><b><c>" + "<x>".repeat(100_000) + "1", 3)).isEqualTo("<a><b><c>1");
    }
}
