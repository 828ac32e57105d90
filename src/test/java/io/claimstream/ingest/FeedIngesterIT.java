package io.claimstream.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import io.claimstream.avro.Article;
import io.claimstream.avro.FeedSettings;
import io.claimstream.avro.FeedState;
import io.claimstream.runtime.EmbeddedKafkaBroker;
import io.claimstream.kafka.TopicProvisioner;
import io.claimstream.kafka.TopicSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedIngesterIT {

    private static final int FEED_PARTITIONS = 4;
    private static final Duration WAIT = Duration.ofSeconds(60);
    static final IngestSerdes SERDES = new IngestSerdes(
        AvroTestSerde.of(FeedSettings.class), AvroTestSerde.of(FeedState.class), AvroTestSerde.of(Article.class).serializer());

    @TempDir
    static Path dataDir;
    static EmbeddedKafkaBroker broker;

    private final LoopbackHttpServer server = new LoopbackHttpServer();
    private final IngestSettings settings = IngestSettings.defaults().withAllowedAddressRanges(AddressPolicy.LOOPBACK)
        .withPollIntervals(Duration.ofSeconds(1), Duration.ofMillis(100))
        .withBackoff(Duration.ofMillis(500), Duration.ofSeconds(2));
    private final List<FeedIngester> ingesters = new ArrayList<>();
    private final List<String> feedsAdded = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start(dataDir, 0);
        try (Admin admin = Admin.create(Map.<String, Object>copyOf(broker.adminConfig()))) {
            List<TopicSpec> topics = new ArrayList<>(IngestTopics.feedTopics(FEED_PARTITIONS, (short) 1));
            topics.add(IngestTopics.articlesTopic(2, (short) 1));
            new TopicProvisioner(admin, Duration.ofSeconds(30)).provision(topics);
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void removeFeedsAndStopIngesters() throws Exception {
        // The broker outlives the test: leave no feed behind for the next one to poll.
        try (FeedCatalog catalog = new FeedCatalog(broker.bootstrapServers(), SERDES, WAIT)) {
            for (String url : feedsAdded) {
                catalog.remove(url);
            }
        }
        ingesters.forEach(FeedIngester::close);
        server.close();
    }

    @Test
    void twoIngestersSplitTheFeedsAndOneTakesThemAllOverWhenTheOtherStops() throws Exception {
        List<String> feeds = feedsCoveringEveryPartition("split");
        for (String url : feeds) {
            serve(url, rss(url, "one", "two"), false);
        }
        try (FeedCatalog catalog = new FeedCatalog(broker.bootstrapServers(), SERDES, WAIT)) {
            for (String url : feeds) {
                catalog.put(new Feed(url, "Outlet", Duration.ofSeconds(1), true, List.of("test")));
                feedsAdded.add(url);
            }
        }

        FeedIngester first = start("split-group", "first");
        FeedIngester second = start("split-group", "second");
        awaitTrue("both ingesters polling and all feeds polled", () ->
            !first.feeds().isEmpty() && !second.feeds().isEmpty()
                && union(first.feeds(), second.feeds()).equals(Set.copyOf(feeds))
                && union(first.statuses().keySet(), second.statuses().keySet()).containsAll(feeds));
        assertThat(first.feeds()).doesNotContainAnyElementsOf(second.feeds());
        Set<String> firstFeeds = first.feeds();

        first.close();
        ingesters.remove(first);

        awaitTrue("the second ingester polling every feed", () -> second.feeds().equals(Set.copyOf(feeds))
            && second.statuses().keySet().containsAll(firstFeeds));
        List<ConsumerRecord<String, Article>> published = articlesFrom(feeds);
        assertThat(published).hasSize(feeds.size() * 2);
        assertThat(published).extracting(ConsumerRecord::key).doesNotHaveDuplicates();
    }

    @Test
    void aRestartedIngesterRepublishesNothingAndABrokenFeedHarmsNoOther() throws Exception {
        String withEtag = server.uri("/restart/etag").toString();
        String withoutValidators = server.uri("/restart/plain").toString();
        String broken = server.uri("/restart/broken").toString();
        serve(withEtag, rss(withEtag, "a", "b"), true);
        serve(withoutValidators, rss(withoutValidators, "c", "d"), false);
        server.on("/restart/broken", exchange -> LoopbackHttpServer.respond(exchange, 200, "application/rss+xml",
            "<rss><channel><item><title>never closed</channel></rss>".getBytes(UTF_8)));
        List<String> feeds = List.of(withEtag, withoutValidators, broken);
        try (FeedCatalog catalog = new FeedCatalog(broker.bootstrapServers(), SERDES, WAIT)) {
            for (String url : feeds) {
                catalog.put(new Feed(url, null, Duration.ofSeconds(1), true, List.of()));
                feedsAdded.add(url);
            }
        }

        FeedIngester before = start("restart-group", "before");
        awaitTrue("every feed polled", () -> before.statuses().keySet().containsAll(feeds)
            && before.statuses().get(withEtag).itemsPublished() == 2
            && before.statuses().get(withoutValidators).itemsPublished() == 2);
        assertThat(before.statuses().get(broken).lastError()).startsWith("invalid XML");
        before.close();
        ingesters.remove(before);
        assertThat(articlesFrom(feeds)).hasSize(4);

        serve(withoutValidators, rss(withoutValidators, "e", "c", "d"), false);
        FeedIngester after = start("restart-group", "after");
        awaitTrue("every feed polled again", () -> after.statuses().keySet().containsAll(feeds)
            && after.statuses().get(withoutValidators).itemsPublished() == 3);

        List<ConsumerRecord<String, Article>> published = articlesFrom(feeds);
        assertThat(published).extracting(ConsumerRecord::key).doesNotHaveDuplicates()
            .containsExactlyInAnyOrder(id(withEtag, "a"), id(withEtag, "b"), id(withoutValidators, "c"),
                id(withoutValidators, "d"), id(withoutValidators, "e"));
        assertThat(server.requestsTo("/restart/etag")).last()
            .satisfies(r -> assertThat(r.header("If-None-Match")).isNotNull());

        try (FeedCatalog catalog = new FeedCatalog(broker.bootstrapServers(), SERDES, WAIT)) {
            Map<String, FeedCatalog.Listing> listed = new ConcurrentHashMap<>();
            catalog.list().forEach(l -> listed.put(l.feed().url(), l));
            assertThat(listed.get(broken).checkpoint().status().consecutiveErrors()).isPositive();
            assertThat(listed.get(withoutValidators).checkpoint().status().itemsPublished()).isEqualTo(3);

            catalog.remove(broken);
            awaitTrue("the removed feed no longer polled", () -> !after.feeds().contains(broken));
            assertThat(catalog.list()).extracting(l -> l.feed().url()).doesNotContain(broken);
        }
    }

    private FeedIngester start(String group, String name) {
        FeedIngester ingester = FeedIngester.start(broker.bootstrapServers(), group, name, settings, SERDES, new SimpleMeterRegistry());
        ingesters.add(ingester);
        return ingester;
    }

    /** Feed URLs on this test's server, at least one in each partition of news.feeds. */
    private List<String> feedsCoveringEveryPartition(String prefix) {
        List<String> feeds = new ArrayList<>();
        Set<Integer> covered = new HashSet<>();
        for (int i = 0; covered.size() < FEED_PARTITIONS; i++) {
            String url = server.uri("/" + prefix + "/" + i).toString();
            int partition = Utils.toPositive(Utils.murmur2(url.getBytes(UTF_8))) % FEED_PARTITIONS;
            if (covered.add(partition)) {
                feeds.add(url);
            }
        }
        return feeds;
    }

    private void serve(String url, String document, boolean withEtag) {
        String path = java.net.URI.create(url).getPath();
        byte[] body = document.getBytes(UTF_8);
        String etag = "\"" + Integer.toHexString(document.hashCode()) + "\"";
        server.on(path, exchange -> {
            if (withEtag && etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            if (withEtag) {
                exchange.getResponseHeaders().set("ETag", etag);
            }
            LoopbackHttpServer.respond(exchange, 200, "application/rss+xml", body);
        });
    }

    private static String rss(String url, String... items) {
        StringBuilder b = new StringBuilder("<rss version=\"2.0\"><channel><title>Feed</title>");
        for (String item : items) {
            b.append("<item><guid>").append(id(url, item)).append("</guid><title>Story ").append(item)
                .append("</title><description>About 3,000 people were counted in story ").append(item)
                .append(".</description></item>");
        }
        return b.append("</channel></rss>").toString();
    }

    private static String id(String url, String item) {
        return url + "#" + item;
    }

    private static List<ConsumerRecord<String, Article>> articlesFrom(List<String> feeds) {
        Map<String, Object> config = Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, Article>> records = new ArrayList<>();
        try (KafkaConsumer<String, Article> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
            AvroTestSerde.of(Article.class).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(IngestTopics.ARTICLES).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, Article> r : consumer.poll(Duration.ofMillis(200))) {
                    if (feeds.contains(r.value().getFeedUrl())) {
                        records.add(r);
                    }
                }
            }
        }
        return records;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
