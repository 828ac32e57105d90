package io.claimstream.topology;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Identity of an article's content within its outlet: a hash of the outlet and of the text
 * normalised so that what a republication changes — white space, punctuation, letter case,
 * typographic variants of characters — does not matter. The same wire story under two links of
 * one outlet has one fingerprint; the same story in two outlets has two, since each outlet
 * counts as a source of its own.
 */
public final class ArticleFingerprint {

    private ArticleFingerprint() {
    }

    /** The fingerprint, or empty when the text has no words (such texts are not compared). */
    public static Optional<String> of(String source, String text) {
        String words = normalise(text);
        if (words.isEmpty()) {
            return Optional.empty();
        }
        MessageDigest sha256 = sha256();
        sha256.update(normalise(source == null ? "" : source).getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(words.getBytes(StandardCharsets.UTF_8));
        return Optional.of(HexFormat.of().formatHex(sha256.digest(), 0, 16));
    }

    /**
     * Lower-case words separated by single spaces, after Unicode compatibility normalisation: every
     * run of code points that are neither letters nor numbers (the regular expression
     * {@code [^\p{L}\p{N}]+}) is one space, and none stands first or last. A loop rather than
     * that expression, which cost every article's whole text a regex pass (4 % of the stream
     * thread); the result is the same, so fingerprints stored before stay valid.
     */
    static String normalise(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder words = new StringBuilder(folded.length());
        boolean gap = false;
        for (int i = 0; i < folded.length(); ) {
            int c = folded.codePointAt(i);
            i += Character.charCount(c);
            if (!isLetterOrNumber(c)) {
                gap = true;
                continue;
            }
            if (gap && words.length() > 0) {
                words.append(' ');
            }
            gap = false;
            words.appendCodePoint(c);
        }
        return words.toString();
    }

    /** Whether {@code c} is in Unicode's general category L (letters) or N (numbers), as {@code \p{L}} and {@code \p{N}} say. */
    static boolean isLetterOrNumber(int c) {
        if (c < 0x80) {
            return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z';
        }
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER, Character.MODIFIER_LETTER,
                 Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
