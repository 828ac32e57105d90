package io.claimstream.inspect;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.claimstream.ingest.IngestTopics;
import io.claimstream.topology.ClaimsTopics;

/**
 * Records as people read them: a block per subject of claims.by-subject, a line per claim,
 * article, feed or dead letter, and a key and one-line JSON for any other topic. Also records
 * as JSON lines, for tools.
 */
public final class RecordText {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ERRORS = "__streams.errors.";

    private RecordText() {
    }

    /** The record as one or more lines of text, without a final line break. */
    public static String text(TopicRecord r) {
        if (r.undecodable() != null && !isDeadLetter(r)) {
            return key(r) + "  (value not readable: " + r.undecodable() + ")" + deadLetterReason(r);
        }
        if (r.isTombstone()) {
            return key(r) + "  (deleted)";
        }
        JsonNode v = r.value();
        return switch (r.topic()) {
            case ClaimsTopics.SUBJECT_CLAIMS -> subject(v);
            case ClaimsTopics.CLAIMS -> claim(v);
            case IngestTopics.ARTICLES -> text(v, v.path("published").isNull() ? "fetched" : "published") + "  "
                + text(v, "source") + "  " + text(v, "title") + "  (" + text(v, "id") + ")";
            case IngestTopics.FEEDS -> text(v, "url") + "  outlet " + text(v, "outlet") + "  " + (v.path("enabled").asBoolean(true)
                ? "enabled" : "disabled") + "  every " + (v.path("poll_interval_seconds").isNull() ? "default"
                : v.path("poll_interval_seconds").asLong() + " s") + "  tags " + v.path("tags");
            case IngestTopics.FEED_STATE -> text(v, "url") + "  last fetch " + text(v, "last_fetch") + "  HTTP " + text(v, "last_http_status")
                + "  errors in a row " + v.path("consecutive_errors").asInt() + "  published " + v.path("items_published").asLong()
                + (v.path("last_error").isNull() ? "" : "  last error: " + text(v, "last_error"));
            case ClaimsTopics.DEAD_LETTERS -> key(r) + deadLetterReason(r);
            default -> key(r) + "  " + v;
        };
    }

    /** The record as one JSON object on one line: topic, partition, offset, timestamp, key, value, headers. */
    public static String json(TopicRecord r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("topic", r.topic());
        o.put("partition", r.partition());
        o.put("offset", r.offset());
        o.put("timestamp", r.timestamp().toString());
        o.put("key", r.key());
        o.set("value", r.value());
        if (!r.headers().isEmpty()) {
            o.set("headers", JSON.valueToTree(r.headers()));
        }
        if (r.undecodable() != null) {
            o.put("error", r.undecodable());
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A subject and its claims, with the counts beside each capped list when the list is cut:
     *
     * <pre>
     * russia/soldier/killed   soldiers killed (russia)
     *   ~250000 soldier   mentions 5   outlets 4   first 2025-02-15T17:05:00Z
     *     claimants: Volodymyr Zelensky, and 1 more
     *     sources:   Continental Wire, The Daily Ledger   (the first and latest of 5)
     * </pre>
     */
    static String subject(JsonNode v) {
        StringBuilder b = new StringBuilder(text(v, "subject_key")).append("   ").append(text(v, "subject"));
        long claimCount = v.path("claim_count").asLong(0);
        if (claimCount > v.path("claims").size()) {
            b.append("\n  ").append(v.path("claims").size()).append(" of ").append(claimCount)
                .append(" claims listed, the most reported: the rest would pass the record's size bound");
        }
        for (JsonNode c : v.path("claims")) {
            long mentions = c.path("mentions").asLong();
            b.append("\n  ").append(figure(c)).append("   mentions ").append(mentions);
            if (c.path("outlets").asLong(0) > 0) {
                b.append("   outlets ").append(c.path("outlets").asLong());
            }
            b.append("   first ").append(text(c, "first_seen"));
            List<String> claimants = new ArrayList<>();
            c.path("claimants").forEach(n -> claimants.add(n.asText()));
            if (!claimants.isEmpty()) {
                b.append("\n    claimants: ").append(String.join(", ", claimants));
                long more = c.path("claimant_count").asLong(0) - claimants.size();
                if (more > 0) {
                    b.append(", and ").append(more).append(" more");
                }
            }
            List<String> sources = new ArrayList<>();
            c.path("sources").forEach(s -> {
                if (!sources.contains(s.path("source").asText())) {
                    sources.add(s.path("source").asText());
                }
            });
            b.append("\n    sources:   ").append(String.join(", ", sources));
            if (mentions > c.path("sources").size()) {
                b.append("   (the first and latest of ").append(mentions).append(")");
            }
        }
        return b.toString();
    }

    private static String claim(JsonNode v) {
        JsonNode article = v.path("article");
        return text(v, "subject_key") + "   " + figure(v) + "   "
            + (v.path("claimant").isNull() ? "" : "claimed by " + text(v, "claimant") + ", ")
            + "first in " + text(article, "source") + ": \"" + text(v, "span") + "\"";
    }

    /** A figure with its qualifier, range, unit and direction: {@code ~250000 soldier}, {@code 4-5 percent (up)}. */
    static String figure(JsonNode c) {
        String qualifier = switch (text(c, "qualifier")) {
            case "APPROXIMATE" -> "~";
            case "AT_LEAST" -> ">";
            case "AT_MOST" -> "<";
            default -> "";
        };
        String value = number(c.path("value").asDouble());
        if (!c.path("value_high").isNull() && !c.path("value_high").isMissingNode()) {
            value += "-" + number(c.path("value_high").asDouble());
        }
        String unit = text(c, "unit");
        String change = c.path("change").isNull() || c.path("change").isMissingNode() ? ""
            : " (" + text(c, "change").toLowerCase(Locale.ROOT) + ")";
        return qualifier + value + (unit.isEmpty() ? "" : " " + unit) + change;
    }

    private static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** A dead letter is there because its value could not be read or processed: its headers say why. */
    private static boolean isDeadLetter(TopicRecord r) {
        return r.topic().equals(ClaimsTopics.DEAD_LETTERS) && r.headers().containsKey(ERRORS + "exception");
    }

    private static String deadLetterReason(TopicRecord r) {
        if (!r.headers().containsKey(ERRORS + "exception")) {
            return "";
        }
        return "  from " + r.headers().getOrDefault(ERRORS + "topic", "?") + "-" + r.headers().getOrDefault(ERRORS + "partition", "?")
            + "@" + r.headers().getOrDefault(ERRORS + "offset", "?") + "  " + r.headers().get(ERRORS + "exception")
            + ": " + firstLine(r.headers().getOrDefault(ERRORS + "message", ""));
    }

    private static String firstLine(String s) {
        Iterator<String> lines = s.lines().iterator();
        return lines.hasNext() ? lines.next() : "";
    }

    private static String key(TopicRecord r) {
        return r.key() == null ? "(no key)" : r.key();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNull() || v.isMissingNode() ? "-" : v.asText();
    }
}
