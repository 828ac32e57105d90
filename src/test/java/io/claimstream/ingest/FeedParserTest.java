package io.claimstream.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedParserTest {

    private static final Instant FETCHED = Instant.parse("2025-03-12T12:00:00Z");
    private static final URI LOCATION = URI.create("https://ledger.example.com/feeds/main.xml");

    private final FeedParser parser = new FeedParser(IngestSettings.defaults());

    @TempDir
    Path tmp;

    @Test
    void rss091YieldsArticlesDespiteItsDoctypeAndHtmlEntities() throws Exception {
        ParsedFeed feed = parse("rss091.xml", null);

        assertThat(feed.title()).isEqualTo("Old Town Gazette");
        assertThat(feed.language()).isEqualTo("en-gb");
        assertThat(feed.items()).extracting(FeedItem::title)
            .containsExactly("Council approves £4.2m bridge repair", "Library lends its millionth book");
        FeedItem first = feed.items().get(0);
        assertThat(first.id()).isEqualTo("http://gazette.example.org/news/bridge-repair.html");
        assertThat(first.text()).contains("£4.2 million").contains("18,000 vehicles");
        assertThat(first.publishedFrom()).isEqualTo(FeedItem.DateSource.FETCH_TIME);
        assertThat(first.published()).isEqualTo(FETCHED);
    }

    @Test
    void rss10RdfYieldsArticles() throws Exception {
        ParsedFeed feed = parse("rss10.rdf", null);

        assertThat(feed.items()).hasSize(1);
        FeedItem item = feed.items().get(0);
        assertThat(item.title()).isEqualTo("Glacier lost 12 percent of its mass");
        assertThat(item.id()).isEqualTo("https://science.example.net/2025/glacier");
        assertThat(item.published()).isEqualTo(Instant.parse("2025-02-10T08:30:00Z"));
        assertThat(item.author()).isEqualTo("Ana Ruiz");
        assertThat(item.language()).isEqualTo("en");
    }

    @Test
    void rss20PrefersContentEncodedAndKeepsParagraphs() throws Exception {
        FeedItem item = parse("rss20.xml", "application/rss+xml").items().get(0);

        assertThat(item.id()).isEqualTo("ledger-2025-0311-inflation");
        assertThat(item.text()).isEqualTo(
            "Consumer prices rose 2.4% in the year to February, down from 2.8%.\n\n"
                + "Core inflation held at 3.1%, the statistics office said.");
        assertThat(item.author()).isEqualTo("Maria Keller");
        assertThat(item.published()).isEqualTo(Instant.parse("2025-03-11T09:15:00Z"));
        assertThat(item.publishedFrom()).isEqualTo(FeedItem.DateSource.FEED);
    }

    @Test
    void rss20ResolvesRelativeLinksAgainstWhereTheFeedCameFrom() throws Exception {
        FeedItem item = parse("rss20.xml", null).items().get(0);

        assertThat(item.link()).isEqualTo("https://ledger.example.com/economy/inflation-eases");
    }

    @Test
    void aBareNumberGuidGivesWayToTheCanonicalLink() throws Exception {
        FeedItem item = parse("rss20.xml", null).items().get(1);

        assertThat(item.id()).isEqualTo("https://ledger.example.com/economy/orders?id=7");
        assertThat(item.link()).isEqualTo("https://ledger.example.com/economy/orders?id=7");
        assertThat(item.published()).isEqualTo(Instant.parse("2025-03-10T18:00:00Z"));
        assertThat(item.publishedFrom()).isEqualTo(FeedItem.DateSource.FEED_NONSTANDARD);
    }

    @Test
    void anItemWithoutGuidOrLinkIsIdentifiedByItsContent() throws Exception {
        FeedItem once = parse("rss20.xml", null).items().get(2);
        FeedItem again = parse("rss20.xml", null).items().get(2);

        assertThat(once.id()).startsWith("sha256:").isEqualTo(again.id());
        assertThat(once.link()).isNull();
        assertThat(once.publishedFrom()).isEqualTo(FeedItem.DateSource.FETCH_TIME);
    }

    @Test
    void atom03YieldsArticles() throws Exception {
        ParsedFeed feed = parse("atom03.xml", null);

        assertThat(feed.items()).hasSize(1);
        FeedItem item = feed.items().get(0);
        assertThat(item.id()).isEqualTo("tag:harbour.example.org,2025:containers");
        assertThat(item.title()).isEqualTo("Port handled 3.1 million containers");
        assertThat(item.text()).contains("3.1 million containers");
        assertThat(item.published()).isEqualTo(Instant.parse("2025-01-20T09:00:00Z"));
    }

    @Test
    void atom10YieldsArticlesWithLinksResolvedAgainstXmlBase() throws Exception {
        ParsedFeed feed = parse("atom10.xml", "application/atom+xml");

        assertThat(feed.items()).hasSize(2);
        FeedItem flood = feed.items().get(0);
        assertThat(flood.id()).isEqualTo("urn:uuid:7b2f0a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b");
        assertThat(flood.link()).isEqualTo("https://northern.example.co.uk/news/2025/03/flood");
        assertThat(flood.text()).isEqualTo("About 40,000 people have left their homes.\n\nOfficials said 1,200 homes were flooded.");
        assertThat(flood.author()).isEqualTo("Tom Price");
        assertThat(flood.language()).isEqualTo("en-GB");
        assertThat(feed.items().get(1).text()).isEqualTo("First paragraph says 3 < 5.\n\nSecond paragraph.");
    }

    @Test
    void utf8BytesDeclaredAsLatin1AreReadAsUtf8() throws Exception {
        byte[] body = rss("ISO-8859-1", "Zürich: €2.5bn for São Paulo — “record”").getBytes(UTF_8);

        FeedItem item = parser.parse(body, "text/xml", LOCATION, FETCHED).items().get(0);

        assertThat(item.title()).isEqualTo("Zürich: €2.5bn for São Paulo — “record”");
    }

    @Test
    void windows1252BytesDeclaredAsUtf8AreReadAsWindows1252() throws Exception {
        byte[] body = rss("UTF-8", "Café prices up 5% – €3").getBytes(Charset.forName("windows-1252"));

        FeedItem item = parser.parse(body, "application/rss+xml; charset=utf-8", LOCATION, FETCHED).items().get(0);

        assertThat(item.title()).isEqualTo("Café prices up 5% – €3");
    }

    @Test
    void aByteOrderMarkWinsOverTheHeaderAndDeclaration() throws Exception {
        byte[] xml = rss("ISO-8859-1", "Köln").getBytes(Charset.forName("UTF-16LE"));
        byte[] body = new byte[xml.length + 2];
        body[0] = (byte) 0xFF;
        body[1] = (byte) 0xFE;
        System.arraycopy(xml, 0, body, 2, xml.length);

        FeedItem item = parser.parse(body, "text/xml; charset=iso-8859-1", LOCATION, FETCHED).items().get(0);

        assertThat(item.title()).isEqualTo("Köln");
    }

    @Test
    void latin1TextDeclaredAsLatin1StaysLatin1() throws Exception {
        byte[] body = rss("ISO-8859-1", "Müller zahlt 5 €").getBytes(Charset.forName("windows-1252"));

        assertThat(parser.parse(body, null, LOCATION, FETCHED).items().get(0).title()).isEqualTo("Müller zahlt 5 €");
    }

    @Test
    void junkBeforeTheFirstTagAndUndeclaredEntitiesAreRepaired() throws Exception {
        String xml = "\n\n  garbage from a PHP warning\n<rss version=\"2.0\"><channel><title>T</title><item>"
            + "<title>Prices&nbsp;rose &mdash; 3&frac12;% &amp; more, AT&T said</title><link>https://x.example/a</link>"
            + "</item></channel></rss>";

        FeedItem item = parser.parse(xml.getBytes(UTF_8), null, LOCATION, FETCHED).items().get(0);

        assertThat(item.title()).isEqualTo("Prices rose — 3½% & more, AT&T said");
    }

    @Test
    void anExternalEntityIsRefusedWithoutReadingTheFile() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "TOP-SECRET-42");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
            + "<rss version=\"2.0\"><channel><title>&xxe;</title><item><title>&xxe;</title>"
            + "<link>https://x.example/a</link></item></channel></rss>";

        assertThatThrownBy(() -> parser.parse(xxe.getBytes(UTF_8), null, LOCATION, FETCHED))
            .isInstanceOf(FeedParseException.class)
            .hasMessageContaining("refused")
            .hasMessageNotContaining("TOP-SECRET-42");
    }

    @Test
    void anExternalDtdIsNeverFetched() throws Exception {
        try (LoopbackHttpServer attacker = new LoopbackHttpServer()) {
            String dtd = attacker.uri("/evil.dtd").toString();
            String plainDoctype = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss SYSTEM \"" + dtd + "\">\n"
                + "<rss version=\"2.0\"><channel><title>T</title><item><title>Fine</title><link>https://x.example/a</link>"
                + "</item></channel></rss>";
            String parameterEntity = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY % remote SYSTEM \"" + dtd + "\"> %remote;]>\n"
                + "<rss version=\"2.0\"><channel><title>T</title></channel></rss>";

            assertThat(parser.parse(plainDoctype.getBytes(UTF_8), null, LOCATION, FETCHED).items())
                .extracting(FeedItem::title).containsExactly("Fine");
            assertThatThrownBy(() -> parser.parse(parameterEntity.getBytes(UTF_8), null, LOCATION, FETCHED))
                .isInstanceOf(FeedParseException.class);
            assertThat(attacker.requests()).isEmpty();
        }
    }

    @Test
    void aBillionLaughsPayloadIsRefused() {
        StringBuilder doctype = new StringBuilder("<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            doctype.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                doctype.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
            }
            doctype.append("\">\n");
        }
        doctype.append("]>\n");
        String bomb = "<?xml version=\"1.0\"?>\n" + doctype
            + "<rss version=\"2.0\"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>";

        assertThatThrownBy(() -> parser.parse(bomb.getBytes(UTF_8), null, LOCATION, FETCHED))
            .isInstanceOf(FeedParseException.class)
            .hasMessageContaining("declares XML entities");
    }

    @Test
    void theXmlParserItselfRefusesADoctypeEvenWithoutTheCleaner() {
        String xxe = "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><rss><channel><title>&xxe;</title></channel></rss>";

        assertThatThrownBy(() -> FeedParser.buildDocument(xxe))
            .isInstanceOf(FeedParseException.class)
            .hasMessageContaining("DOCTYPE");
    }

    @Test
    void aDoctypeMentionedInsideContentIsContentNotADoctype() throws Exception {
        String xml = "<rss version=\"2.0\"><channel><title>T</title><item><title>HTML tips</title><link>https://x.example/a</link>"
            + "<description><![CDATA[<p>Start pages with <code>&lt;!DOCTYPE html [&lt;!ENTITY</code> to confuse &nbsp; parsers.</p>]]></description>"
            + "</item></channel></rss>";

        FeedItem item = parser.parse(xml.getBytes(UTF_8), null, LOCATION, FETCHED).items().get(0);

        assertThat(item.text()).contains("<!DOCTYPE html [<!ENTITY");
    }

    @Test
    void malformedXmlGivesTheReasonAndPosition() {
        String broken = "<rss version=\"2.0\"><channel><title>T</title><item><title>Unclosed</item></channel></rss>";

        assertThatThrownBy(() -> parser.parse(broken.getBytes(UTF_8), null, LOCATION, FETCHED))
            .isInstanceOf(FeedParseException.class)
            .hasMessageStartingWith("invalid XML at line 1");
    }

    @Test
    void anHtmlPageIsNotAFeed() {
        String html = "<html><head><title>Home</title></head><body><p>Welcome</p></body></html>";

        assertThatThrownBy(() -> parser.parse(html.getBytes(UTF_8), "text/html", LOCATION, FETCHED))
            .isInstanceOf(FeedParseException.class)
            .hasMessage("an HTML page, not a feed");
    }

    @Test
    void aRealHtmlPageThatIsNotEvenXmlIsAnHtmlPage() {
        // A home page served where the feed was: HTML5 doctype, void elements, no XML at all.
        assertThatThrownBy(() -> parse("html-page.html", "text/html; charset=utf-8"))
            .isInstanceOf(FeedParseException.class)
            .hasMessage("an HTML page, not a feed");
        assertThatThrownBy(() -> parse("html-page.html", null))
            .hasMessage("an HTML page, not a feed");
    }

    @Test
    void brokenRssServedAsHtmlIsStillReportedAsBrokenXml() {
        String broken = "<rss version=\"2.0\"><channel><title>T</title><item><title>Unclosed</item></channel></rss>";

        assertThatThrownBy(() -> parser.parse(broken.getBytes(UTF_8), "text/html; charset=utf-8", LOCATION, FETCHED))
            .hasMessageStartingWith("invalid XML at line 1");
    }

    @Test
    void elementsNested2000DeepAreReadAsTextInsteadOfOverflowingTheStack() throws Exception {
        // 2,000 nested <b> inside a description, 14 KB: Rome overflowed the stack of a poll thread on this.
        ParsedFeed feed = onSmallStack(() -> parse("nested-2000.xml", "application/rss+xml"));

        assertThat(feed.items()).extracting(FeedItem::title).containsExactly("Nested item", "Plain item");
        assertThat(feed.items().get(0).text()).contains("Storm damage put at 4.5 million");
    }

    @Test
    void nestingFarDeeperStillEndsInItemsOrAReasonNeverAnError() {
        String deep = "<rss version=\"2.0\"><channel><title>T</title><item><title>Deep</title><link>https://x.example/d</link>"
            + "<category>" + "<x>".repeat(50_000) + "42" + "</x>".repeat(50_000) + "</category></item></channel></rss>";

        long start = System.nanoTime();
        assertThatCode(() -> {
            try {
                assertThat(onSmallStack(() -> parser.parse(deep.getBytes(UTF_8), null, LOCATION, FETCHED)).items()).hasSize(1);
            } catch (FeedParseException e) {
                assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("Error");
            }
        }).doesNotThrowAnyException();
        // The tree builder's time is quadratic in depth: 50,000 levels took 12 s before depth was limited.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    /** Runs {@code parse} on a thread with a 256 KB stack, smaller than a poll thread's, as the main thread's 8 MB hides overflows. */
    private static ParsedFeed onSmallStack(Callable<ParsedFeed> parse) throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                outcome.set(parse.call());
            } catch (Throwable e) {
                outcome.set(e);
            }
        }, "small-stack", 256 * 1024);
        thread.start();
        thread.join();
        if (outcome.get() instanceof FeedParseException) {
            throw (FeedParseException) outcome.get();
        }
        if (outcome.get() instanceof Throwable) {
            throw new AssertionError("the parser threw " + outcome.get(), (Throwable) outcome.get());
        }
        return (ParsedFeed) outcome.get();
    }

    @Test
    void rssItemsWithoutAChannelAreRead() throws Exception {
        ParsedFeed feed = parse("channel-less.xml", "application/rss+xml");

        assertThat(feed.title()).isEqualTo("Loose Wire");
        assertThat(feed.items()).extracting(FeedItem::link)
            .containsExactly("https://loose.example/port", "https://loose.example/second");
        assertThat(feed.items().get(0).published()).isEqualTo(Instant.parse("2025-03-04T09:00:00Z"));
    }

    @Test
    void onlyHttpLinksAreKept() throws Exception {
        String xml = "<rss version=\"2.0\"><channel><title>T</title>"
            + "<item><title>Script</title><link>javascript:alert(document.cookie)</link><guid>g1</guid></item>"
            + "<item><title>Data</title><link>data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;</link><guid>g2</guid></item>"
            + "<item><title>Fine</title><link>HTTPS://x.example/fine</link><guid>g3</guid></item></channel></rss>";

        List<FeedItem> items = parser.parse(xml.getBytes(UTF_8), null, LOCATION, FETCHED).items();

        assertThat(items).extracting(FeedItem::title).containsExactly("Script", "Data", "Fine");
        assertThat(items.get(0).link()).isNull();
        assertThat(items.get(1).link()).isNull();
        assertThat(items.get(2).link()).isEqualTo("https://x.example/fine");
    }

    @Test
    void rssWithoutChannelOrItemsSaysSo() {
        String empty = "<rss version=\"2.0\"><title>Nothing</title></rss>";

        assertThatThrownBy(() -> parser.parse(empty.getBytes(UTF_8), null, LOCATION, FETCHED))
            .isInstanceOf(FeedParseException.class)
            .hasMessageStartingWith("no channel element");
    }

    @Test
    void rss10WithoutAChannelIsReadAndRssWithoutAVersionIsReadAs20() throws Exception {
        String rdf = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\">"
            + "<item rdf:about=\"https://r.example/1\"><title>One</title><link>https://r.example/1</link></item></rdf:RDF>";
        String unversioned = "<rss><channel><title>T</title><item><title>Two</title><link>https://r.example/2</link></item>"
            + "</channel></rss>";

        assertThat(parser.parse(rdf.getBytes(UTF_8), null, LOCATION, FETCHED).items()).extracting(FeedItem::title)
            .containsExactly("One");
        assertThat(parser.parse(unversioned.getBytes(UTF_8), null, LOCATION, FETCHED).items()).extracting(FeedItem::title)
            .containsExactly("Two");
    }

    @Test
    void jsonAndBinaryAreNotXml() {
        assertThatThrownBy(() -> parser.parse("{\"items\": [\"<b>x</b>\"]}".getBytes(UTF_8), null, LOCATION, FETCHED))
            .hasMessage("not XML: the response is JSON, not an RSS or Atom feed");
        byte[] binary = new byte[2048];
        new java.util.Random(7).nextBytes(binary);
        binary[100] = '<';
        assertThatThrownBy(() -> parser.parse(binary, "application/octet-stream", LOCATION, FETCHED))
            .hasMessage("not XML: the response is binary data");
    }

    @Test
    void ucs4IsReadAsUtf32AndItsUnreadableByteOrdersAreRefusedByName() throws Exception {
        byte[] be = rss("UCS-4", "Zürich 5%").getBytes(Charset.forName("UTF-32BE"));
        byte[] le = rss("ISO-10646-UCS-4", "Zürich 5%").getBytes(Charset.forName("UTF-32LE"));
        byte[] order2143 = new byte[be.length];
        for (int i = 0; i + 3 < be.length; i += 4) {
            order2143[i] = be[i + 1];
            order2143[i + 1] = be[i];
            order2143[i + 2] = be[i + 3];
            order2143[i + 3] = be[i + 2];
        }

        assertThat(parser.parse(be, null, LOCATION, FETCHED).items().get(0).title()).isEqualTo("Zürich 5%");
        assertThat(parser.parse(le, null, LOCATION, FETCHED).items().get(0).title()).isEqualTo("Zürich 5%");
        assertThatThrownBy(() -> parser.parse(order2143, null, LOCATION, FETCHED))
            .hasMessage("unsupported encoding UCS-4 in byte order 2143");
    }

    @Test
    void ucs2DeclaredInTheDocumentIsReadAsUtf16() throws Exception {
        byte[] body = rss("UCS-2", "Köln").getBytes(StandardCharsets.UTF_16BE);

        assertThat(parser.parse(body, null, LOCATION, FETCHED).items().get(0).title()).isEqualTo("Köln");
    }

    @Test
    void anEncodingDeclaredOnlyInHttpIsUsed() throws Exception {
        String xml = "<rss version=\"2.0\"><channel><title>T</title><item><title>Цены выросли на 5%</title>"
            + "<link>https://x.example/r</link></item></channel></rss>";
        byte[] body = xml.getBytes(Charset.forName("windows-1251"));

        FeedItem item = parser.parse(body, "text/xml; charset=windows-1251", LOCATION, FETCHED).items().get(0);

        assertThat(item.title()).isEqualTo("Цены выросли на 5%");
    }

    @Test
    void aUtf8ByteOrderMarkWinsOverADeclarationThatContradictsIt() throws Exception {
        byte[] xml = rss("windows-1252", "Zürich — €5").getBytes(UTF_8);
        byte[] body = new byte[xml.length + 3];
        body[0] = (byte) 0xEF;
        body[1] = (byte) 0xBB;
        body[2] = (byte) 0xBF;
        System.arraycopy(xml, 0, body, 3, xml.length);

        assertThat(parser.parse(body, null, LOCATION, FETCHED).items().get(0).title()).isEqualTo("Zürich — €5");
    }

    @Test
    void mixedEncodingKeepsTheValidUtf8AndRepairsOnlyTheBadBytes() throws Exception {
        // A UTF-8 feed with one item pasted in from a windows-1252 source.
        byte[] head = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>T</title>"
            + "<item><title>Zürich: €2.5bn — “record”</title><link>https://x.example/a</link></item>").getBytes(UTF_8);
        byte[] pasted = "<item><title>Café prices up 5% – €3</title><link>https://x.example/b</link></item>"
            .getBytes(Charset.forName("windows-1252"));
        byte[] tail = "</channel></rss>".getBytes(UTF_8);
        byte[] body = new byte[head.length + pasted.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(pasted, 0, body, head.length, pasted.length);
        System.arraycopy(tail, 0, body, head.length + pasted.length, tail.length);

        List<FeedItem> items = parser.parse(body, "application/rss+xml; charset=utf-8", LOCATION, FETCHED).items();

        assertThat(items).extracting(FeedItem::title).containsExactly("Zürich: €2.5bn — “record”", "Café prices up 5% – €3");
        // Labelled Latin-1, the same bytes are still mostly UTF-8 and read the same way.
        assertThat(parser.parse(body, "text/xml; charset=iso-8859-1", LOCATION, FETCHED).items())
            .extracting(FeedItem::title).containsExactly("Zürich: €2.5bn — “record”", "Café prices up 5% – €3");
    }

    @Test
    void aWideCharsetInHttpThatTheBytesContradictIsIgnored() throws Exception {
        // Even length, so that UTF-16 decodes it without error, into CJK characters and no '<'.
        String rss = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>T</title>"
            + "<item><title>Zürich: €2.5bn</title><link>https://x.example/a</link></item></channel></rss>";
        byte[] body = (rss.getBytes(UTF_8).length % 2 == 0 ? rss : rss + "\n").getBytes(UTF_8);
        assertThat(body.length % 2).isZero();

        for (String contentType : List.of("application/xml; charset=UTF-16", "text/xml; charset=utf-16le",
            "application/rss+xml; charset=UTF-32")) {
            assertThat(parser.parse(body, contentType, LOCATION, FETCHED).items()).as(contentType)
                .extracting(FeedItem::title).containsExactly("Zürich: €2.5bn");
        }
        // Real UTF-16 without a byte-order mark still reads as the header says.
        byte[] utf16 = rss.replace("UTF-8", "UTF-16").getBytes(StandardCharsets.UTF_16LE);
        assertThat(parser.parse(utf16, "application/xml; charset=UTF-16LE", LOCATION, FETCHED).items())
            .extracting(FeedItem::title).containsExactly("Zürich: €2.5bn");
    }

    @Test
    void anEmptyOrTaglessResponseIsNotAFeed() {
        assertThatThrownBy(() -> parser.parse(new byte[0], null, LOCATION, FETCHED)).hasMessage("empty response");
        assertThatThrownBy(() -> parser.parse("{\"json\": true}".getBytes(UTF_8), null, LOCATION, FETCHED))
            .hasMessageContaining("not XML");
    }

    @Test
    void itemsAndTextAreCapped() throws Exception {
        StringBuilder xml = new StringBuilder("<rss version=\"2.0\"><channel><title>T</title>");
        for (int i = 0; i < 20; i++) {
            xml.append("<item><title>Item ").append(i).append("</title><link>https://x.example/").append(i)
                .append("</link><description>").append("word ".repeat(100)).append("</description></item>");
        }
        xml.append("</channel></rss>");
        IngestSettings small = new IngestSettings(IngestSettings.defaults().connectTimeout(), IngestSettings.defaults().readTimeout(),
            1024, 5, 1, IngestSettings.defaults().defaultPollInterval(), IngestSettings.defaults().minPollInterval(),
            IngestSettings.defaults().backoffBase(), IngestSettings.defaults().backoffMax(), IngestSettings.defaults().maxRetryAfter(),
            5, 50, 100, IngestSettings.defaults().publishTimeout(), "test", IngestSettings.defaults().fetchDeadline(), List.of());

        List<FeedItem> items = new FeedParser(small).parse(xml.toString().getBytes(UTF_8), null, LOCATION, FETCHED).items();

        assertThat(items).hasSize(5);
        assertThat(items).allSatisfy(i -> assertThat(i.text()).hasSizeLessThanOrEqualTo(50));
    }

    private static String rss(String declaredEncoding, String title) {
        return "<?xml version=\"1.0\" encoding=\"" + declaredEncoding + "\"?>\n<rss version=\"2.0\"><channel><title>T</title>"
            + "<item><title>" + title + "</title><link>https://x.example/a</link><description>" + title
            + "</description></item></channel></rss>";
    }

    private ParsedFeed parse(String resource, String contentType) throws FeedParseException {
        return parser.parse(resource(resource), contentType, LOCATION, FETCHED);
    }

    static byte[] resource(String name) {
        try (InputStream in = FeedParserTest.class.getResourceAsStream("/feeds/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test feed " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
