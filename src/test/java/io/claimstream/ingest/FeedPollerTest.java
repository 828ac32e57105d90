package io.claimstream.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.claimstream.avro.Article;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeedPollerTest {

    private final LoopbackHttpServer server = new LoopbackHttpServer();
    private final MockProducer<String, Article> producer =
        new MockProducer<>(true, null, new StringSerializer(), AvroTestSerde.of(Article.class).serializer());
    private final IngestSettings settings = IngestSettings.defaults().withAllowedAddressRanges(AddressPolicy.LOOPBACK);
    private final FeedPoller poller = new FeedPoller(
        new FeedFetcher(settings, Clock.systemUTC()), new FeedParser(settings),
        new ArticlePublisher(producer, IngestTopics.ARTICLES, Duration.ofSeconds(5)),
        new ErrorBackoff(Duration.ofMinutes(1), Duration.ofHours(1), () -> 0.5), settings);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aSecondPollGets304AndPublishesNothing() throws Exception {
        AtomicReference<String> document = new AtomicReference<>(rss("a", "b"));
        serveWithValidators("/feed", document);
        Feed feed = new Feed(server.uri("/feed").toString(), "The Ledger", null, true, List.of());

        PollOutcome first = poller.poll(feed, FeedCheckpoint.initial(feed.url()));
        PollOutcome second = poller.poll(feed, first.checkpoint());

        assertThat(first.articlesPublished()).isEqualTo(2);
        assertThat(second.kind()).isEqualTo(PollOutcome.Kind.NOT_MODIFIED);
        assertThat(second.articlesPublished()).isZero();
        assertThat(second.checkpoint().status().lastHttpStatus()).isEqualTo(304);
        assertThat(second.checkpoint().status().itemsPublished()).isEqualTo(2);
        assertThat(server.requestsTo("/feed").get(1).header("If-None-Match")).isEqualTo(first.checkpoint().validators().etag());
        assertThat(producer.history()).hasSize(2);
    }

    @Test
    void publishesEachItemOnceKeyedByIdWithTheOutletAsSource() throws Exception {
        AtomicReference<String> document = new AtomicReference<>(rss("a", "b"));
        serveWithoutValidators("/feed", document);
        Feed feed = new Feed(server.uri("/feed").toString(), "The Ledger", null, true, List.of());

        PollOutcome first = poller.poll(feed, FeedCheckpoint.initial(feed.url()));
        PollOutcome unchanged = poller.poll(feed, first.checkpoint());
        document.set(rss("c", "a", "b"));
        PollOutcome grown = poller.poll(feed, unchanged.checkpoint());

        assertThat(unchanged.kind()).isEqualTo(PollOutcome.Kind.FETCHED);
        assertThat(unchanged.articlesPublished()).isZero();
        assertThat(grown.articlesPublished()).isEqualTo(1);
        assertThat(producer.history()).extracting(ProducerRecord::key).containsExactly("id-a", "id-b", "id-c");
        ProducerRecord<String, Article> record = producer.history().get(0);
        assertThat(record.topic()).isEqualTo(IngestTopics.ARTICLES);
        assertThat(record.value().getSource()).isEqualTo("The Ledger");
        assertThat(record.value().getFeedUrl()).isEqualTo(feed.url());
        assertThat(grown.checkpoint().recentIds()).containsExactly("id-c", "id-a", "id-b");
        assertThat(grown.checkpoint().status().itemsPublished()).isEqualTo(3);
    }

    @Test
    void tooManyRequestsWaitsForRetryAfterAndPublishesNothing() throws Exception {
        server.on("/feed", exchange -> {
            exchange.getResponseHeaders().set("Retry-After", "120");
            exchange.sendResponseHeaders(429, -1);
        });
        Feed feed = Feed.of(server.uri("/feed").toString());

        PollOutcome outcome = poller.poll(feed, FeedCheckpoint.initial(feed.url()));

        FeedStatus status = outcome.checkpoint().status();
        assertThat(outcome.kind()).isEqualTo(PollOutcome.Kind.FAILED);
        assertThat(status.lastHttpStatus()).isEqualTo(429);
        assertThat(status.nextFetch()).isEqualTo(status.lastFetch().plusSeconds(120));
        assertThat(status.consecutiveErrors()).isEqualTo(1);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void failuresBackOffExponentiallyAndASuccessResetsThem() throws Exception {
        AtomicReference<Integer> status = new AtomicReference<>(500);
        server.on("/feed", exchange -> {
            if (status.get() != 200) {
                exchange.sendResponseHeaders(status.get(), -1);
            } else {
                LoopbackHttpServer.respond(exchange, 200, "application/rss+xml", rss("a").getBytes(UTF_8));
            }
        });
        Feed feed = new Feed(server.uri("/feed").toString(), null, Duration.ofMinutes(10), true, List.of());

        PollOutcome first = poller.poll(feed, FeedCheckpoint.initial(feed.url()));
        PollOutcome second = poller.poll(feed, first.checkpoint());
        PollOutcome third = poller.poll(feed, second.checkpoint());
        status.set(200);
        PollOutcome recovered = poller.poll(feed, third.checkpoint());

        assertThat(delayOf(first)).isEqualTo(Duration.ofMinutes(1));
        assertThat(delayOf(second)).isEqualTo(Duration.ofMinutes(2));
        assertThat(delayOf(third)).isEqualTo(Duration.ofMinutes(4));
        assertThat(third.checkpoint().status().consecutiveErrors()).isEqualTo(3);
        assertThat(third.checkpoint().status().lastError()).contains("HTTP 500");
        assertThat(recovered.checkpoint().status().consecutiveErrors()).isZero();
        assertThat(recovered.checkpoint().status().lastError()).isNull();
        assertThat(delayOf(recovered)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aMalformedFeedIsReportedWithItsReasonAndTheNextFeedIsStillIngested() throws Exception {
        server.on("/broken", exchange -> LoopbackHttpServer.respond(exchange, 200, "application/rss+xml",
            "<rss><channel><item><title>oops</channel></rss>".getBytes(UTF_8)));
        serveWithoutValidators("/good", new AtomicReference<>(rss("a")));
        Feed broken = Feed.of(server.uri("/broken").toString());
        Feed good = Feed.of(server.uri("/good").toString());

        PollOutcome failed = poller.poll(broken, FeedCheckpoint.initial(broken.url()));
        PollOutcome ok = poller.poll(good, FeedCheckpoint.initial(good.url()));

        assertThat(failed.kind()).isEqualTo(PollOutcome.Kind.FAILED);
        assertThat(failed.checkpoint().status().lastError()).startsWith("invalid XML at line 1");
        assertThat(ok.articlesPublished()).isEqualTo(1);
    }

    @Test
    void articlesTheBrokerDidNotTakeAreNotRememberedAsPublished() throws Exception {
        serveWithoutValidators("/feed", new AtomicReference<>(rss("a")));
        Feed feed = Feed.of(server.uri("/feed").toString());
        producer.sendException = new KafkaException("broker unreachable");

        PollOutcome failed = poller.poll(feed, FeedCheckpoint.initial(feed.url()));
        producer.sendException = null;
        PollOutcome retried = poller.poll(feed, failed.checkpoint());

        assertThat(failed.kind()).isEqualTo(PollOutcome.Kind.FAILED);
        assertThat(failed.checkpoint().status().lastError()).contains("broker unreachable");
        assertThat(failed.checkpoint().recentIds()).isEmpty();
        assertThat(retried.articlesPublished()).isEqualTo(1);
    }

    @Test
    void aDeeplyNestedFeedIsIngestedAndAnHtmlPageFailsWithItsReasonAndIsPolledAgainAfterBackoff() throws Exception {
        server.on("/deep", exchange -> LoopbackHttpServer.respond(exchange, 200, "application/rss+xml",
            FeedParserTest.resource("nested-2000.xml")));
        server.on("/page", exchange -> LoopbackHttpServer.respond(exchange, 200, "text/html; charset=utf-8",
            FeedParserTest.resource("html-page.html")));
        Feed deep = Feed.of(server.uri("/deep").toString());
        Feed page = Feed.of(server.uri("/page").toString());
        AtomicReference<PollOutcome> deepOutcome = new AtomicReference<>();
        // On a thread with a poll thread's stack, not the test's 8 MB main thread.
        Thread pollThread = new Thread(null, () -> {
            try {
                deepOutcome.set(poller.poll(deep, FeedCheckpoint.initial(deep.url())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "poll", 512 * 1024);
        pollThread.start();
        pollThread.join();

        PollOutcome first = poller.poll(page, FeedCheckpoint.initial(page.url()));
        PollOutcome second = poller.poll(page, first.checkpoint());

        assertThat(deepOutcome.get().kind()).isEqualTo(PollOutcome.Kind.FETCHED);
        assertThat(deepOutcome.get().articlesPublished()).isEqualTo(2);
        assertThat(first.kind()).isEqualTo(PollOutcome.Kind.FAILED);
        assertThat(first.checkpoint().status().lastError()).isEqualTo("an HTML page, not a feed");
        assertThat(first.checkpoint().status().lastFetch()).isNotNull();
        assertThat(delayOf(first)).isEqualTo(Duration.ofMinutes(1));
        assertThat(second.checkpoint().status().consecutiveErrors()).isEqualTo(2);
        assertThat(delayOf(second)).isEqualTo(Duration.ofMinutes(2));
    }

    private static Duration delayOf(PollOutcome outcome) {
        return Duration.between(outcome.checkpoint().status().lastFetch(), outcome.checkpoint().status().nextFetch());
    }

    private void serveWithValidators(String path, AtomicReference<String> document) {
        server.on(path, exchange -> {
            String etag = "\"" + Integer.toHexString(document.get().hashCode()) + "\"";
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.getResponseHeaders().set("ETag", etag);
            LoopbackHttpServer.respond(exchange, 200, "application/rss+xml", document.get().getBytes(UTF_8));
        });
    }

    private void serveWithoutValidators(String path, AtomicReference<String> document) {
        server.on(path, exchange -> LoopbackHttpServer.respond(exchange, 200, "application/rss+xml", document.get().getBytes(UTF_8)));
    }

    static String rss(String... ids) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Feed</title>");
        for (String id : ids) {
            b.append("<item><guid>id-").append(id).append("</guid><title>Story ").append(id)
                .append("</title><link>https://news.example/").append(id).append("</link>")
                .append("<pubDate>Tue, 11 Mar 2025 09:15:00 GMT</pubDate>")
                .append("<description>Officials said 1,200 people were affected in story ").append(id).append(".</description></item>");
        }
        return b.append("</channel></rss>").toString();
    }
}
