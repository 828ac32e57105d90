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
}
