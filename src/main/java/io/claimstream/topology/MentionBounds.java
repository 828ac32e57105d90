package io.claimstream.topology;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.claimstream.avro.internal.ClaimMention;

/**
 * Size bounds of what one mention carries into the records the topology writes (the
 * repartition topic, the claim entries and their changelog, news.claims, claims.by-subject):
 * with them, every record has a size bound whatever the article, and no record can pass Kafka's
 * limit. Articles come from any producer, so a headline, link or id may be of any length.
 *
 * <p>Text is cut at a character bound (never inside a surrogate pair) and marked with an
 * ellipsis. Identifiers are compared, not read, so one too long is cut and given a digest of
 * the whole: two long ids that differ anywhere still differ, and the same id is always cut the
 * same way.
 */
final class MentionBounds {

    static final int MAX_KEY_CHARS = 512;
    static final int MAX_SUBJECT_CHARS = 300;
    static final int MAX_NAME_CHARS = 200;
    static final int MAX_SPAN_CHARS = 300;
    static final int MAX_SENTENCE_CHARS = 1_000;
    static final int MAX_TITLE_CHARS = 500;
    static final int MAX_LINK_CHARS = 2_048;
    private static final String ELLIPSIS = "\u2026";
    /** A cut id: its head, a tilde and 32 hex digits of the SHA-256 of the whole. */
    private static final int DIGEST_HEX = 32;

    private MentionBounds() {
    }

    /** {@code m}, in place, with every field within its bound. */
    static ClaimMention bound(ClaimMention m) {
        m.setSubjectKey(id(m.getSubjectKey()));
        m.setClaimKey(id(m.getClaimKey()));
        m.setArticleId(id(m.getArticleId()));
        m.setSubject(text(m.getSubject(), MAX_SUBJECT_CHARS));
        m.setClaimant(text(m.getClaimant(), MAX_NAME_CHARS));
        m.setSource(text(m.getSource(), MAX_NAME_CHARS));
        m.setSpan(text(m.getSpan(), MAX_SPAN_CHARS));
        m.setSentence(text(m.getSentence(), MAX_SENTENCE_CHARS));
        m.setTitle(text(m.getTitle(), MAX_TITLE_CHARS));
        m.setLink(text(m.getLink(), MAX_LINK_CHARS));
        return m;
    }

    /** {@code s} cut to at most {@code max} characters, an ellipsis marking the cut. */
    static String text(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return head(s, max - ELLIPSIS.length()) + ELLIPSIS;
    }

    /** {@code id} as it is when short enough, else its head and a digest of the whole, {@link #MAX_KEY_CHARS} long. */
    static String id(String id) {
        if (id == null || id.length() <= MAX_KEY_CHARS) {
            return id;
        }
        String digest = HexFormat.of().formatHex(sha256(id)).substring(0, DIGEST_HEX);
        return head(id, MAX_KEY_CHARS - DIGEST_HEX - 1) + "~" + digest;
    }

    private static String head(String s, int length) {
        int end = Character.isLowSurrogate(s.charAt(length)) && Character.isHighSurrogate(s.charAt(length - 1)) ? length - 1 : length;
        return s.substring(0, end);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
