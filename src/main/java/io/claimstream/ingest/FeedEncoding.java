package io.claimstream.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a feed's bytes into text. The charset comes from the byte-order mark, then the HTTP
 * Content-Type, then the XML declaration, then UTF-8; and because feeds lie about it, the bytes
 * are checked against the choice: UTF-8 that is not valid UTF-8 keeps its valid sequences and
 * reads only the bytes that are not UTF-8 as windows-1252 (a document pasted together from two
 * sources is common), and a single-byte Latin label on bytes that are mostly valid multi-byte
 * UTF-8 is taken to be UTF-8 (real Latin-1 text is practically never valid UTF-8). UCS-2 and
 * UCS-4 are read as UTF-16 and UTF-32; the byte orders no decoder reads are refused by name.
 */
final class FeedEncoding {

    /** The text and the charset it was read with. */
    record Decoded(String text, Charset charset) {
    }

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");
    /** What each byte 0x80-0xFF reads as in windows-1252; its five unassigned bytes as U+FFFD. */
    private static final char[] WINDOWS_1252_HIGH = windows1252High();
    private static final Set<String> SINGLE_BYTE_LATIN = Set.of("ISO-8859-1", "US-ASCII", "windows-1252", "ISO-8859-15");
    private static final Pattern HEADER_CHARSET = Pattern.compile("(?i)charset\\s*=\\s*[\"']?([^\"';\\s]+)");
    private static final Pattern DECLARED_ENCODING =
        Pattern.compile("^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");

    private FeedEncoding() {
    }

