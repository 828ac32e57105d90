package io.claimstream.ingest;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.Namespace;
import org.jdom2.input.JDOMParseException;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.XMLReaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads RSS 0.9x, 1.0 and 2.0 and Atom 0.3 and 1.0 documents into {@link FeedItem}s with Rome,
 * after the bytes have been decoded by {@link FeedEncoding} and repaired by {@link XmlCleaner}.
 *
 * <p>The XML parser refuses any DOCTYPE and resolves no external entity even if one got past the
 * cleaner. Every way Rome or the parser can fail, errors such as {@link StackOverflowError}
 * included, ends in a {@link FeedParseException} whose reason speaks of the feed (no channel
 * element, not XML, an HTML page), never of the Java exception, so one bad feed never stops the
 * others. What lenient feed readers recover is recovered here too: RSS items without a
 * {@code <channel>}, an RSS root without a known version, elements nested deeper than any feed
 * needs (their tags dropped, their text kept).
 */
public final class FeedParser {

    private static final Logger log = LoggerFactory.getLogger(FeedParser.class);
    private static final Set<String> DATE_ELEMENTS = Set.of("pubDate", "date", "published", "issued", "updated", "modified", "created");
    /** Elements deeper than this lose their tags and keep their text: no feed's structure needs more, and tree builders and recursive readers choke. */
    static final int MAX_DEPTH = 64;
    private static final Namespace RSS10 = Namespace.getNamespace("http://purl.org/rss/1.0/");
    private static final Namespace RSS090 = Namespace.getNamespace("http://my.netscape.com/rdf/simple/0.9/");
    private static final Set<String> FEED_ROOTS = Set.of("rss", "RDF", "feed", "channel");
    private static final Set<String> RSS_VERSIONS = Set.of("0.90", "0.91", "0.92", "0.93", "0.94", "2.0");

    private final IngestSettings settings;

    public FeedParser(IngestSettings settings) {
        this.settings = settings;
    }

    /**
     * @param body the response body
     * @param contentType the response's Content-Type header, or null
     * @param location where the document came from, after redirects: the base of relative links
     * @param fetchedAt when it was fetched, the date of items that have none
     */
    public ParsedFeed parse(byte[] body, String contentType, URI location, Instant fetchedAt) throws FeedParseException {
        if (body.length == 0) {
            throw new FeedParseException("empty response");
        }
        try {
            return read(body, contentType, location, fetchedAt);
        } catch (FeedParseException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new FeedParseException("the feed nests its elements too deeply to be read", e);
        } catch (OutOfMemoryError e) {
            throw new FeedParseException("the feed is too large to be read in the memory available", e);
        } catch (Throwable e) {
            // Whatever a library throws on a strange feed is that feed's failure, not the ingester's;
            // the reason speaks of the feed, the log keeps the exception for whoever debugs it.
            log.debug("{}: the feed reader failed", location, e);
            throw new FeedParseException("the feed's structure is not RSS or Atom that can be read", e);
        }
    }

    private ParsedFeed read(byte[] body, String contentType, URI location, Instant fetchedAt) throws FeedParseException {
        String decoded = FeedEncoding.decode(body, contentType).text();
        refuseWhatIsNotXml(decoded);
        String text = XmlCleaner.limitDepth(XmlCleaner.clean(decoded), MAX_DEPTH);
        String root = firstElementName(text);
        if ("html".equalsIgnoreCase(root)) {
            throw new FeedParseException("an HTML page, not a feed");
        }
        Document document;
        try {
            document = buildDocument(text);
        } catch (FeedParseException e) {
            // Broken RSS served as text/html is broken RSS, and its parse error says more.
            if (!FEED_ROOTS.contains(root) && looksLikeHtml(text, contentType)) {
                throw new FeedParseException("an HTML page, not a feed", e);
            }
            throw e;
        }
        repairStructure(document.getRootElement());
        SyndFeed feed = buildFeed(document);
        URI base = baseOf(document.getRootElement(), location);
        String language = firstNonBlank(feed.getLanguage(),
            document.getRootElement().getAttributeValue("lang", Namespace.XML_NAMESPACE));
        List<SyndEntry> entries = feed.getEntries();
        List<Element> itemElements = itemElements(document.getRootElement());
        boolean elementsMatch = itemElements.size() == entries.size();
        List<FeedItem> items = new ArrayList<>();
        for (int i = 0; i < entries.size() && items.size() < settings.maxItemsPerFeed(); i++) {
            FeedItem item = toItem(entries.get(i), elementsMatch ? itemElements.get(i) : null, base, language, fetchedAt);
            if (item != null) {
                items.add(item);
            }
        }
        return new ParsedFeed(blankToNull(HtmlText.inline(feed.getTitle())), language, items);
    }

