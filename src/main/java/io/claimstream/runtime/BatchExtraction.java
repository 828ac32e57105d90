package io.claimstream.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.claimstream.extract.ArticleText;
import io.claimstream.extract.ClaimExtractor;
import io.claimstream.extract.ExtractionLimits;
import io.claimstream.extract.NumericClaim;
import io.claimstream.extract.Quantity;

/**
 * Extraction over a file: JSON Lines articles in ({@code id, title, text, published, link,
 * source}), or one plain-text article; JSON Lines claims out, in the predictions format of the
 * gold corpus. A bad line is reported with its number and skipped; the rest go on.
 */
public final class BatchExtraction {

    /** What a run did: articles read, claims written, lines that could not be read. */
    public record Summary(int articles, int claims, int badLines) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClaimExtractor extractor;
    private final boolean allQuantities;

    public BatchExtraction(ClaimExtractor extractor, boolean allQuantities) {
        this.extractor = extractor;
        this.allQuantities = allQuantities;
    }

    /**
     * Reads articles from {@code in} and writes claims to {@code out}; {@code name} stands for the
     * input in messages and is the article id of a plain-text input.
     */
    public Summary run(BufferedReader in, Writer out, PrintStream errors, String name) throws IOException {
        in.mark(1 << 16);
        int c;
        do {
            c = in.read();
        } while (c != -1 && Character.isWhitespace(c));
        in.reset();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.setRootValueSeparator(null);
            if (c != '{') {
                return plainText(in, json, out, errors, name);
            }
            return jsonLines(in, json, out, errors, name);
        }
    }

    private Summary plainText(BufferedReader in, JsonGenerator json, Writer out, PrintStream errors, String name)
        throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            text.append(buffer, 0, n);
        }
        try {
            int claims = write(ArticleText.of(name, text.toString()), json, out, errors, name);
            return new Summary(1, claims, 0);
        } catch (RuntimeException | StackOverflowError e) {
            errors.println(name + ": could not be extracted: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + reason(e)));
            return new Summary(1, 0, 1);
        }
    }

    private Summary jsonLines(BufferedReader in, JsonGenerator json, Writer out, PrintStream errors, String name)
        throws IOException {
        int articles = 0;
        int claims = 0;
        int bad = 0;
        int lineNumber = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            ArticleText article;
            try {
                article = parse(line);
            } catch (IOException | IllegalArgumentException e) {
                bad++;
                errors.println(name + ":" + lineNumber + ": " + reason(e));
                continue;
            }
            articles++;
            try {
                claims += write(article, json, out, errors, name + ":" + lineNumber);
            } catch (RuntimeException | StackOverflowError e) {
                // The extractor keeps to its limits and drops a figure it fails on; this is the
                // last guard, so that one article never stops the batch.
                bad++;
                errors.println(name + ":" + lineNumber + ": article " + article.id() + " could not be extracted: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + reason(e)));
            }
        }
        return new Summary(articles, claims, bad);
    }

    private static String reason(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }

    static ArticleText parse(String line) throws IOException {
        JsonNode node = JSON.readTree(line);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual()) {
            throw new IllegalArgumentException("no \"text\" string");
        }
        JsonNode id = node.get("id");
        if (id == null || id.isNull() || id.asText().isBlank()) {
            throw new IllegalArgumentException("no \"id\"");
        }
        return new ArticleText(id.asText(), textOf(node, "title"), text.asText(), published(node),
            textOf(node, "link"), textOf(node, "source"));
    }

    private static String textOf(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant published(JsonNode node) {
        String value = textOf(node, "published");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"published\" is not an ISO-8601 time: " + value, e);
        }
    }

    /** Writes the claims of {@code article}; a cut-short extraction is noted on {@code errors} at {@code where}. */
    private int write(ArticleText article, JsonGenerator json, Writer out, PrintStream errors, String where)
        throws IOException {
        int written = 0;
        if (allQuantities) {
            for (Quantity q : extractor.quantities(article)) {
                writeQuantity(article.id(), q, json);
                json.flush();
                out.write('\n');
                written++;
            }
        } else {
            ClaimExtractor.Result result = extractor.extractWithin(article, kind -> { });
            if (result.truncated()) {
                errors.println(where + ": article " + article.id() + " cut short (" + labels(result) + "); "
                    + result.claims().size() + " claim(s) kept");
            }
            List<NumericClaim> claims = result.claims();
            for (NumericClaim claim : claims) {
                writeClaim(article.id(), claim, json);
                json.flush();
                out.write('\n');
                written++;
            }
        }
        return written;
    }

    private static String labels(ClaimExtractor.Result result) {
        StringBuilder sb = new StringBuilder();
        for (ExtractionLimits.Truncation t : result.truncations()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t.label());
        }
        return sb.toString();
    }

    private static void writeClaim(String articleId, NumericClaim c, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("article_id", articleId);
        json.writeNumberField("start", c.start());
        json.writeNumberField("end", c.end());
        json.writeStringField("span", c.span());
        writeNumber(json, "value", c.value());
        writeNumber(json, "value_high", c.valueHigh());
        json.writeStringField("unit", c.unit());
        json.writeStringField("qualifier", c.qualifier().symbol());
        json.writeStringField("change", c.change() == null ? null : c.change().label());
        json.writeStringField("kind", c.kind().label());
        json.writeStringField("claimant", c.claimant());
        json.writeStringField("subject", c.subject());
        json.writeStringField("subject_key", c.subjectKey());
        json.writeStringField("claim_key", c.claimKey());
        json.writeEndObject();
    }

    private static void writeQuantity(String articleId, Quantity q, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("article_id", articleId);
        json.writeNumberField("start", q.start());
        json.writeNumberField("end", q.end());
        json.writeStringField("span", q.span());
        writeNumber(json, "value", q.value());
        writeNumber(json, "value_high", q.valueHigh());
        json.writeStringField("unit", q.unit());
        json.writeStringField("qualifier", q.qualifier().symbol());
        json.writeStringField("change", q.change() == null ? null : q.change().label());
        json.writeStringField("kind", q.kind().label());
        json.writeBooleanField("claim", q.kind().isClaim());
        json.writeEndObject();
    }

    private static void writeNumber(JsonGenerator json, String field, Double value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            json.writeNumberField(field, value.longValue());
        } else {
            json.writeNumberField(field, value);
        }
    }
}