    static Decoded decode(byte[] bytes, String contentType) throws FeedParseException {
        int bomLength = 0;
        Charset chosen = null;
        // UTF-32's marks first: FF FE 00 00 also starts with UTF-16LE's.
        if (startsWith(bytes, 0x00, 0x00, 0xFE, 0xFF)) {
            chosen = UTF_32BE;
            bomLength = 4;
        } else if (startsWith(bytes, 0xFF, 0xFE, 0x00, 0x00)) {
            chosen = UTF_32LE;
            bomLength = 4;
        } else if (startsWith(bytes, 0x00, 0x00, 0x00, 0x3C)) {
            chosen = UTF_32BE;
        } else if (startsWith(bytes, 0x3C, 0x00, 0x00, 0x00)) {
            chosen = UTF_32LE;
        } else if (startsWith(bytes, 0x00, 0x00, 0x3C, 0x00) || startsWith(bytes, 0x00, 0x00, 0xFF, 0xFE)) {
            throw new FeedParseException("unsupported encoding UCS-4 in byte order 2143");
        } else if (startsWith(bytes, 0x00, 0x3C, 0x00, 0x00) || startsWith(bytes, 0xFE, 0xFF, 0x00, 0x00)) {
            throw new FeedParseException("unsupported encoding UCS-4 in byte order 3412");
        } else if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            chosen = StandardCharsets.UTF_8;
            bomLength = 3;
        } else if (startsWith(bytes, 0xFE, 0xFF)) {
            chosen = StandardCharsets.UTF_16BE;
            bomLength = 2;
        } else if (startsWith(bytes, 0xFF, 0xFE)) {
            chosen = StandardCharsets.UTF_16LE;
            bomLength = 2;
        } else if (startsWith(bytes, 0x00, 0x3C, 0x00, 0x3F)) {
            chosen = StandardCharsets.UTF_16BE;
        } else if (startsWith(bytes, 0x3C, 0x00, 0x3F, 0x00)) {
            chosen = StandardCharsets.UTF_16LE;
        }
        if (chosen == null) {
            chosen = charsetNamed(headerCharset(contentType));
            if (chosen != null && wideCharset(chosen) && startsNarrow(bytes)) {
                // HTTP says UTF-16 or UTF-32, but the document starts with '<' and another character in
                // one byte each, which no such encoding writes: the server is wrong, as lenient readers assume.
                chosen = null;
            }
        }
        if (chosen == null) {
            chosen = charsetNamed(declaredEncoding(bytes));
        }
        if (chosen == null) {
            chosen = StandardCharsets.UTF_8;
        }
        ByteBuffer content = ByteBuffer.wrap(bytes, bomLength, bytes.length - bomLength);
        return verified(content, chosen);
    }

    /** UTF-16 or UTF-32 in any byte order: no character is one byte. */
    private static boolean wideCharset(Charset charset) {
        String name = charset.name().toUpperCase(Locale.ROOT);
        return name.startsWith("UTF-16") || name.startsWith("UTF-32") || name.startsWith("X-UTF-16") || name.startsWith("X-UTF-32");
    }

    /** Whether the bytes begin, after ASCII white space, with '<' and a character in one byte each. */
    private static boolean startsNarrow(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) {
            i++;
        }
        return i + 1 < bytes.length && bytes[i] == '<' && bytes[i + 1] != 0;
    }

    private static Decoded verified(ByteBuffer content, Charset chosen) {
        if (chosen.equals(StandardCharsets.UTF_8)) {
            String utf8 = strict(content.duplicate(), StandardCharsets.UTF_8);
            return utf8 != null ? new Decoded(utf8, chosen) : new Decoded(repairedUtf8(content), chosen);
        }
        if (SINGLE_BYTE_LATIN.contains(chosen.name())) {
            if (hasNonAscii(content)) {
                String utf8 = strict(content.duplicate(), StandardCharsets.UTF_8);
                if (utf8 != null) {
                    return new Decoded(utf8, StandardCharsets.UTF_8);
                }
                if (mostlyUtf8(content)) {
                    return new Decoded(repairedUtf8(content), StandardCharsets.UTF_8);
                }
            }
            // Browsers read ISO-8859-1 and ASCII labels as windows-1252 and so do the feeds' authors.
            return lenient(content, chosen.name().equals("ISO-8859-15") ? chosen : WINDOWS_1252);
        }
        String declared = strict(content.duplicate(), chosen);
        if (declared != null) {
            return new Decoded(declared, chosen);
        }
        String utf8 = strict(content.duplicate(), StandardCharsets.UTF_8);
        return utf8 != null ? new Decoded(utf8, StandardCharsets.UTF_8) : lenient(content, chosen);
    }

    /**
     * UTF-8 with its invalid bytes repaired one by one: every well-formed sequence is kept, and
     * each byte that is not part of one is read as windows-1252, the usual origin of stray bytes.
     */
    static String repairedUtf8(ByteBuffer content) {
        int start = content.position();
        int end = content.limit();
        StringBuilder out = new StringBuilder(end - start);
        int i = start;
        while (i < end) {
            int b = content.get(i) & 0xFF;
            if (b < 0x80) {
                out.append((char) b);
                i++;
                continue;
            }
            int length = sequenceLength(content, i, end);
            if (length == 0) {
                out.append(WINDOWS_1252_HIGH[b - 0x80]);
                i++;
                continue;
            }
            int codePoint = b & (0xFF >> (length + 1));
            for (int k = 1; k < length; k++) {
                codePoint = (codePoint << 6) | (content.get(i + k) & 0x3F);
            }
            out.appendCodePoint(codePoint);
            i += length;
        }
        return out.toString();
    }

    /** The length of the well-formed UTF-8 sequence at {@code i} (RFC 3629's table), or 0 when there is none. */
    private static int sequenceLength(ByteBuffer bytes, int i, int end) {
        int b = bytes.get(i) & 0xFF;
        int length;
        int secondMin = 0x80;
        int secondMax = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            length = 2;
        } else if (b >= 0xE0 && b <= 0xEF) {
            length = 3;
            if (b == 0xE0) {
                secondMin = 0xA0;
            } else if (b == 0xED) {
                secondMax = 0x9F;
            }
        } else if (b >= 0xF0 && b <= 0xF4) {
            length = 4;
            if (b == 0xF0) {
                secondMin = 0x90;
            } else if (b == 0xF4) {
                secondMax = 0x8F;
            }
        } else {
            return 0;
        }
        if (i + length > end) {
            return 0;
        }
        int second = bytes.get(i + 1) & 0xFF;
        if (second < secondMin || second > secondMax) {
            return 0;
        }
        for (int k = 2; k < length; k++) {
            int next = bytes.get(i + k) & 0xFF;
            if (next < 0x80 || next > 0xBF) {
                return 0;
            }
        }
        return length;
    }

    /** Whether well-formed multi-byte UTF-8 sequences outnumber the bytes that belong to none. */
    private static boolean mostlyUtf8(ByteBuffer content) {
        int sequences = 0;
        int stray = 0;
        int i = content.position();
        while (i < content.limit()) {
            if (content.get(i) >= 0) {
                i++;
                continue;
            }
            int length = sequenceLength(content, i, content.limit());
            if (length == 0) {
                stray++;
                i++;
            } else {
                sequences++;
                i += length;
            }
        }
        return sequences > stray;
    }

    private static char[] windows1252High() {
        byte[] high = new byte[128];
        for (int i = 0; i < high.length; i++) {
            high[i] = (byte) (0x80 + i);
        }
        return new String(high, WINDOWS_1252).toCharArray();
    }

    static String headerCharset(String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher m = HEADER_CHARSET.matcher(contentType);
        return m.find() ? m.group(1) : null;
    }

    static String declaredEncoding(byte[] bytes) {
        int start = 0;
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            start = 3;
        }
        String head = new String(bytes, start, Math.min(bytes.length - start, 512), StandardCharsets.ISO_8859_1);
        Matcher m = DECLARED_ENCODING.matcher(head);
        return m.find() ? m.group(1) : null;
    }

    private static Charset charsetNamed(String name) {
        if (name == null) {
            return null;
        }
        String upper = name.trim().toUpperCase(Locale.ROOT);
        // XML's names for the Unicode encodings that Java knows by their UTF names.
        if (upper.equals("UCS-2") || upper.equals("ISO-10646-UCS-2") || upper.equals("UNICODE")) {
            return StandardCharsets.UTF_16;
        }
        if (upper.equals("UCS-4") || upper.equals("ISO-10646-UCS-4")) {
            return Charset.forName("UTF-32");
        }
        try {
            return Charset.forName(upper);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    private static String strict(ByteBuffer bytes, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Decoded lenient(ByteBuffer bytes, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return new Decoded(decoder.decode(bytes.duplicate()).toString(), charset);
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder reported a coding error", e);
        }
    }

    private static boolean hasNonAscii(ByteBuffer bytes) {
        for (int i = bytes.position(); i < bytes.limit(); i++) {
            if (bytes.get(i) < 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
