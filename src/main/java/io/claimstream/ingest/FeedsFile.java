package io.claimstream.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A file that seeds news.feeds: a JSON array of feeds, each
 * {@code {"url": "...", "outlet": "...", "poll_interval": "15m", "enabled": true, "tags": ["..."]}},
 * where only the url is required.
 */
public final class FeedsFile {

    private FeedsFile() {
    }

    public static List<Feed> read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not readable JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IOException(file + ": expected a JSON array of feeds");
        }
        List<Feed> feeds = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            try {
                feeds.add(toFeed(entry));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": feed " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return feeds;
    }

    private static Feed toFeed(JsonNode entry) {
        if (!entry.isObject()) {
            throw new IllegalArgumentException("expected an object with at least a \"url\"");
        }
        String url = text(entry, "url");
        if (url == null) {
            throw new IllegalArgumentException("no \"url\"");
        }
        String interval = text(entry, "poll_interval");
        Duration pollInterval = interval == null ? null : Feed.parseInterval(interval);
        boolean enabled = !entry.has("enabled") || entry.get("enabled").asBoolean(true);
        List<String> tags = new ArrayList<>();
        if (entry.has("tags")) {
            entry.get("tags").forEach(t -> tags.add(t.asText()));
        }
        return new Feed(url, text(entry, "outlet"), pollInterval, enabled, tags);
    }

    private static String text(JsonNode entry, String field) {
        JsonNode node = entry.get(field);
        return node == null || node.isNull() || node.asText().isBlank() ? null : node.asText().trim();
    }
}
