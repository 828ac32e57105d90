package io.claimstream.topology;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Identity of an article's content within its outlet: a hash of the outlet and of the text
 * normalised so that what a republication changes — white space, punctuation, letter case,
 * typographic variants of characters — does not matter. The same wire story under two links of
 * one outlet has one fingerprint; the same story in two outlets has two, since each outlet
 * counts as a source of its own.
 */
public final class ArticleFingerprint {

    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

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

    /** Lower-case words separated by single spaces, after Unicode compatibility normalisation. */
    static String normalise(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return NOT_WORD.matcher(folded).replaceAll(" ").strip();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
