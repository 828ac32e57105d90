package io.claimstream.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.constraints.IntRange;

/**
 * The feed parser on mutated feed files, the way fuzzers mutate a corpus: bytes flipped, ranges
 * cut, repeated or moved, markup and hostile fragments spliced in. Whatever the bytes, the parser
 * reads items or refuses with a reason that speaks of the feed (no Java exception named), never
 * throws anything else, and returns in bounded time, on a thread with a poll thread's stack.
 */
class FeedParserProperties {

    private static final List<String> SEEDS = List.of("rss20.xml", "atom10.xml", "atom03.xml", "rss10.rdf", "rss091.xml",
        "channel-less.xml", "nested-2000.xml", "html-page.html");
    private static final List<String> FRAGMENTS = List.of("<item>", "</item>", "<channel>", "</channel>", "<entry>", "</feed>",
        "<rss version=\"2.0\">", "</rss>", "<![CDATA[", "]]>", "<!--", "-->", "&", "&amp;", "&#0;", "&#x110000;", "&nbsp;",
        "&undefined;", "<?xml version=\"1.0\" encoding=\"UCS-4\"?>", "<?xml version=\"1.0\" encoding=\"x-nonsense\"?>",
        "<!DOCTYPE rss [<!ENTITY a \"b\">]>", "<!DOCTYPE html>", "<html>", "\u0000", "\uFEFF", "\uFFFE", "\uD800",
        "<link>javascript:alert(1)</link>", "<pubDate>Tue, 99 Foo 2025 25:61:61 GMT</pubDate>", "<guid>12345</guid>",
        "xml:base=\"::::\"", "<x:a xmlns:x=\"\">", "<a b=\"1\" b=\"2\">", "\"'><", "<title>" + "9".repeat(400) + "</title>",
        "<x>".repeat(3_000), "</x>".repeat(3_000));
    private static final Pattern JAVA_EXCEPTION = Pattern.compile("\\b[A-Z]\\w*(Exception|Error)\\b|\\bjava\\.");
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final URI LOCATION = URI.create("https://fuzz.example/feed.xml");
    private static final Instant FETCHED = Instant.parse("2025-03-12T12:00:00Z");

    private final FeedParser parser = new FeedParser(IngestSettings.defaults());
    // A poll thread's stack, not the test runner's 8 MB main thread, which hides overflows.
    private static final ExecutorService POLL_THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(null, r, "fuzz-parse", 512 * 1024);
        t.setDaemon(true);
        return t;
    });

    @AfterContainer
    static void stop() {
        POLL_THREAD.shutdownNow();
    }

    @Property
    void aMutatedFeedIsReadOrRefusedWithAReasonInBoundedTime(@ForAll("seeds") String seed, @ForAll long randomSeed,
                                                             @ForAll @IntRange(min = 1, max = 6) int mutations,
                                                             @ForAll("contentTypes") String contentType) throws Exception {
        byte[] body = mutate(FeedParserTest.resource(seed), new Random(randomSeed), mutations);

        assertReadOrRefused(body, contentType);
    }

    @Property
    void arbitraryBytesAreRefusedWithAReasonInBoundedTime(@ForAll byte[] body, @ForAll("contentTypes") String contentType)
        throws Exception {
        assertReadOrRefused(body, contentType);
    }

    private void assertReadOrRefused(byte[] body, String contentType) throws Exception {
        Future<Object> outcome = POLL_THREAD.submit(() -> {
            try {
                return parser.parse(body, contentType, LOCATION, FETCHED);
            } catch (FeedParseException e) {
                return e;
            }
        });
        Object result;
        try {
            result = outcome.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            outcome.cancel(true);
            throw new AssertionError("the parser took more than " + BOUND + " on " + body.length + " bytes");
        } catch (ExecutionException e) {
            throw new AssertionError("the parser threw " + e.getCause(), e.getCause());
        }
        if (result instanceof FeedParseException refused) {
            assertThat(refused.getMessage()).isNotBlank().doesNotContainPattern(JAVA_EXCEPTION);
        } else {
            ParsedFeed feed = (ParsedFeed) result;
            assertThat(feed.items()).hasSizeLessThanOrEqualTo(IngestSettings.defaults().maxItemsPerFeed());
            feed.items().forEach(item -> assertThat(item.link()).satisfiesAnyOf(
                link -> assertThat(link).isNull(), link -> assertThat(link).startsWith("http")));
        }
    }

    @Provide
    Arbitrary<String> seeds() {
        return Arbitraries.of(SEEDS);
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/rss+xml", "text/xml; charset=utf-8", "text/html", "application/xml; charset=UTF-16",
            "text/xml; charset=ucs-4", "text/xml; charset=nonsense", "text/xml; charset=\"", "").injectNull(0.3);
    }

    private static byte[] mutate(byte[] seed, Random random, int mutations) {
        byte[] bytes = seed;
        for (int m = 0; m < mutations; m++) {
            int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 64);
            switch (random.nextInt(6)) {
                case 0 -> { // flip a byte
                    bytes = bytes.clone();
                    if (bytes.length > 0) {
                        bytes[at] = (byte) random.nextInt(256);
                    }
                    continue;
                }
                case 1 -> { // cut a range
                    int end = Math.min(bytes.length, at + random.nextInt(200));
                    out.write(bytes, 0, at);
                    out.write(bytes, end, bytes.length - end);
                }
                case 2 -> { // repeat a range
                    int end = Math.min(bytes.length, at + random.nextInt(300));
                    out.write(bytes, 0, end);
                    for (int r = random.nextInt(4); r >= 0; r--) {
                        out.write(bytes, at, end - at);
                    }
                    out.write(bytes, end, bytes.length - end);
                }
                case 3 -> { // splice in a fragment
                    byte[] fragment = FRAGMENTS.get(random.nextInt(FRAGMENTS.size())).getBytes(UTF_8);
                    out.write(bytes, 0, at);
                    out.write(fragment, 0, fragment.length);
                    out.write(bytes, at, bytes.length - at);
                }
                case 4 -> { // random bytes
                    byte[] noise = new byte[random.nextInt(16) + 1];
                    random.nextBytes(noise);
                    out.write(bytes, 0, at);
                    out.write(noise, 0, noise.length);
                    out.write(bytes, at, bytes.length - at);
                }
                default -> { // truncate
                    out.write(bytes, 0, at);
                }
            }
            bytes = out.toByteArray();
        }
        return bytes;
    }
}
