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
 * are checked against the choice: UTF-8 that is not valid UTF-8 is read as windows-1252, and a
 * single-byte Latin label on bytes that are valid multi-byte UTF-8 is taken to be UTF-8 (real
 * Latin-1 text is practically never valid UTF-8).
 */
final class FeedEncoding {

    /** The text and the charset it was read with. */
    record Decoded(String text, Charset charset) {
    }

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Set<String> SINGLE_BYTE_LATIN = Set.of("ISO-8859-1", "US-ASCII", "windows-1252", "ISO-8859-15");
    private static final Pattern HEADER_CHARSET = Pattern.compile("(?i)charset\\s*=\\s*[\"']?([^\"';\\s]+)");
    private static final Pattern DECLARED_ENCODING =
        Pattern.compile("^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");

    private FeedEncoding() {
    }

    static Decoded decode(byte[] bytes, String contentType) {
        int bomLength = 0;
        Charset chosen = null;
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
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

    private static Decoded verified(ByteBuffer content, Charset chosen) {
        if (chosen.equals(StandardCharsets.UTF_8)) {
            String utf8 = strict(content.duplicate(), StandardCharsets.UTF_8);
            return utf8 != null ? new Decoded(utf8, chosen) : lenient(content, WINDOWS_1252);
        }
        if (SINGLE_BYTE_LATIN.contains(chosen.name())) {
            if (hasNonAscii(content)) {
                String utf8 = strict(content.duplicate(), StandardCharsets.UTF_8);
                if (utf8 != null) {
                    return new Decoded(utf8, StandardCharsets.UTF_8);
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
        try {
            return Charset.forName(name.trim().toUpperCase(Locale.ROOT));
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
