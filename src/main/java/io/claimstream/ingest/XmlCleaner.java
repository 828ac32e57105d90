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
        char quote = 0;
        int depth = 0;
        for (int i = start + 2; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '>' && depth <= 0) {
                return i + 1;
            }
        }
        throw new FeedParseException("malformed XML: unterminated DOCTYPE");
    }

    /** Leaves CDATA sections and comments alone: their content is not markup. */
    private static String repairEntitiesAndCharacters(String text) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("<![CDATA[", i)) {
                i = copyThrough(text, i, "]]>", out);
                continue;
            }
            if (text.startsWith("<!--", i)) {
                i = copyThrough(text, i, "-->", out);
                continue;
            }
            char c = text.charAt(i);
            if (c == '&') {
                i = repairReference(text, i, out);
                continue;
            }
            appendIfXmlChar(text, i, out);
            i += Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1;
        }
        return out.toString();
    }

    private static int copyThrough(String text, int from, String terminator, StringBuilder out) {
        int end = text.indexOf(terminator, from);
        int stop = end < 0 ? text.length() : end + terminator.length();
        for (int i = from; i < stop; i++) {
            appendIfXmlChar(text, i, out);
        }
        return stop;
    }

    private static int repairReference(String text, int amp, StringBuilder out) {
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
            out.append("&amp;");
            return amp + 1;
        }
        String name = text.substring(amp + 1, semicolon);
        if (name.startsWith("#") && isValidCharacterReference(name)) {
            out.append(text, amp, semicolon + 1);
        } else if (isXmlEntity(name)) {
            out.append(text, amp, semicolon + 1);
        } else if (!name.isEmpty() && Entities.isNamedEntity(name)) {
            Entities.getByName(name).codePoints().forEach(cp -> out.append("&#").append(cp).append(';'));
        } else {
            out.append("&amp;");
            return amp + 1;
        }
        return semicolon + 1;
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

    private static void appendIfXmlChar(String text, int i, StringBuilder out) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(i + 1));
            }
            return;
        }
        if (Character.isLowSurrogate(c)) {
            // Either the second half of a pair already written, or a lone half XML forbids.
            return;
        }
        if (isXmlChar(c)) {
            out.append(c);
        }
    }

    private static boolean isXmlChar(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD
            || (cp >= 0x20 && cp <= 0xD7FF)
            || (cp >= 0xE000 && cp <= 0xFFFD)
            || (cp >= 0x10000 && cp <= 0x10FFFF);
    }
}
