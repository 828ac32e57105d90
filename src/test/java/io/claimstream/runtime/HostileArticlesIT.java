package io.claimstream.runtime;

import static io.claimstream.topology.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import io.claimstream.avro.Article;
import io.claimstream.avro.NumericClaim;
import io.claimstream.extract.ArticleText;
import io.claimstream.extract.ClaimExtractor;
import io.claimstream.registry.AvroDeserializer;
import io.claimstream.registry.AvroSerdeConfig;
import io.claimstream.registry.EmbeddedSchemaRegistry;
import io.claimstream.registry.RegistryClientConfig;
import io.claimstream.topology.ClaimsTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile articles on a real broker under exactly-once, ordinary ones right behind them: before
 * the extraction limits, one 200 KB "1,1,1,..." took minutes, outlived the transaction and got
 * the stream thread fenced again and again while every partition stood still. Now each costs at
 * most its budget, the ordinary articles' claims come out behind them, and the hostile ones are
 * counted as cut short.
 */
class HostileArticlesIT {

    private static final String APPLICATION_ID = "claimstream-hostile-it";
    private static final Instant T0 = Instant.parse("2025-02-14T08:40:00Z");

    @TempDir
    static Path dataDir;

    private static EmbeddedKafkaBroker broker;
    private static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(dataDir.resolve("broker"), 0);
        registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0);
    }

    @AfterAll
    static void stopBroker() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void ordinaryArticlesBehindHostileOnesAreOutWithinSecondsAndTheHostileOnesAreCutShort() throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(RegistryClientConfig.SCHEMA_REGISTRY_URL, registry.url());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("state").toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        List<Article> hostile = List.of(
            article("p-list", "fuzz", String.join(",", Collections.nCopies(100_000, "1")), T0),
            article("p-hundred", "fuzz", "100 ".repeat(100_000), T0.plusSeconds(1)),
            article("p-nostop", "fuzz", "officials said 5 people were hurt and ".repeat(15_000), T0.plusSeconds(2)),
            article("p-digits", "fuzz", "The debt hit $" + "9".repeat(400) + " billion. Officials counted \u0664\u0661\u0662 cases.",
                T0.plusSeconds(3)));
        List<Article> ordinary = List.of(
            article("n-1", "kyiv-wire", "Russia lost 1,150 troops over the past day, the General Staff said.", T0.plusSeconds(60)),
            article("n-2", "harbour-herald", "The National Bank of Ukraine raised its key rate to 15.5%, the bank said.",
                T0.plusSeconds(120)),
            article("n-3", "coastal-times", "About 153,000 people remain under evacuation orders, officials said.",
                T0.plusSeconds(180)),
            article("n-4", "capital-bulletin", "Nordwind Motors said revenue rose 4% to $1.2bn in the third quarter.",
                T0.plusSeconds(240)));
        ClaimExtractor extractor = new ClaimExtractor();
        Set<String> expected = new HashSet<>();
        for (Article a : ordinary) {
            extractor.extract(new ArticleText(a.getId(), a.getTitle(), a.getText(), a.getPublished(), a.getLink(), a.getSource()))
                .forEach(c -> expected.add(a.getId() + " " + c.claimKey()));
        }
        assertThat(expected).as("premise: every ordinary article has a claim").hasSizeGreaterThanOrEqualTo(ordinary.size());

        var serializer = ProcessingApplication.serdes(props).article().serializer();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < hostile.size(); i++) {
            // Keyed alike, so that each ordinary article waits behind a hostile one on its partition.
            records.add(new ProducerRecord<>(ClaimsTopics.ARTICLES, 0, hostile.get(i).getId(),
                serializer.serialize(ClaimsTopics.ARTICLES, hostile.get(i))));
            records.add(new ProducerRecord<>(ClaimsTopics.ARTICLES, 0, ordinary.get(i).getId(),
                serializer.serialize(ClaimsTopics.ARTICLES, ordinary.get(i))));
        }

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (ProcessingApplication app = ProcessingApplication.create(props, meters).start();
             KafkaConsumer<String, byte[]> claims = committedReader(ClaimsTopics.CLAIMS);
             AvroDeserializer<NumericClaim> values = claimDeserializer()) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
            KafkaTestClients.produce(broker.bootstrapServers(), records);
            long produced = System.nanoTime();

            Set<String> seen = new HashSet<>();
            long deadline = produced + Duration.ofSeconds(30).toNanos();
            while (!seen.containsAll(expected) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : claims.poll(Duration.ofMillis(100))) {
                    NumericClaim c = values.deserialize(r.topic(), r.value());
                    seen.add(c.getArticle().getArticleId() + " " + c.getClaimKey());
                }
            }

            // Within the 30 s deadline, where before the limits the hostile articles held every
            // partition for minutes; how soon is a timing goal, measured by bench/run, not asserted here.
            assertThat(seen).as("ordinary claims behind hostile articles").containsAll(expected);
            assertThat(seen).contains("p-digits " + extractor.extract(new ArticleText("p-digits", "", hostile.get(3).getText(),
                hostile.get(3).getPublished(), null, "fuzz")).get(0).claimKey());
            assertThat(meters.get("claimstream.extract.truncated").tag("reason", "max-claims").counter().count())
                .as("p-list, p-hundred, p-nostop cut short at the claim limit").isEqualTo(3);
            assertThat(KafkaTestClients.readCommitted(broker.bootstrapServers(), ClaimsTopics.DEAD_LETTERS)).isEmpty();
            assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    private static AvroDeserializer<NumericClaim> claimDeserializer() {
        AvroDeserializer<NumericClaim> deserializer = new AvroDeserializer<>();
        deserializer.configure(Map.of(RegistryClientConfig.SCHEMA_REGISTRY_URL, registry.url(),
            AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
        return deserializer;
    }

    private static KafkaConsumer<String, byte[]> committedReader(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
            .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
