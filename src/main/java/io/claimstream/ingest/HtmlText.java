package io.claimstream.ingest;

import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * Plain text from the HTML of feed items, keeping paragraphs as blank lines: the claim extractor
 * reads sentences, and a sentence must not run from one paragraph into the next.
 */
final class HtmlText {

    private static final Set<String> BLOCKS = Set.of(
        "p", "div", "section", "article", "header", "footer", "aside", "blockquote", "pre", "figure",
        "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table",
        "tr", "hr", "address", "main", "nav", "details", "summary");
    private static final String NOT_TEXT = "script, style, noscript, iframe, object, embed, template, svg, form, button, select";
    private static final Pattern TAG = Pattern.compile("<[A-Za-z!/]");
    /** Horizontal spaces, the non-breaking ones included; a run of them is one space. */
    private static final String SPACES = " \t\u000B\f\r\u00A0\u2007\u202F";

    private HtmlText() {
    }

    /** Plain text of an HTML fragment; text without any tag is read as plain text with entities. */
    static String fromHtml(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        if (!TAG.matcher(html).find()) {
            return fromPlainText(Entities.unescape(html));
        }
        Document doc = Jsoup.parseBodyFragment(html);
        doc.select(NOT_TEXT).remove();
        StringBuilder out = new StringBuilder(html.length() / 2);
        doc.body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode) {
                    out.append(((TextNode) node).getWholeText().replace('\n', ' '));
                } else if (node instanceof Element) {
                    String tag = ((Element) node).normalName();
                    if (tag.equals("br")) {
                        out.append('\n');
                    } else if (BLOCKS.contains(tag)) {
                        out.append("\n\n");
                    } else if (tag.equals("td") || tag.equals("th")) {
                        out.append(' ');
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element && BLOCKS.contains(((Element) node).normalName())) {
                    out.append("\n\n");
                }
            }
        });
        return normalise(out.toString());
    }

    /** Text that is already plain: only whitespace is tidied, paragraphs stay. */
    static String fromPlainText(String text) {
        if (text == null) {
            return "";
        }
        return normalise(text.replace("\r\n", "\n"));
    }

    /** One line of plain text, as titles are. */
    static String inline(String htmlOrText) {
        return fromHtml(htmlOrText).replaceAll("\\s+", " ").trim();
    }

    /**
     * Runs of spaces become one space, spaces next to a line break go, and paragraphs are
     * separated by at most one blank line. One pass over the characters, copying the runs between
     * spaces whole: three regular expressions over every article's text were a quarter of the
     * ingester's CPU, and appending character by character was still a sixth of it.
     */
    private static String normalise(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int newlines = 0;
        boolean space = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                newlines++;
                space = false;
                i++;
            } else if (isSpace(c)) {
                space = space || newlines == 0;
                i++;
            } else {
                if (out.length() > 0 && newlines > 0) {
                    out.append(newlines == 1 ? "\n" : "\n\n");
                } else if (out.length() > 0 && space) {
                    out.append(' ');
                }
                newlines = 0;
                space = false;
                int end = endOfWord(text, i);
                out.append(text, i, end);
                i = end;
            }
        }
        return out.toString().strip();
    }

    private static int endOfWord(String text, int from) {
        int end = from + 1;
        while (end < text.length() && text.charAt(end) != '\n' && !isSpace(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean isSpace(char c) {
        // Most characters are neither: the range test spares them the search.
        return (c <= ' ' || c >= '\u00A0') && SPACES.indexOf(c) >= 0;
    }
}
