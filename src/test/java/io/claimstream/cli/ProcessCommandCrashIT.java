package io.claimstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.claimstream.avro.Article;
import io.claimstream.avro.NumericClaim;
import io.claimstream.avro.SubjectClaims;
import io.claimstream.registry.AvroDeserializer;
import io.claimstream.registry.AvroSerdeConfig;
import io.claimstream.registry.EmbeddedSchemaRegistry;
import io.claimstream.registry.RegistryClientConfig;
import io.claimstream.runtime.EmbeddedKafkaBroker;
import io.claimstream.runtime.KafkaTestClients;
import io.claimstream.runtime.ProcessingApplication;
import io.claimstream.topology.ClaimsSettings;
import io.claimstream.topology.ClaimsTopics;
import io.claimstream.topology.CleanPass;
import io.claimstream.topology.GoldCorpus;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code claimstream process} in a JVM of its own, killed with SIGKILL while articles are still
 * arriving and being processed, then started again on the same state directory: the final
 * claims.by-subject table must equal that of an uninterrupted pass, with no mention lost or
 * counted twice, and news.claims must still hold each claim once.
 */
class ProcessCommandCrashIT {

    private static final Logger log = LoggerFactory.getLogger(ProcessCommandCrashIT.class);
    private static final String APPLICATION_ID = "claimstream-crash-it";
    private static final Duration PUBLISH_PAUSE = Duration.ofMillis(100);

    @TempDir
    Path dataDir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void aKilledProcessorRestartedOnItsStateNeitherLosesNorDoublesAMention() throws Exception {
        List<Article> corpus = GoldCorpus.read(GoldCorpus.devOrBundled());
        List<Article> twice = new ArrayList<>(corpus);
        twice.addAll(corpus);
        Collections.shuffle(twice, new Random(11));

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("broker"), 0);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            long start = System.nanoTime();
            Process first = startProcessor(broker, registry, "first");
            awaitRunning(first, "first");
            log.info("first processor running after {} ms", millisSince(start));

