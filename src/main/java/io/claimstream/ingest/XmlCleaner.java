package io.claimstream.ingest;

import java.util.Locale;

import org.jsoup.nodes.Entities;

/**
 * Repairs what real feeds get wrong before an XML parser sees them: junk before the first tag, a
 * DOCTYPE, HTML entities that XML does not know, bare ampersands, and characters XML forbids.
 *
 * <p>A DOCTYPE is removed, never interpreted. One that declares entities is refused outright:
 * entity declarations in a feed have no honest use and are how external-entity (XXE) and
 * entity-expansion ("billion laughs") attacks are delivered.
 */
final class XmlCleaner {

    private static final String[] XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"};

    private XmlCleaner() {
    }

    static String clean(String document) throws FeedParseException {
        int first = document.indexOf('<');
        if (first < 0) {
            throw new FeedParseException("not XML: the response contains no '<'");
        }
        String text = document.substring(first);
        text = removeXmlDeclaration(text);
        text = removeDoctype(text);
        return repairEntitiesAndCharacters(text);
    }

    /** Once decoded to text, the declaration's encoding can only mislead the parser. */
    private static String removeXmlDeclaration(String text) {
        if (text.startsWith("<?xml")) {
            int end = text.indexOf("?>");
            if (end > 0) {
                return text.substring(end + 2);
            }
        }
        return text;
    }

