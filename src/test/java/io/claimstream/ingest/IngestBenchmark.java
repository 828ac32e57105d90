package io.claimstream.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.claimstream.avro.Article;
import io.claimstream.avro.FeedState;
import io.claimstream.bench.ArticleGenerator;
import io.claimstream.bench.BenchCluster;
import io.claimstream.bench.Benchmark;
import io.claimstream.bench.Metric;
import io.claimstream.bench.Scale;
import io.claimstream.bench.Target;
import io.claimstream.config.ClaimstreamSettings;
import io.claimstream.registry.AvroSerdeConfig;
import io.claimstream.registry.SchemaRegistryClient;
import io.claimstream.registry.SpecificAvroSerde;
import io.claimstream.runtime.KafkaClients;
import io.claimstream.kafka.TopicProvisioner;
import io.claimstream.kafka.TopicSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Feeds per second through the ingester's own path: its scheduler (as many polling threads as
 * concurrent fetches allowed, 4 by default), fetcher, parser, publisher and feed-state store, on
 * the in-process broker with registry serdes, against a loopback HTTP server. Two passes over
 * the same feeds: the first fetches and publishes every item; the second, resuming from the
 * stored checkpoints as an ingester that takes the feeds over does, gets 304 for each.
 */
public final class IngestBenchmark implements Benchmark {

    static final double FULL_TARGET = 200;
    private static final int PARTITIONS = IngestTopics.DEFAULT_FEED_PARTITIONS;
    private static final int ARTICLE_POOL = 5_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    /** One pass over feeds. */
    record Pass(int feeds, double seconds, long articles, Map<String, FeedCheckpoint> checkpoints) {
        double feedsPerSecond() {
            return feeds / seconds;
        }
    }

    @Override
    public List<Metric> run(Scale scale, Path workDir) throws Exception {
        int feeds = scale.ingestFeeds();
        int warmupFeeds = Math.max(2, feeds / 10);
        int items = scale.ingestItemsPerFeed();
        List<byte[]> documents = documents(warmupFeeds + feeds, items);
        long documentBytes = documents.stream().skip(warmupFeeds).mapToLong(d -> d.length).sum();
        IngestSettings settings = IngestSettings.defaults().withAllowedAddressRanges(AddressPolicy.LOOPBACK);
        try (BenchCluster cluster = BenchCluster.start(workDir); FeedServer server = new FeedServer(documents)) {
            List<TopicSpec> topics = new ArrayList<>(IngestTopics.feedTopics(PARTITIONS, (short) 1));
            topics.add(IngestTopics.articlesTopic(IngestTopics.DEFAULT_ARTICLE_PARTITIONS, (short) 1));
            new TopicProvisioner(cluster.admin(), TIMEOUT).provision(topics);
            // As an ingester's clients: claimstream.ingest.compression.type (gzip) unless --set otherwise.
            Map<String, Object> settingsGiven = new HashMap<>(BenchCluster.overrides());
            settingsGiven.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
            Map<String, Object> client = KafkaClients.ingest(settingsGiven, ClaimstreamSettings.from(settingsGiven));
            SchemaRegistryClient registry = SchemaRegistryClient.of(cluster.registryUrl());
            var articleSerde = new SpecificAvroSerde<>(Article.class, registry, AvroSerdeConfig.defaults(), false);
            var stateSerde = new SpecificAvroSerde<>(FeedState.class, registry, AvroSerdeConfig.defaults(), false);
            try (ArticlePublisher publisher = ArticlePublisher.create(client, "bench-ingest",
                     articleSerde.serializer(), settings);
                 FeedStateStore store = new FeedStateStore(
                     new KafkaProducer<>(ArticlePublisher.producerConfig(client, "bench-ingest-state"),
                         new StringSerializer(), stateSerde.serializer()),
                     new KafkaConsumer<>(readerConfig(cluster.bootstrapServers()), new StringDeserializer(), stateSerde.deserializer()),
                     settings.publishTimeout())) {
                ErrorBackoff backoff = new ErrorBackoff(settings.backoffBase(), settings.backoffMax(), () -> 0.5);
                FeedPoller poller = new FeedPoller(new FeedFetcher(settings, Clock.systemUTC()), new FeedParser(settings),
                    publisher, backoff, settings);
                Map<String, FeedCheckpoint> warmupFeedsFirst = initial(server, 0, warmupFeeds);
                pass(cluster.admin(), poller, store, backoff, settings, warmupFeedsFirst, 200);
                Pass full = pass(cluster.admin(), poller, store, backoff, settings, initial(server, warmupFeeds, warmupFeeds + feeds), 200);
                // As an ingester taking the feeds over: checkpoints from news.feed-state, every feed due now.
                Map<String, FeedCheckpoint> stored = new LinkedHashMap<>();
                store.load(IntStream.range(0, PARTITIONS).boxed().toList()).values().forEach(stored::putAll);
                Map<String, FeedCheckpoint> due = new LinkedHashMap<>();
                full.checkpoints().keySet().forEach(url -> due.put(url, dueNow(stored.get(url))));
                Pass conditional = pass(cluster.admin(), poller, store, backoff, settings, due, 304);
                if (full.articles() != (long) feeds * items || server.notModifiedResponses() != feeds) {
                    throw new IllegalStateException("inconsistent ingest: " + full.articles() + " articles published of "
                        + (long) feeds * items + ", " + server.notModifiedResponses() + " 304 responses for " + feeds + " feeds");
                }
                String what = String.format(Locale.ROOT, "%,d feeds of %d items (%.0f KB each, RSS 2.0 with full text) on a loopback "
                        + "HTTP server; scheduler with %d polling threads (maxConcurrentFetches), fetch, Rome parse, publish with "
                        + "acks=all and %s compression, checkpoint to news.feed-state; %,d articles published in %.1f s; after %d "
                        + "feeds to warm up",
                    feeds, items, documentBytes / 1024.0 / feeds, settings.maxConcurrentFetches(),
                    client.get(ProducerConfig.COMPRESSION_TYPE_CONFIG), full.articles(), full.seconds(), warmupFeeds);
                return List.of(
                    Metric.held("ingest, full fetches", full.feedsPerSecond(), "feeds/s", Target.atLeast(FULL_TARGET), what),
                    Metric.info("ingest articles, full fetches", full.articles() / full.seconds(), "articles/s", ""),
                    Metric.info("ingest, conditional GET (304)", conditional.feedsPerSecond(), "feeds/s",
                        "the same feeds again, resumed from the stored checkpoints: every response a 304"));
            }
        }
    }