    /** The hardened parser; package-private so a test can show it holds even without the cleaner. */
    static Document buildDocument(String xml) throws FeedParseException {
        SAXBuilder builder = new SAXBuilder(XMLReaders.NONVALIDATING);
        builder.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        builder.setFeature("http://xml.org/sax/features/external-general-entities", false);
        builder.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        builder.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        builder.setExpandEntities(false);
        builder.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("external entity " + systemId + " refused");
        });
        try {
            return builder.build(new InputSource(new StringReader(xml)));
        } catch (JDOMParseException e) {
            if (e.getLineNumber() < 1) {
                throw new FeedParseException("invalid XML: " + rootMessage(e), e);
            }
            throw new FeedParseException("invalid XML at line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                + ": " + rootMessage(e), e);
        } catch (JDOMException | IOException e) {
            throw new FeedParseException("invalid XML: " + rootMessage(e), e);
        }
    }

    /** What is plainly not an XML document gets a reason of its own rather than a parser's complaint. */
    private static void refuseWhatIsNotXml(String text) throws FeedParseException {
        int i = 0;
        while (i < text.length() && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == '\uFEFF')) {
            i++;
        }
        if (i < text.length() && (text.charAt(i) == '{' || text.charAt(i) == '[')) {
            throw new FeedParseException("not XML: the response is JSON, not an RSS or Atom feed");
        }
        int sample = Math.min(text.length(), i + 1024);
        int controls = 0;
        for (int k = i; k < sample; k++) {
            char c = text.charAt(k);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == '\uFFFD') {
                controls++;
            }
        }
        if (sample > i && controls * 10 > sample - i) {
            throw new FeedParseException("not XML: the response is binary data");
        }
    }

    /** The name of the first element of cleaned XML text, or null when none starts it. */
    private static String firstElementName(String text) {
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('<', i);
            if (open < 0 || open + 1 >= text.length()) {
                return null;
            }
            char next = text.charAt(open + 1);
            if (next == '!' || next == '?') {
                // A comment or processing instruction before the root.
                int close = text.startsWith("<!--", open) ? text.indexOf("-->", open) : text.indexOf('>', open);
                if (close < 0) {
                    return null;
                }
                i = close + 1;
                continue;
            }
            int end = open + 1;
            while (end < text.length() && end - open < 100 && !Character.isWhitespace(text.charAt(end))
                && text.charAt(end) != '>' && text.charAt(end) != '/') {
                end++;
            }
            String name = text.substring(open + 1, end);
            int colon = name.indexOf(':');
            return colon >= 0 ? name.substring(colon + 1) : name;
        }
        return null;
    }

    private static boolean looksLikeHtml(String text, String contentType) {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("text/html")) {
            return true;
        }
        String head = text.substring(0, Math.min(text.length(), 2048)).toLowerCase(Locale.ROOT);
        return head.contains("<html") || head.contains("<head>") || head.contains("<body");
    }

    /**
     * Reads RSS as lenient readers do: an {@code <rss>} without a version Rome knows is read as
     * 2.0, items outside the channel (or a channel missing altogether) are put in one, and RSS 1.0
     * or 0.90 without its channel element gets an empty one.
     */
    private static void repairStructure(Element root) throws FeedParseException {
        if (root.getName().equals("rss") && root.getNamespace().equals(Namespace.NO_NAMESPACE)) {
            String version = root.getAttributeValue("version");
            if (version == null || !RSS_VERSIONS.contains(version.trim())) {
                root.setAttribute("version", "2.0");
            }
            Element channel = root.getChild("channel");
            List<Element> strays = new ArrayList<>();
            for (Element child : root.getChildren()) {
                if (child != channel) {
                    strays.add(child);
                }
            }
            if (channel == null) {
                if (strays.stream().noneMatch(e -> e.getName().equals("item"))) {
                    throw new FeedParseException("no channel element: the <rss> document has neither a <channel> nor items");
                }
                channel = new Element("channel");
                root.addContent(channel);
            }
            for (Element stray : strays) {
                if (stray.getNamespace().equals(Namespace.NO_NAMESPACE)
                    && (stray.getName().equals("item") || channel.getChild(stray.getName()) == null)) {
                    stray.detach();
                    channel.addContent(stray);
                }
            }
            return;
        }
        if (root.getName().equals("RDF")) {
            Namespace ns = root.getChild("channel", RSS10) != null || root.getChild("item", RSS10) != null ? RSS10
                : root.getChild("channel", RSS090) != null || root.getChild("item", RSS090) != null ? RSS090 : null;
            if (ns == null) {
                throw new FeedParseException("no channel element: the RDF document has neither an RSS 1.0 <channel> nor items");
            }
            if (root.getChild("channel", ns) == null) {
                Element channel = new Element("channel", ns);
                channel.addContent(new Element("title", ns));
                channel.addContent(new Element("link", ns));
                channel.addContent(new Element("description", ns));
                root.addContent(0, channel);
            }
        }
    }

    private static SyndFeed buildFeed(Document document) throws FeedParseException {
        SyndFeedInput input = new SyndFeedInput();
        input.setAllowDoctypes(false);
        input.setPreserveWireFeed(true);
        try {
            return input.build(document);
        } catch (IllegalArgumentException e) {
            throw new FeedParseException("not an RSS or Atom feed: the document's root element is <"
                + document.getRootElement().getQualifiedName() + ">", e);
        } catch (FeedException e) {
            throw new FeedParseException("cannot read the feed: " + rootMessage(e), e);
        } catch (RuntimeException e) {
            // Rome has thrown NumberFormatException, ClassCastException and NPE on odd feeds.
            log.debug("Rome failed on a <{}> document", document.getRootElement().getQualifiedName(), e);
            throw new FeedParseException("the <" + document.getRootElement().getQualifiedName()
                + "> document's structure is not RSS or Atom that can be read", e);
        }
    }

    private FeedItem toItem(SyndEntry entry, Element element, URI base, String language, Instant fetchedAt) {
        String title = HtmlText.inline(entry.getTitle());
        String text = truncate(bodyText(entry));
        String resolved = resolve(base, linkOf(entry));
        String canonical = ArticleIdentity.canonicalLink(resolved);
        // The schema promises a canonical link: the same story reads the same whatever campaign led to it.
        String link = httpOnly(canonical != null ? canonical : resolved);
        if (title.isEmpty() && text.isEmpty() && link == null) {
            return null;
        }
        String id = ArticleIdentity.of(guidOf(entry), link, title, text);
        Instant published = null;
        FeedItem.DateSource source = FeedItem.DateSource.FEED;
        Date atomPublished = atomPublished(entry);
        if (atomPublished != null) {
            published = atomPublished.toInstant();
        } else if (entry.getPublishedDate() != null) {
            published = entry.getPublishedDate().toInstant();
        } else if (entry.getUpdatedDate() != null) {
            published = entry.getUpdatedDate().toInstant();
        } else {
            published = element == null ? null : PublishedDateParser.parse(rawDate(element));
            source = FeedItem.DateSource.FEED_NONSTANDARD;
        }
        if (published == null) {
            published = fetchedAt;
            source = FeedItem.DateSource.FETCH_TIME;
        }
        return new FeedItem(id, title, link, published, source, blankToNull(authorOf(entry)), text, language);
    }

    /** The GUID or Atom id as written: Rome's own uri falls back to the link, which is not an id. */
    private static String guidOf(SyndEntry entry) {
        Object wire = entry.getWireEntry();
        if (wire instanceof Item) {
            Guid guid = ((Item) wire).getGuid();
            return guid == null ? null : guid.getValue();
        }
        if (wire instanceof Entry) {
            return ((Entry) wire).getId();
        }
        return null;
    }

    /** Rome gives Atom 0.3 entries their modified date as published; issued is the publication date. */
    private static Date atomPublished(SyndEntry entry) {
        if (entry.getWireEntry() instanceof Entry) {
            Entry atom = (Entry) entry.getWireEntry();
            return atom.getPublished() != null ? atom.getPublished() : atom.getIssued();
        }
        return null;
    }

    private static String linkOf(SyndEntry entry) {
        if (entry.getLink() != null && !entry.getLink().isBlank()) {
            return entry.getLink().trim();
        }
        for (SyndLink link : entry.getLinks()) {
            if (link.getHref() != null && (link.getRel() == null || "alternate".equals(link.getRel()))) {
                return link.getHref().trim();
            }
        }
        return null;
    }

    private static String resolve(URI base, String link) {
        if (link == null) {
            return null;
        }
        try {
            return base == null ? URI.create(link).toString() : base.resolve(link.replace(" ", "%20")).toString();
        } catch (IllegalArgumentException e) {
            return link.startsWith("http://") || link.startsWith("https://") ? link : null;
        }
    }

    /** Only http(s) links are kept: a javascript:, data: or file: link is nothing a reader should be sent to. */
    private static String httpOnly(String link) {
        if (link == null) {
            return null;
        }
        String lower = link.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") ? link : null;
    }

    private static URI baseOf(Element root, URI location) {
        String xmlBase = root.getAttributeValue("base", Namespace.XML_NAMESPACE);
        if (xmlBase == null || xmlBase.isBlank()) {
            return location;
        }
        try {
            return location == null ? URI.create(xmlBase.trim()) : location.resolve(xmlBase.trim());
        } catch (IllegalArgumentException e) {
            return location;
        }
    }

    private static String bodyText(SyndEntry entry) {
        for (SyndContent content : entry.getContents()) {
            if (content.getValue() != null && !content.getValue().isBlank()) {
                return textOf(content);
            }
        }
        SyndContent description = entry.getDescription();
        return description == null || description.getValue() == null ? "" : textOf(description);
    }

    private static String textOf(SyndContent content) {
        String type = content.getType();
        boolean plain = "text".equals(type) || "text/plain".equals(type);
        return plain ? HtmlText.fromPlainText(content.getValue()) : HtmlText.fromHtml(content.getValue());
    }

    private static String authorOf(SyndEntry entry) {
        if (entry.getAuthor() != null && !entry.getAuthor().isBlank()) {
            return HtmlText.inline(entry.getAuthor());
        }
        for (SyndPerson person : entry.getAuthors()) {
            if (person.getName() != null && !person.getName().isBlank()) {
                return HtmlText.inline(person.getName());
            }
        }
        return null;
    }

    /** Item elements in document order, to find the raw date string Rome could not read. */
    private static List<Element> itemElements(Element root) {
        switch (root.getName()) {
            case "rss":
                Element channel = childNamed(root, "channel");
                return channel == null ? List.of() : childrenNamed(channel, "item");
            case "RDF":
                return childrenNamed(root, "item");
            case "feed":
                return childrenNamed(root, "entry");
            default:
                return List.of();
        }
    }

    private static String rawDate(Element item) {
        for (Element child : item.getChildren()) {
            if (DATE_ELEMENTS.contains(child.getName()) && !child.getTextTrim().isEmpty()) {
                return child.getTextTrim();
            }
        }
        return null;
    }

    private static Element childNamed(Element parent, String name) {
        for (Element child : parent.getChildren()) {
            if (child.getName().equals(name)) {
                return child;
            }
        }
        return null;
    }

    private static List<Element> childrenNamed(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Element child : parent.getChildren()) {
            if (child.getName().equals(name)) {
                found.add(child);
            }
        }
        return found;
    }

    private String truncate(String text) {
        int max = settings.maxArticleChars();
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
        return text.substring(0, end);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? e.getMessage() : t.getMessage();
        return message == null ? t.getClass().getSimpleName() : message;
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a.trim() : blankToNull(b);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
