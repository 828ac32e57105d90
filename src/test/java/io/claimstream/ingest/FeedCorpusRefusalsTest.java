package io.claimstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the feed parser over every feed file of the repository (the test feeds, the bundled
 * sample feeds; the fuzz suite keeps no corpus on disk: its seeds are these files), each as
 * served and again under every content type the fuzz suite tries (charsets declared only in HTTP
 * were among the refusals that named Java internals). Each is read or refused, and no refusal
 * names a Java exception or package: reasons speak of the feed.
 */
class FeedCorpusRefusalsTest {

    /** A Java exception or error class, or a package name, anywhere in a reason. */
    static final Pattern JAVA_INTERNALS = Pattern.compile(
        "[A-Za-z]+Exception|\\b[A-Z][A-Za-z]*Error\\b|\\b(java|javax|jdk|sun|org|com)\\.[a-z]");
    private static final List<Path> ROOTS = List.of(Path.of("src/test/resources/feeds"), Path.of("src/main/resources/sample-feeds"));
    private static final List<String> CONTENT_TYPES = Arrays.asList(null, "", "application/rss+xml", "text/xml; charset=utf-8",
        "text/html", "application/xml; charset=UTF-16", "text/xml; charset=ucs-4", "text/xml; charset=nonsense",
        "text/xml; charset=\"", "text/xml; charset=big5", "application/atom+xml; charset=windows-1252");
    private static final Instant FETCHED = Instant.parse("2025-03-12T12:00:00Z");
    // A poll thread's stack, as the ingester parses on, not the test runner's larger one.
    private static final ExecutorService POLL_THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(null, r, "corpus-parse", 512 * 1024);
        t.setDaemon(true);
        return t;
    });

    private final FeedParser parser = new FeedParser(IngestSettings.defaults());

    @AfterAll
    static void stop() {
        POLL_THREAD.shutdownNow();
    }

    @Test
    void noRefusalOfTheProjectsOwnFeedFilesNamesAJavaException() throws Exception {
        List<Path> files = feedFiles();
        assertThat(files).as("feed files under %s", ROOTS).hasSizeGreaterThanOrEqualTo(16);

        Map<String, String> refusedAsServed = new TreeMap<>();
        int parsedAsServed = 0;
        Map<String, String> refusedUnderContentTypes = new TreeMap<>();
        int parsedUnderContentTypes = 0;
        for (Path file : files) {
            byte[] body = Files.readAllBytes(file);
            String reason = refusal(body, servedAs(file), file);
            if (reason == null) {
                parsedAsServed++;
            } else {
                refusedAsServed.put(file.toString(), reason);
            }
            for (String contentType : CONTENT_TYPES) {
                String underType = refusal(body, contentType, file);
                if (underType == null) {
                    parsedUnderContentTypes++;
                } else {
                    refusedUnderContentTypes.put(file + " as " + contentType, underType);
                }
            }
        }
        System.out.printf("Feed corpus: %d files as served: %d parsed, %d refused %s%n", files.size(), parsedAsServed,
            refusedAsServed.size(), refusedAsServed);
        System.out.printf("Feed corpus: %d files x %d content types: %d parsed, %d refused%n", files.size(),
            CONTENT_TYPES.size(), parsedUnderContentTypes, refusedUnderContentTypes.size());
        refusedUnderContentTypes.forEach((what, reason) -> System.out.printf("  refused %s: %s%n", what, reason));

        List<String> reasons = new ArrayList<>(refusedAsServed.values());
        reasons.addAll(refusedUnderContentTypes.values());
        assertThat(reasons).allSatisfy(reason -> assertThat(reason).isNotBlank().doesNotContainPattern(JAVA_INTERNALS));
        // The bundled sample feeds are what embedded mode ingests: every one reads.
        assertThat(refusedAsServed.keySet()).noneMatch(name -> name.contains("sample-feeds"));
        assertThat(refusedAsServed).containsOnlyKeys("src/test/resources/feeds/html-page.html");
        // Under any content type, only the HTML page is refused: a charset the bytes contradict is not believed.
        assertThat(refusedUnderContentTypes.keySet()).allMatch(what -> what.startsWith("src/test/resources/feeds/html-page.html"));
    }

    @Test
    void thePatternCatchesWhatTheIssueSaw() {
        assertThat("cannot read the feed (NullPointerException): Cannot invoke \"org.jdom2.Element.getChild(String)\"")
            .containsPattern(JAVA_INTERNALS);
        assertThat("ArrayIndexOutOfBoundsException: 3").containsPattern(JAVA_INTERNALS);
        assertThat("StackOverflowError").containsPattern(JAVA_INTERNALS);
        assertThat("java.io.CharConversionException").containsPattern(JAVA_INTERNALS);
        assertThat("an HTML page, not a feed").doesNotContainPattern(JAVA_INTERNALS);
        assertThat("unsupported encoding UCS-4 in byte order 2143").doesNotContainPattern(JAVA_INTERNALS);
    }

    /** The content type a web server would give the file. */
    private static String servedAs(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".rdf")) {
            return "application/rdf+xml";
        }
        return name.contains(".atom.") ? "application/atom+xml" : name.contains(".rss.") ? "application/rss+xml" : "application/xml";
    }

    /** Null when the parser reads the body, else its reason; a throw or a hang fails the test. */
    private String refusal(byte[] body, String contentType, Path file) throws Exception {
        Future<String> outcome = POLL_THREAD.submit(() -> {
            try {
                parser.parse(body, contentType, URI.create("https://corpus.example/" + file.getFileName()), FETCHED);
                return null;
            } catch (FeedParseException e) {
                return String.valueOf(e.getMessage());
            }
        });
        try {
            return outcome.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the parser threw on " + file + " as " + contentType + ": " + e.getCause(), e.getCause());
        }
    }

    private static List<Path> feedFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : ROOTS) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
            }
        }
        return files;
    }
}