    /** Only the prolog can hold a DOCTYPE; the same letters inside an item's CDATA are content. */
    private static String removeDoctype(String text) throws FeedParseException {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (text.startsWith("<!--", i)) {
                int end = text.indexOf("-->", i);
                i = end < 0 ? text.length() : end + 3;
            } else if (text.startsWith("<?", i)) {
                int end = text.indexOf("?>", i);
                i = end < 0 ? text.length() : end + 2;
            } else if (text.regionMatches(true, i, "<!DOCTYPE", 0, 9)) {
                int end = doctypeEnd(text, i);
                if (text.substring(i, end).toUpperCase(Locale.ROOT).contains("<!ENTITY")) {
                    throw new FeedParseException("refused: the feed declares XML entities in its DOCTYPE"
                        + " (external entities and entity expansion are never resolved)");
                }
                return text.substring(0, i) + text.substring(end);
            } else {
                return text;
            }
        }
        return text;
    }

    /** The index after the DOCTYPE's closing '>', skipping quoted strings and an internal subset. */
    private static int doctypeEnd(String text, int start) throws FeedParseException {
        int end = closingAngle(text, start + 1, true);
        if (end < 0) {
            throw new FeedParseException("malformed XML: unterminated DOCTYPE");
        }
        return end;
    }

    /**
     * The index after the '>' that closes the markup at {@code from}, skipping quoted strings and,
     * with {@code subset}, a bracketed internal subset; -1 when nothing closes it.
     */
    private static int closingAngle(String text, int from, boolean subset) {
        char quote = 0;
        int depth = 0;
        for (int i = from + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (subset && c == '[') {
                depth++;
            } else if (subset && c == ']') {
                depth--;
            } else if (c == '>' && depth <= 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * Leaves CDATA sections and comments alone: their content is not markup. Nothing is copied
     * until something needs repair, and then only the stretches between repairs: appending
     * character by character was a tenth of the ingester's CPU, and most feeds need nothing.
     */
    private static String repairEntitiesAndCharacters(String text) {
        Repairs repairs = new Repairs(text);
        int i = nextToLookAt(text, 0);
        while (i < text.length()) {
            if (text.startsWith("<![CDATA[", i)) {
                i = keepThrough(text, i, "]]>", repairs);
            } else if (text.startsWith("<!--", i)) {
                i = keepThrough(text, i, "-->", repairs);
            } else if (text.charAt(i) == '&') {
                i = repairReference(text, i, repairs);
            } else {
                i = keepIfXmlChar(text, i, repairs);
            }
            i = nextToLookAt(text, i);
        }
        return repairs.result();
    }

    /** The first index from {@code from} that needs a look: a reference, CDATA, a comment or a doubtful character. */
    private static int nextToLookAt(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '&' || !isPlainXmlChar(c) || c == '<' && i + 1 < text.length() && text.charAt(i + 1) == '!') {
                return i;
            }
        }
        return text.length();
    }

    /** Keeps everything through the terminator but the characters XML forbids. */
    private static int keepThrough(String text, int from, String terminator, Repairs repairs) {
        int end = text.indexOf(terminator, from);
        int stop = end < 0 ? text.length() : end + terminator.length();
        int i = from;
        while (i < stop) {
            i = isPlainXmlChar(text.charAt(i)) ? i + 1 : keepIfXmlChar(text, i, repairs);
        }
        return stop;
    }

    private static int repairReference(String text, int amp, Repairs repairs) {
        int semicolon = -1;
        for (int j = amp + 1; j < text.length() && j - amp <= 40; j++) {
            char c = text.charAt(j);
            if (c == ';') {
                semicolon = j;
                break;
            }
            if (!(Character.isLetterOrDigit(c) || c == '#')) {
                break;
            }
        }
        if (semicolon < 0) {
            repairs.replace(amp, amp + 1, "&amp;");
            return amp + 1;
        }
        String name = text.substring(amp + 1, semicolon);
        if ((name.startsWith("#") && isValidCharacterReference(name)) || isXmlEntity(name)) {
            return semicolon + 1;
        }
        if (!name.isEmpty() && Entities.isNamedEntity(name)) {
            StringBuilder numeric = new StringBuilder();
            Entities.getByName(name).codePoints().forEach(cp -> numeric.append("&#").append(cp).append(';'));
            repairs.replace(amp, semicolon + 1, numeric.toString());
            return semicolon + 1;
        }
        repairs.replace(amp, amp + 1, "&amp;");
        return amp + 1;
    }

    private static boolean isXmlEntity(String name) {
        for (String e : XML_ENTITIES) {
            if (e.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isValidCharacterReference(String name) {
        try {
            int cp = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                ? Integer.parseInt(name.substring(2), 16)
                : Integer.parseInt(name.substring(1));
            return isXmlChar(cp);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Keeps the surrogate pair starting at {@code i}, or drops what is there: a lone half or a character XML forbids. */
    private static int keepIfXmlChar(String text, int i, Repairs repairs) {
        char c = text.charAt(i);
        if (isPlainXmlChar(c)) {
            return i + 1;
        }
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            return i + 2;
        }
        repairs.replace(i, i + 1, "");
        return i + 1;
    }

    /** An XML character on its own: neither a forbidden one nor half of a surrogate pair. */
    private static boolean isPlainXmlChar(char c) {
        return !Character.isSurrogate(c) && isXmlChar(c);
    }

    private static boolean isXmlChar(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD
            || (cp >= 0x20 && cp <= 0xD7FF)
            || (cp >= 0xE000 && cp <= 0xFFFD)
            || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    /** The document with some stretches replaced; copies nothing until the first replacement. */
    private static final class Repairs {
        private final String text;
        private StringBuilder out;
        private int copied;

        Repairs(String text) {
            this.text = text;
        }

        /** Replaces text[from, to), which must come after every stretch replaced so far. */
        void replace(int from, int to, String replacement) {
            if (out == null) {
                out = new StringBuilder(text.length() + 64);
            }
            out.append(text, copied, from).append(replacement);
            copied = to;
        }

        String result() {
            return out == null ? text : out.append(text, copied, text.length()).toString();
        }
    }

    /**
     * Drops the tags of elements nested deeper than {@code maxDepth}, keeping their text: no feed
     * needs such depth, an XML tree builder checks each new element against its ancestors (time
     * quadratic in depth: 40,000 levels took 9 s), and Rome and serialisers recurse over the tree.
     * A linear scan over the text that knows comments, CDATA, processing instructions and quoted
     * attribute values; the text is returned as it was when nothing is that deep.
     */
    static String limitDepth(String text, int maxDepth) {
        StringBuilder out = null;
        int copiedUpTo = 0;
        int depth = 0;
        int i = text.indexOf('<');
        while (i >= 0 && i < text.length() - 1) {
            char next = text.charAt(i + 1);
            int end;
            if (text.startsWith("<!--", i)) {
                end = endOf(text, i, "-->");
            } else if (text.startsWith("<![CDATA[", i)) {
                end = endOf(text, i, "]]>");
            } else if (next == '?') {
                end = endOf(text, i, "?>");
            } else if (next == '!') {
                end = endOf(text, i, ">");
            } else if (next == '/') {
                end = endOf(text, i, ">");
                if (depth > maxDepth) {
                    out = drop(text, out, copiedUpTo, i);
                    copiedUpTo = end;
                }
                depth = Math.max(0, depth - 1);
            } else if (isNameStart(next)) {
                end = endOfTag(text, i);
                boolean empty = text.charAt(end - 1) == '>' && text.charAt(end - 2) == '/';
                if (depth + 1 > maxDepth) {
                    out = drop(text, out, copiedUpTo, i);
                    copiedUpTo = end;
                }
                if (!empty) {
                    depth++;
                }
            } else {
                end = i + 1;
            }
            i = text.indexOf('<', end);
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copiedUpTo, text.length()).toString();
    }

    private static StringBuilder drop(String text, StringBuilder out, int copiedUpTo, int tagStart) {
        StringBuilder b = out == null ? new StringBuilder(text.length()) : out;
        return b.append(text, copiedUpTo, tagStart);
    }

    private static int endOf(String text, int from, String terminator) {
        int end = text.indexOf(terminator, from + 1);
        return end < 0 ? text.length() : end + terminator.length();
    }

    /** The index after a start tag's closing '>', skipping quoted attribute values; the text's end when none closes it. */
    private static int endOfTag(String text, int from) {
        int end = closingAngle(text, from, false);
        return end < 0 ? text.length() : end;
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_' || c == ':';
    }
}
