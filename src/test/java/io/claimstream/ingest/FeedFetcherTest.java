package io.claimstream.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeedFetcherTest {

    private static final byte[] FEED = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>".getBytes(UTF_8);
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private final LoopbackHttpServer server = new LoopbackHttpServer();
    private final FeedFetcher fetcher = new FeedFetcher(IngestSettings.defaults().withAllowedAddressRanges(AddressPolicy.LOOPBACK), Clock.systemUTC());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void secondFetchWithTheValidatorsGets304() throws Exception {
        server.on("/feed", exchange -> {
            String etag = "\"v1\"";
            String lastModified = "Sat, 01 Mar 2025 10:00:00 GMT";
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))
                && lastModified.equals(exchange.getRequestHeaders().getFirst("If-Modified-Since"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.getResponseHeaders().set("ETag", etag);
            exchange.getResponseHeaders().set("Last-Modified", lastModified);
            LoopbackHttpServer.respond(exchange, 200, "application/rss+xml", FEED);
        });

        FetchResult first = fetcher.fetch(server.uri("/feed"), CacheValidators.NONE);
        assertThat(first).isInstanceOf(FetchResult.Fetched.class);
        CacheValidators validators = ((FetchResult.Fetched) first).validators();
        assertThat(validators).isEqualTo(new CacheValidators("\"v1\"", "Sat, 01 Mar 2025 10:00:00 GMT"));

        FetchResult second = fetcher.fetch(server.uri("/feed"), validators);
        assertThat(second).isInstanceOf(FetchResult.NotModified.class);
    }

    @Test
    void sendsAUserAgentNamingClaimstreamAndAsksForCompression() throws Exception {
        server.on("/feed", exchange -> LoopbackHttpServer.respond(exchange, 200, "application/rss+xml", FEED));

        fetcher.fetch(server.uri("/feed"), CacheValidators.NONE);

        LoopbackHttpServer.Request request = server.requestsTo("/feed").get(0);
        assertThat(request.header("User-Agent")).startsWith("claimstream/");
        assertThat(request.header("Accept-Encoding")).contains("gzip").contains("deflate");
        assertThat(request.header("If-None-Match")).isNull();
    }

    @Test
    void tooManyRequestsCarriesRetryAfterInSeconds() throws Exception {
        server.on("/feed", exchange -> {
            exchange.getResponseHeaders().set("Retry-After", "120");
            exchange.sendResponseHeaders(429, -1);
        });

        FetchResult result = fetcher.fetch(server.uri("/feed"), CacheValidators.NONE);

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class, failed -> {
            assertThat(failed.status()).isEqualTo(429);
            assertThat(failed.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        });
    }

    @Test
    void retryAfterAsAnHttpDateIsADelayFromNowAndIsCapped() {
        String inTenMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(600).atOffset(ZoneOffset.UTC));
        String inAWeek = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plus(Duration.ofDays(7)).atOffset(ZoneOffset.UTC));

        assertThat(fetcher.parseRetryAfter(inTenMinutes, NOW)).isEqualTo(Duration.ofMinutes(10));
        assertThat(fetcher.parseRetryAfter(inAWeek, NOW)).isEqualTo(IngestSettings.defaults().withAllowedAddressRanges(AddressPolicy.LOOPBACK).maxRetryAfter());
        assertThat(fetcher.parseRetryAfter("soon", NOW)).isNull();
    }

    @Test
    void serviceUnavailableCarriesRetryAfter() throws Exception {
        server.on("/feed", exchange -> {
            exchange.getResponseHeaders().set("Retry-After", "30");
            exchange.sendResponseHeaders(503, -1);
        });

        FetchResult result = fetcher.fetch(server.uri("/feed"), CacheValidators.NONE);

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class,
            failed -> assertThat(failed.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
    }

    @Test
    void followsARedirectChainAndKeepsTheFinalUrl() throws Exception {
        server.on("/a", exchange -> redirect(exchange, 301, "/b"));
        server.on("/b", exchange -> redirect(exchange, 302, server.uri("/c").toString()));
        server.on("/c", exchange -> redirect(exchange, 307, "feed"));
        server.on("/feed", exchange -> LoopbackHttpServer.respond(exchange, 200, "application/rss+xml", FEED));

        FetchResult result = fetcher.fetch(server.uri("/a"), CacheValidators.NONE);

        assertThat(result).isInstanceOfSatisfying(FetchResult.Fetched.class, fetched -> {
            assertThat(fetched.finalUrl()).isEqualTo(server.uri("/feed"));
            assertThat(fetched.body()).isEqualTo(FEED);
        });
    }

    @Test
    void stopsARedirectLoop() throws Exception {
        server.on("/a", exchange -> redirect(exchange, 302, "/b"));
        server.on("/b", exchange -> redirect(exchange, 302, "/a"));

        FetchResult result = fetcher.fetch(server.uri("/a"), CacheValidators.NONE);

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class,
            failed -> assertThat(failed.reason()).startsWith("redirect loop"));
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void followsAtMostFiveRedirects() throws Exception {
        for (int i = 0; i < 6; i++) {
            String fiveHops = "/r" + (i + 1);
            String sixHops = "/s" + (i + 1);
            server.on("/r" + i, exchange -> redirect(exchange, 302, fiveHops));
            server.on("/s" + i, exchange -> redirect(exchange, 302, sixHops));
        }
        server.on("/r5", exchange -> LoopbackHttpServer.respond(exchange, 200, "application/rss+xml", FEED));
        server.on("/s6", exchange -> LoopbackHttpServer.respond(exchange, 200, "application/rss+xml", FEED));

        assertThat(fetcher.fetch(server.uri("/r0"), CacheValidators.NONE)).isInstanceOf(FetchResult.Fetched.class);
        assertThat(fetcher.fetch(server.uri("/s0"), CacheValidators.NONE))
            .isInstanceOfSatisfying(FetchResult.Failed.class,
                failed -> assertThat(failed.reason()).startsWith("more than 5 redirects"));
    }

    @Test
    void refusesAnOversizedResponseAnnouncedByContentLength() throws Exception {
        FeedFetcher small = new FeedFetcher(IngestSettings.defaults().withAllowedAddressRanges(AddressPolicy.LOOPBACK).withMaxResponseBytes(64 * 1024), Clock.systemUTC());
        server.on("/big", exchange -> LoopbackHttpServer.respond(exchange, 200, "application/rss+xml", new byte[200 * 1024]));

        FetchResult result = small.fetch(server.uri("/big"), CacheValidators.NONE);

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class,
            failed -> assertThat(failed.reason()).contains("response larger than the limit of 64 KB"));
    }

    @Test
    void refusesAnOversizedStreamedResponse() throws Exception {
        FeedFetcher small = new FeedFetcher(IngestSettings.defaults().withAllowedAddressRanges(AddressPolicy.LOOPBACK).withMaxResponseBytes(64 * 1024), Clock.systemUTC());
        server.on("/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                // Without a cap the client would read all 64 MB.
                for (int i = 0; i < 8 * 1024; i++) {
                    out.write(new byte[8 * 1024]);
                }
            }
        });

        FetchResult result = small.fetch(server.uri("/endless"), CacheValidators.NONE);

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class,
            failed -> assertThat(failed.reason()).contains("response larger than the limit of 64 KB"));
    }

    @Test
    void refusesAGzipBombOnceDecoded() throws Exception {
        FeedFetcher small = new FeedFetcher(IngestSettings.defaults().withAllowedAddressRanges(AddressPolicy.LOOPBACK).withMaxResponseBytes(64 * 1024), Clock.systemUTC());
        byte[] bomb = gzip(new byte[10 * 1024 * 1024]);
        assertThat(bomb.length).isLessThan(64 * 1024);
        server.on("/bomb", exchange -> {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            LoopbackHttpServer.respond(exchange, 200, "application/rss+xml", bomb);
        });

        FetchResult result = small.fetch(server.uri("/bomb"), CacheValidators.NONE);

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class,
            failed -> assertThat(failed.reason()).contains("larger than the limit of 64 KB once gzip-decoded"));
    }

    @Test
    void readsAGzipBody() throws Exception {
        server.on("/feed", exchange -> {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            LoopbackHttpServer.respond(exchange, 200, "application/rss+xml", gzip(FEED));
        });

        FetchResult result = fetcher.fetch(server.uri("/feed"), CacheValidators.NONE);

        assertThat(result).isInstanceOfSatisfying(FetchResult.Fetched.class,
            fetched -> assertThat(fetched.body()).isEqualTo(FEED));
    }

    @Test
    void readsADeflateBody() throws Exception {
        server.on("/feed", exchange -> {
            exchange.getResponseHeaders().set("Content-Encoding", "deflate");
            LoopbackHttpServer.respond(exchange, 200, "application/rss+xml", deflate(FEED));
        });

        FetchResult result = fetcher.fetch(server.uri("/feed"), CacheValidators.NONE);

        assertThat(result).isInstanceOfSatisfying(FetchResult.Fetched.class,
            fetched -> assertThat(fetched.body()).isEqualTo(FEED));
    }

    @Test
    void aServerThatDoesNotAnswerTimesOut() throws Exception {
        FeedFetcher impatient = new FeedFetcher(
            IngestSettings.defaults().withAllowedAddressRanges(AddressPolicy.LOOPBACK).withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)), Clock.systemUTC());
        CountDownLatch release = new CountDownLatch(1);
        server.on("/slow", exchange -> {
            await(release);
            LoopbackHttpServer.respond(exchange, 200, "application/rss+xml", FEED);
        });
        try {
            FetchResult result = impatient.fetch(server.uri("/slow"), CacheValidators.NONE);

            assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class, failed -> {
                assertThat(failed.status()).isNull();
                assertThat(failed.reason()).contains("timed out after 300 ms");
            });
        } finally {
            release.countDown();
        }
    }

    @Test
    void aServerThatTricklesItsBodyTimesOut() throws Exception {
        FeedFetcher impatient = new FeedFetcher(
            IngestSettings.defaults().withAllowedAddressRanges(AddressPolicy.LOOPBACK).withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)), Clock.systemUTC());
        CountDownLatch release = new CountDownLatch(1);
        server.on("/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("<rss>".getBytes(UTF_8));
            out.flush();
            await(release);
        });
        try {
            FetchResult result = impatient.fetch(server.uri("/trickle"), CacheValidators.NONE);

            assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class,
                failed -> assertThat(failed.reason()).contains("timed out after 300 ms"));
        } finally {
            release.countDown();
        }
    }

    @Test
    void aRefusedConnectionIsAFailureWithTheReason() throws Exception {
        java.net.URI closed = server.uri("/feed");
        server.close();

        FetchResult result = fetcher.fetch(closed, CacheValidators.NONE);

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class,
            failed -> assertThat(failed.reason()).contains(closed.toString()));
    }

    @Test
    void anErrorStatusIsAFailureNamingIt() throws Exception {
        FetchResult result = fetcher.fetch(server.uri("/missing"), CacheValidators.NONE);

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class, failed -> {
            assertThat(failed.status()).isEqualTo(404);
            assertThat(failed.reason()).contains("HTTP 404");
        });
    }

    @Test
    void boundsTheNumberOfConcurrentFetches() throws Exception {
        FeedFetcher two = new FeedFetcher(IngestSettings.defaults().withAllowedAddressRanges(AddressPolicy.LOOPBACK).withMaxConcurrentFetches(2), Clock.systemUTC());
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        server.on("/feed", exchange -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            LoopbackHttpServer.respond(exchange, 200, "application/rss+xml", FEED);
        });
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            List<Future<FetchResult>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(callers.submit(() -> two.fetch(server.uri("/feed"), CacheValidators.NONE)));
            }
            for (Future<FetchResult> r : results) {
                assertThat(r.get(30, TimeUnit.SECONDS)).isInstanceOf(FetchResult.Fetched.class);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(mostInFlight.get()).isBetween(1, 2);
    }

    @Test
    void byDefaultLoopbackIsRefusedBeforeAnyRequestIsSent() throws Exception {
        server.on("/feed", exchange -> LoopbackHttpServer.respond(exchange, 200, "application/rss+xml", FEED));
        FeedFetcher clusterDefaults = new FeedFetcher(IngestSettings.defaults(), Clock.systemUTC());

        FetchResult result = clusterDefaults.fetch(server.uri("/feed"), CacheValidators.NONE);

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class, failed -> assertThat(failed.reason())
            .startsWith("refused to fetch " + server.uri("/feed") + ": 127.0.0.1, a loopback address")
            .contains("claimstream.ingest.fetch.allowed.ranges"));
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aRedirectToAnAddressOutsideTheAllowedRangesIsRefused() throws Exception {
        // Only 127.0.0.1 is allowed: the feed's redirect to another loopback service is not followed.
        FeedFetcher onlyThisHost = new FeedFetcher(IngestSettings.defaults().withAllowedAddressRanges(List.of("127.0.0.1/32")),
            Clock.systemUTC());
        int port = server.uri("/").getPort();
        server.on("/feed", exchange -> redirect(exchange, 302, "http://127.0.0.2:" + port + "/admin"));
        server.on("/metadata", exchange -> redirect(exchange, 301, "http://169.254.169.254/latest/meta-data/"));

        FetchResult toLoopback = onlyThisHost.fetch(server.uri("/feed"), CacheValidators.NONE);
        FetchResult toMetadata = fetcher.fetch(server.uri("/metadata"), CacheValidators.NONE);

        assertThat(toLoopback).isInstanceOfSatisfying(FetchResult.Failed.class, failed -> assertThat(failed.reason())
            .startsWith("refused to fetch http://127.0.0.2:" + port + "/admin: 127.0.0.2, a loopback address")
            .endsWith("redirected there from " + server.uri("/feed")));
        assertThat(toMetadata).isInstanceOfSatisfying(FetchResult.Failed.class, failed -> assertThat(failed.reason())
            .startsWith("refused to fetch http://169.254.169.254/latest/meta-data/: 169.254.169.254, the cloud metadata address"));
        assertThat(server.requestsTo("/admin")).isEmpty();
    }

    @Test
    void aFetchEndsByItsDeadlineHoweverSlowlyTheServerTricklesOrRedirects() throws Exception {
        // Each response well inside the read timeout, but the whole fetch past its deadline.
        FeedFetcher bounded = new FeedFetcher(IngestSettings.defaults().withAllowedAddressRanges(AddressPolicy.LOOPBACK)
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10)).withFetchDeadline(Duration.ofMillis(700)), Clock.systemUTC());
        CountDownLatch release = new CountDownLatch(1);
        server.on("/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("<rss version=\"2.0\"><channel>".getBytes(UTF_8));
            try {
                while (release.getCount() > 0) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < 5; i++) {
            int next = i + 1;
            server.on("/hop" + i, exchange -> {
                pause(250);
                redirect(exchange, 302, "/hop" + next);
            });
        }
        try {
            long start = System.nanoTime();
            FetchResult trickled = bounded.fetch(server.uri("/trickle"), CacheValidators.NONE);
            long trickleMillis = (System.nanoTime() - start) / 1_000_000;
            start = System.nanoTime();
            FetchResult redirected = bounded.fetch(server.uri("/hop0"), CacheValidators.NONE);
            long redirectMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(trickled).isInstanceOfSatisfying(FetchResult.Failed.class, failed -> assertThat(failed.reason())
                .startsWith("gave up after 700 ms, the deadline of one fetch"));
            assertThat(redirected).isInstanceOfSatisfying(FetchResult.Failed.class, failed -> assertThat(failed.reason())
                .startsWith("gave up after 700 ms, the deadline of one fetch"));
            assertThat(trickleMillis).isBetween(600L, 3_000L);
            assertThat(redirectMillis).isBetween(600L, 3_000L);
        } finally {
            release.countDown();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void redirect(com.sun.net.httpserver.HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(status, -1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out)) {
            d.write(bytes);
        }
        return out.toByteArray();
    }
}
