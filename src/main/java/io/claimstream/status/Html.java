package io.claimstream.status;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Writing HTML on the server: every text from the news (keys, subjects, outlets, titles, links)
 * goes through {@link #text} or {@link #href}, so it reaches the browser as text, never markup.
 */
final class Html {

    private Html() {
    }

    /** {@code value} escaped for an element's text or a quoted attribute value. */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The link as an absolute http(s) URL, escaped for an attribute, or null: a feed could carry javascript: or data: links. */
    static String href(String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(link.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? text(uri.toASCIIString()) : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The start of a page of the status server, with its style sheet at {@code base} (the way back to the server's root). */
    static StringBuilder page(String title, String base, String bodyClass, int refreshSeconds) {
        StringBuilder html = new StringBuilder(8192);
        html.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        if (refreshSeconds > 0) {
            html.append("<meta http-equiv=\"refresh\" content=\"").append(refreshSeconds).append("\">\n");
        }
        html.append("<title>").append(text(title)).append("</title>\n")
            .append("<link rel=\"stylesheet\" href=\"").append(text(base)).append("status.css\">\n</head>\n")
            .append("<body class=\"").append(bodyClass).append("\">\n");
        return html;
    }
}
