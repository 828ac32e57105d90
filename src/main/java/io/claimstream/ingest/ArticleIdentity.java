package io.claimstream.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The stable id of an article, so that re-polling a feed, or two ingesters polling it, yields
 * the same key: the item's GUID or Atom id when it has one that is not a bare number (those are
 * only unique within one feed), else its canonical link, else a hash of title and text.
 */
public final class ArticleIdentity {

    /** Parameters that say how a reader arrived, not what they read. */
    private static final Set<String> TRACKING_PARAMETERS = Set.of(
        "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid", "_ga", "_gl",
        "ref_src", "cmpid", "ocid", "smid", "sr_share");
    private static final Pattern BARE_NUMBER = Pattern.compile("\\d+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private ArticleIdentity() {
    }

    public static String of(String guid, String link, String title, String text) {
        if (guid != null && !guid.isBlank() && !BARE_NUMBER.matcher(guid.trim()).matches()) {
            return guid.trim();
        }
        String canonical = canonicalLink(link);
        if (canonical != null) {
            return canonical;
        }
        return "sha256:" + contentHash(title, text);
    }

    /**
     * The link with scheme and host lower-cased, default port, fragment and tracking parameters
     * removed; null when it is not an absolute http(s) URL.
     */
    public static String canonicalLink(String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(link.trim());
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getRawAuthority() == null || uri.getHost() == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(link.length());
        b.append(scheme).append("://").append(uri.getHost().toLowerCase(Locale.ROOT));
        int port = uri.getPort();
        if (port != -1 && !(port == 80 && scheme.equals("http")) && !(port == 443 && scheme.equals("https"))) {
            b.append(':').append(port);
        }
        String path = uri.getRawPath();
        b.append(path == null || path.isEmpty() ? "/" : path);
        String query = withoutTracking(uri.getRawQuery());
        if (!query.isEmpty()) {
            b.append('?').append(query);
        }
        return b.toString();
    }

    private static String withoutTracking(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        StringJoiner kept = new StringJoiner("&");
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (!name.startsWith("utm_") && !TRACKING_PARAMETERS.contains(name)) {
                kept.add(pair);
            }
        }
        return kept.toString();
    }

    private static String contentHash(String title, String text) {
        String normalised = normalise(title) + "\n" + normalise(text);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String normalise(String s) {
        return s == null ? "" : WHITESPACE.matcher(s.strip().toLowerCase(Locale.ROOT)).replaceAll(" ");
    }
}