    /**
     * Polls every feed once through a scheduler of its own and waits until all have been polled;
     * any outcome other than {@code expectedStatus} is a harness failure.
     */
    private static Pass pass(Admin admin, FeedPoller poller, FeedStateStore store, ErrorBackoff backoff, IngestSettings settings,
                             Map<String, FeedCheckpoint> feeds, int expectedStatus) throws Exception {
        IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
        long checkpointsBefore = storedCheckpoints(admin);
        Clock clock = Clock.systemUTC();
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        try (FeedScheduler scheduler = new FeedScheduler(poller, store, metrics, backoff, settings, clock, "bench")) {
            // Polled again only in an hour: each feed once in this pass.
            feeds.forEach((url, checkpoint) -> scheduler.put(partitionOf(url),
                new Feed(url, "Bench News", Duration.ofHours(1), true, List.of()), checkpoint));
            long deadline = startNanos + TIMEOUT.toNanos();
            // A poll is done once its checkpoint is stored, which comes after its metrics.
            while (polledSince(metrics, started) < feeds.size() || storedCheckpoints(admin) < checkpointsBefore + feeds.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + polledSince(metrics, started) + " of " + feeds.size()
                        + " feeds polled within " + TIMEOUT);
                }
                Thread.sleep(5);
            }
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, FeedStatus> statuses = metrics.statuses();
        long articles = 0;
        for (Map.Entry<String, FeedStatus> s : statuses.entrySet()) {
            FeedStatus status = s.getValue();
            if (status.failing() || status.lastHttpStatus() == null || status.lastHttpStatus() != expectedStatus) {
                throw new IllegalStateException(s.getKey() + " polled with " + status + ", expected HTTP " + expectedStatus);
            }
            articles += status.itemsPublished() - feeds.get(s.getKey()).status().itemsPublished();
        }
        return new Pass(feeds.size(), seconds, articles, feeds);
    }

    /** Checkpoints written to news.feed-state so far: one per poll. */
    private static long storedCheckpoints(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            request.put(new TopicPartition(IngestTopics.FEED_STATE, p), OffsetSpec.latest());
        }
        return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).values().stream()
            .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }

    private static long polledSince(IngestMetrics metrics, Instant started) {
        return metrics.statuses().values().stream().filter(s -> s.lastFetch() != null && !s.lastFetch().isBefore(started)).count();
    }

    private static Map<String, FeedCheckpoint> initial(FeedServer server, int from, int to) {
        Map<String, FeedCheckpoint> feeds = new LinkedHashMap<>();
        for (int i = from; i < to; i++) {
            String url = server.uri(i).toString();
            feeds.put(url, FeedCheckpoint.initial(url));
        }
        return feeds;
    }

    private static FeedCheckpoint dueNow(FeedCheckpoint stored) {
        if (stored == null) {
            throw new IllegalStateException("a feed's checkpoint is missing from " + IngestTopics.FEED_STATE);
        }
        FeedStatus s = stored.status();
        return new FeedCheckpoint(stored.url(), stored.validators(), stored.recentIds(),
            new FeedStatus(s.lastFetch(), s.lastHttpStatus(), s.lastError(), s.consecutiveErrors(), s.itemsPublished(), null));
    }

    /** The partition of news.feeds the producer's default partitioner gives the feed's key. */
    private static int partitionOf(String url) {
        return Utils.toPositive(Utils.murmur2(url.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    /** Feed documents with items made from a pool of generated articles, each item with a link of its own. */
    private static List<byte[]> documents(int feeds, int items) {
        ArticleGenerator generator = new ArticleGenerator(41, Instant.parse("2025-03-04T00:00:00Z"),
            ArticleGenerator.perDay(40_000), "ingest");
        List<Article> pool = new ArrayList<>();
        Map<String, Boolean> ids = new HashMap<>();
        while (pool.size() < Math.min(ARTICLE_POOL, feeds * items)) {
            Article a = generator.next();
            if (ids.putIfAbsent(a.getId(), true) == null) {
                pool.add(a);
            }
        }
        List<byte[]> documents = new ArrayList<>(feeds);
        for (int f = 0; f < feeds; f++) {
            String site = "https://outlet-" + f + ".example";
            List<Article> feedItems = new ArrayList<>(items);
            for (int j = 0; j < items; j++) {
                Article a = pool.get((f * items + j) % pool.size());
                String link = site + "/news/" + j + "/" + a.getLink().substring(a.getLink().lastIndexOf('/') + 1);
                feedItems.add(Article.newBuilder(a).setId(link).setLink(link).build());
            }
            documents.add(FeedServer.render("Outlet " + f, site, feedItems));
        }
        return documents;
    }

    private static Map<String, Object> readerConfig(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-ingest-state-reader");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }
}
