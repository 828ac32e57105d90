package io.claimstream.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The status page's files, read once from the classpath: static HTML, a script that draws the
 * page from the JSON API, and a style sheet. Nothing is fetched from elsewhere, so the page works
 * offline.
 */
final class StatusPage {

    /** A file of the page. */
    record Asset(String contentType, byte[] body) {
    }

    private static final String RESOURCES = "/io/claimstream/status/";

    private final Map<String, Asset> assets;

    private StatusPage(Map<String, Asset> assets) {
        this.assets = assets;
    }

    static StatusPage load() {
        Asset html = read("index.html", "text/html; charset=utf-8");
        return new StatusPage(Map.of(
            "/", html,
            "/index.html", html,
            "/status.js", read("status.js", "text/javascript; charset=utf-8"),
            "/status.css", read("status.css", "text/css; charset=utf-8")));
    }

    /** The file served at {@code path}, or null. */
    Asset asset(String path) {
        return assets.get(path);
    }

    private static Asset read(String name, String contentType) {
        try (InputStream in = StatusPage.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCES + name + " is missing from the classpath");
            }
            return new Asset(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