            Serializer<Article> serializer = ProcessingApplication.serdes(
                Map.of(RegistryClientConfig.SCHEMA_REGISTRY_URL, registry.url())).article().serializer();
            List<ProducerRecord<String, byte[]>> records = twice.stream()
                .map(a -> new ProducerRecord<>(ClaimsTopics.ARTICLES, a.getId(), serializer.serialize(ClaimsTopics.ARTICLES, a)))
                .toList();
            int half = records.size() / 2;
            KafkaTestClients.produce(broker.bootstrapServers(), records.subList(0, half));
            // The rest one at a time, so that articles are still arriving when the processor dies.
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
                try (KafkaProducer<String, byte[]> producer = KafkaTestClients.producer(broker.bootstrapServers())) {
                    for (ProducerRecord<String, byte[]> r : records.subList(half, records.size())) {
                        producer.send(r).get(30, TimeUnit.SECONDS);
                        Thread.sleep(PUBLISH_PAUSE.toMillis());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("publishing failed", e);
                }
            });

            // Killed as soon as its first output is committed: the first half is still being processed.
            awaitCommittedRecords(broker, ClaimsTopics.SUBJECT_CLAIMS, 1);
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            long processedBeforeKill = committedArticles(admin);
            long publishedBeforeKill = publishedArticles(admin);
            log.info("first processor killed after {} ms, having committed {} of the {} articles published so far",
                millisSince(start), processedBeforeKill, publishedBeforeKill);
            assertThat(processedBeforeKill).as("premise: killed mid-stream, with published articles unprocessed")
                .isLessThan(publishedBeforeKill);

            Process second = startProcessor(broker, registry, "second");
            awaitRunning(second, "second");
            log.info("second processor running after {} ms", millisSince(start));
            publishing.get(60, TimeUnit.SECONDS);
            log.info("all {} articles published after {} ms", twice.size(), millisSince(start));
            KafkaTestClients.awaitProcessed(admin, APPLICATION_ID, Duration.ofSeconds(90));
            log.info("all processed after {} ms", millisSince(start));

            Map<String, SubjectClaims> table = new TreeMap<>();
            List<String> claimKeys = new ArrayList<>();
            try (AvroDeserializer<Object> values = registryDeserializer(registry)) {
                for (ConsumerRecord<String, byte[]> r : KafkaTestClients.readCommitted(broker.bootstrapServers(), ClaimsTopics.SUBJECT_CLAIMS)) {
                    SubjectClaims value = (SubjectClaims) values.deserialize(r.topic(), r.value());
                    if (value == null) {
                        table.remove(r.key());
                    } else {
                        table.put(r.key(), value);
                    }
                }
                for (ConsumerRecord<String, byte[]> r : KafkaTestClients.readCommitted(broker.bootstrapServers(), ClaimsTopics.CLAIMS)) {
                    claimKeys.add(((NumericClaim) values.deserialize(r.topic(), r.value())).getClaimKey());
                }
            }
            log.info("claims.by-subject holds {} records written by aborted transactions",
                KafkaTestClients.readUncommitted(broker.bootstrapServers(), ClaimsTopics.SUBJECT_CLAIMS).size()
                    - KafkaTestClients.readCommitted(broker.bootstrapServers(), ClaimsTopics.SUBJECT_CLAIMS).size());
            Map<String, SubjectClaims> uninterrupted = CleanPass.table(corpus, CleanPass.LONG_RETENTION, dataDir.resolve("clean"));
            assertThat(CleanPass.mentionCounts(table)).isEqualTo(CleanPass.mentionCounts(uninterrupted));
            assertThat(table).isEqualTo(uninterrupted);
            assertThat(claimKeys).as("news.claims: each claim once").doesNotHaveDuplicates()
                .hasSize(uninterrupted.values().stream().mapToInt(s -> s.getClaims().size()).sum());

            second.destroy();
            assertThat(second.waitFor(30, TimeUnit.SECONDS)).as("a SIGTERM stops the processor").isTrue();
        }
    }

    private Process startProcessor(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry, String name) throws IOException {
        Path log = dataDir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
            "-cp", System.getProperty("java.class.path"),
            ClaimstreamCommand.class.getName(), "process",
            "--bootstrap-servers", broker.bootstrapServers(),
            "--schema-registry-url", registry.url(),
            "--application-id", APPLICATION_ID,
            "--state-dir", dataDir.resolve("state").toString(),
            "--http-port", "0"));
        Map<String, Object> properties = new TreeMap<>(CleanPass.LONG_RETENTION);
        properties.put("commit.interval.ms", 100);
        properties.put("statestore.cache.max.bytes", 0);
        properties.put(ClaimsSettings.TOPIC_PARTITIONS, 3);
        // The group waits this long for the killed member before the restarted one gets its
        // tasks: the broker's minimum rather than the 45 s default.
        properties.put("session.timeout.ms", 6000);
        properties.put("heartbeat.interval.ms", 1500);
        properties.forEach((k, v) -> command.addAll(List.of("-p", k + "=" + v)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        return process;
    }

    private void awaitRunning(Process process, String name) throws Exception {
        Path log = dataDir.resolve(name + ".log");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (output.contains("process: running as " + APPLICATION_ID)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the " + name + " processor exited with " + process.exitValue() + ":\n" + output);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the " + name + " processor did not start:\n" + Files.readString(log, StandardCharsets.UTF_8));
    }

    private static void awaitCommittedRecords(EmbeddedKafkaBroker broker, String topic, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (KafkaTestClients.readCommitted(broker.bootstrapServers(), topic).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + count + " committed records on " + topic);
            }
            Thread.sleep(100);
        }
    }

    /** Articles whose processing the application committed: the sum of its committed offsets on news.articles. */
    private static long committedArticles(Admin admin) throws Exception {
        return admin.listConsumerGroupOffsets(APPLICATION_ID).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
            .entrySet().stream()
            .filter(e -> e.getKey().topic().equals(ClaimsTopics.ARTICLES))
            .mapToLong(e -> e.getValue().offset())
            .sum();
    }

    private static long publishedArticles(Admin admin) throws Exception {
        var partitions = admin.describeTopics(List.of(ClaimsTopics.ARTICLES)).allTopicNames().get(10, TimeUnit.SECONDS)
            .get(ClaimsTopics.ARTICLES).partitions();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(new TopicPartition(ClaimsTopics.ARTICLES, p.partition()), OffsetSpec.latest()));
        return admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).values().stream()
            .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static AvroDeserializer<Object> registryDeserializer(EmbeddedSchemaRegistry registry) {
        AvroDeserializer<Object> deserializer = new AvroDeserializer<>();
        deserializer.configure(Map.of(RegistryClientConfig.SCHEMA_REGISTRY_URL, registry.url(),
            AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
        return deserializer;
    }
}
