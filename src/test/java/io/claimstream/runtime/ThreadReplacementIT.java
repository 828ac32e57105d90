package io.claimstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.claimstream.avro.Article;
import io.claimstream.config.ClaimstreamSettings;
import io.claimstream.registry.EmbeddedSchemaRegistry;
import io.claimstream.registry.RegistryClientConfig;
import io.claimstream.topology.ClaimsSettings;
import io.claimstream.topology.ClaimsTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream thread that keeps failing (here: the schema registry is gone, which is not bad data
 * and so not dead-lettered) is replaced within the failure budget, and past it the client shuts
 * down to ERROR instead of spinning, with nothing sent to the dead letters.
 */
class ThreadReplacementIT {

    @TempDir
    Path dataDir;

    @Test
    void aFailingStreamThreadIsReplacedWithinTheBudgetThenTheClientShutsDown() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("broker"), 0)) {
            String registryUrl;
            try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0)) {
                registryUrl = registry.url();
                Map<String, Object> props = properties(broker, registryUrl);
                try (ProcessingApplication setup = ProcessingApplication.create(props)) {
                    setup.start(); // creates the topics
                }
                Serializer<Article> serializer = ProcessingApplication.serdes(props).article().serializer();
                Article article = Article.newBuilder().setId("a-1").setSource("Continental Wire").setTitle("Toll rises")
                    .setText("At least 2,314 people have died, the agency said.").setFetched(Instant.parse("2025-03-08T10:00:00Z"))
                    .build();
                KafkaTestClients.produce(broker.bootstrapServers(), List.of(
                    new ProducerRecord<>(ClaimsTopics.ARTICLES, "a-1", serializer.serialize(ClaimsTopics.ARTICLES, article))));
            }
            // The registry is gone: the article's schema cannot be fetched, on any thread.
            SimpleMeterRegistry metrics = new SimpleMeterRegistry();
            Map<String, Object> props = properties(broker, registryUrl);
            props.put(ClaimstreamSettings.THREAD_FAILURES_MAX, 1);
            props.put(RegistryClientConfig.MAX_RETRIES, 0);
            try (ProcessingApplication app = ProcessingApplication.create(props, metrics)) {
                app.start();
                CompletableFuture.runAsync(() -> {
                    try {
                        app.awaitStopped();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }).get(90, TimeUnit.SECONDS);

                assertThat(app.state()).isEqualTo(KafkaStreams.State.ERROR);
                assertThat(metrics.counter(ThreadReplacingHandler.REPLACED).count()).as("threads replaced").isEqualTo(1.0);
                assertThat(metrics.find(DeadLetterMeters.NAME).counters()).allSatisfy(c -> assertThat(c.count()).isZero());
                assertThat(KafkaTestClients.readCommitted(broker.bootstrapServers(), ClaimsTopics.DEAD_LETTERS)).isEmpty();
            }
        }
    }

    private Map<String, Object> properties(EmbeddedKafkaBroker broker, String registryUrl) {
        Map<String, Object> props = new TreeMap<>();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(RegistryClientConfig.SCHEMA_REGISTRY_URL, registryUrl);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "claimstream-thread-replacement-it");
        props.put(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("state").toString());
        props.put(ClaimsSettings.TOPIC_PARTITIONS, 1);
        props.put(RegistryClientConfig.CONNECT_TIMEOUT_MS, Duration.ofSeconds(2).toMillis());
        // A replaced thread's consumer stays in the group until its session times out: the broker's
        // minimum rather than the 45 s default, so that the new thread gets the tasks soon.
        props.put("session.timeout.ms", 6000);
        props.put("heartbeat.interval.ms", 1500);
        return props;
    }
}
