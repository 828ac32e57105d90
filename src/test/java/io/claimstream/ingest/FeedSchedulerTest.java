package io.claimstream.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.claimstream.avro.Article;
import io.claimstream.avro.FeedState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class FeedSchedulerTest {

    @Test
    void anErrorEscapingAPollNeitherEndsTheFeedsScheduleNorLeavesItLookingNeverFetched() throws Exception {
        AtomicInteger sends = new AtomicInteger();
        // A library failing with an Error, as Rome did with StackOverflowError on deeply nested feeds.
        MockProducer<String, Article> failing = new MockProducer<>(true, null, new StringSerializer(),
            AvroTestSerde.of(Article.class).serializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, Article> record) {
                sends.incrementAndGet();
                throw new StackOverflowError();
            }
        };
        IngestSettings settings = IngestSettings.defaults().withBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
            .withAllowedAddressRanges(List.of("127.0.0.0/8"));
        ErrorBackoff backoff = new ErrorBackoff(settings.backoffBase(), settings.backoffMax(), () -> 0.5);
        FeedPoller poller = new FeedPoller(new FeedFetcher(settings, Clock.systemUTC()), new FeedParser(settings),
            new ArticlePublisher(failing, IngestTopics.ARTICLES, Duration.ofSeconds(5)), backoff, settings);
        FeedStateStore store = new FeedStateStore(
            new MockProducer<>(true, null, new StringSerializer(), AvroTestSerde.of(FeedState.class).serializer()),
            new MockConsumer<>("earliest"), Duration.ofSeconds(5));
        IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
        try (LoopbackHttpServer server = new LoopbackHttpServer();
             FeedScheduler scheduler = new FeedScheduler(poller, store, metrics, backoff, settings, Clock.systemUTC(), "test")) {
            server.on("/feed", exchange -> LoopbackHttpServer.respond(exchange, 200, "application/rss+xml",
                FeedPollerTest.rss("a").getBytes(UTF_8)));
            Feed feed = Feed.of(server.uri("/feed").toString());

            scheduler.put(0, feed, FeedCheckpoint.initial(feed.url()));

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (server.requestsTo("/feed").size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.requestsTo("/feed")).as("polls of a feed whose polls end in an Error").hasSizeGreaterThanOrEqualTo(3);
            FeedStatus status = metrics.statuses().get(feed.url());
            assertThat(status.lastFetch()).isNotNull();
            assertThat(status.consecutiveErrors()).isGreaterThanOrEqualTo(1);
            assertThat(status.lastError()).startsWith("the poll could not complete");
        }
    }

    @Test
    void slowFeedsCannotTakeTheFetchSlotsFromAFeedThatAnswers() throws Exception {
        // 4 fetch slots, 6 slowloris feeds that trickle until the fetch deadline, 1 good feed every 200 ms.
        Duration deadline = Duration.ofMillis(1_500);
        IngestSettings settings = IngestSettings.defaults().withAllowedAddressRanges(AddressPolicy.LOOPBACK)
            .withMaxConcurrentFetches(4).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10)).withFetchDeadline(deadline)
            .withPollIntervals(Duration.ofMillis(200), Duration.ofMillis(100)).withBackoff(Duration.ofMillis(20), Duration.ofMillis(50));
        ErrorBackoff backoff = new ErrorBackoff(settings.backoffBase(), settings.backoffMax(), () -> 0.5);
        MockProducer<String, Article> articles = new MockProducer<>(true, null, new StringSerializer(),
            AvroTestSerde.of(Article.class).serializer());
        FeedPoller poller = new FeedPoller(new FeedFetcher(settings, Clock.systemUTC()), new FeedParser(settings),
            new ArticlePublisher(articles, IngestTopics.ARTICLES, Duration.ofSeconds(5)), backoff, settings);
        FeedStateStore store = new FeedStateStore(
            new MockProducer<>(true, null, new StringSerializer(), AvroTestSerde.of(FeedState.class).serializer()),
            new MockConsumer<>("earliest"), Duration.ofSeconds(5));
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<Long> goodRequests = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (LoopbackHttpServer server = new LoopbackHttpServer(32);
             FeedScheduler scheduler = new FeedScheduler(poller, store, new IngestMetrics(new SimpleMeterRegistry()), backoff,
                 settings, Clock.systemUTC(), "test")) {
            server.on("/good", exchange -> {
                goodRequests.add(System.nanoTime());
                LoopbackHttpServer.respond(exchange, 200, "application/rss+xml", FeedPollerTest.rss("a").getBytes(UTF_8));
            });
            for (int i = 0; i < 6; i++) {
                server.on("/slow" + i, exchange -> {
                    exchange.sendResponseHeaders(200, 0);
                    java.io.OutputStream out = exchange.getResponseBody();
                    out.write("<rss version=\"2.0\"><channel>".getBytes(UTF_8));
                    try {
                        while (release.getCount() > 0) {
                            out.write(' ');
                            out.flush();
                            Thread.sleep(100);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                Feed slow = Feed.of(server.uri("/slow" + i).toString());
                scheduler.put(0, slow, FeedCheckpoint.initial(slow.url()));
            }
            Feed good = new Feed(server.uri("/good").toString(), null, Duration.ofMillis(200), true, List.of());
            scheduler.put(0, good, FeedCheckpoint.initial(good.url()));

            // The first round of slow polls takes every slot for one deadline; from then on the
            // slow feeds are known and kept to half the slots.
            Thread.sleep(deadline.toMillis() * 2 + 500);
            int before = goodRequests.size();
            Thread.sleep(3_000);
            List<Long> measured = goodRequests.subList(before, goodRequests.size());

            long longestGapMillis = 0;
            for (int i = 1; i < measured.size(); i++) {
                longestGapMillis = Math.max(longestGapMillis, (measured.get(i) - measured.get(i - 1)) / 1_000_000);
            }
            assertThat(measured).as("polls of the good feed in 3 s").hasSizeGreaterThanOrEqualTo(8);
            assertThat(longestGapMillis).as("longest wait between polls of the good feed, every 200 ms")
                .isLessThan(deadline.toMillis() / 2);
        } finally {
            release.countDown();
        }
    }
}
