package io.claimstream.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.claimstream.avro.Article;
import io.claimstream.avro.NumericClaim;
import io.claimstream.config.ClaimstreamSettings;
import io.claimstream.ingest.ArticlePublisher;
import io.claimstream.ingest.IngestSettings;
import io.claimstream.runtime.EmbeddedKafkaBroker;
import io.claimstream.runtime.KafkaClients;
import io.claimstream.runtime.KafkaTestClients;
import io.claimstream.runtime.ProcessingApplication;
import io.claimstream.kafka.TopicReadiness;
import io.claimstream.topology.ClaimsTopics;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compatibility with Confluent's own client: {@code @confluentinc/schemaregistry} for Node.js
 * (src/test/node, installed with {@code npm ci} from the committed lock file when missing)
 * registers and serializes, Java reads; Java serializes, Node reads; both against the embedded
 * registry; and kafkajs reads every public topic as claimstream writes it, with no compression
 * codec plugin. Skipped only where {@code node} is not installed.
 */
class NodeInteropIT {

    private static final Path NODE_DIR = Path.of("src/test/node").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    static EmbeddedKafkaBroker broker;
    static EmbeddedSchemaRegistry registry;

    /** Checked once; each test then reports its own skip with the reason. */
    static final boolean NODE_INSTALLED = commandWorks("node", "--version");

    @BeforeAll
    static void start() throws Exception {
        if (!NODE_INSTALLED) {
            return;
        }
        // Installed again when any dependency of package.json is missing: a checkout that installed
        // before kafkajs joined them has node_modules without it.
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules/@confluentinc/schemaregistry"))
            || !Files.isDirectory(NODE_DIR.resolve("node_modules/kafkajs"))) {
            run(Duration.ofMinutes(5), "npm", "ci", "--no-audit", "--no-fund");
        }
        broker = EmbeddedKafkaBroker.start(dataDir, 0);
        registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0);
    }

    @BeforeEach
    void needsNode() {
        Assumptions.assumeTrue(NODE_INSTALLED,
            "node is not on PATH: skipping the interop test with Confluent's Node.js Schema Registry client");
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void nodeRegistersAndSerializesJavaReadsAndWritesBackWithTheSameId() throws Exception {
        Article article = TestSchemas.article();
        // Node registers schemas/Article.avsc as written: no "avro.java.string" in it.
        JsonNode produced = node("produce", registry.url(), "interop.articles",
            Path.of("schemas/Article.avsc").toAbsolutePath().toString(), JSON.writeValueAsString(asJson(article)));
        int nodeId = produced.path("id").asInt();
        byte[] nodeBytes = Base64.getDecoder().decode(produced.path("bytes").asText());

        SchemaRegistryClient client = SchemaRegistryClient.of(registry.url());
        // Production settings: look the schema up, never register it.
        SpecificAvroSerde<Article> serde = new SpecificAvroSerde<>(Article.class, client, AvroSerdeConfig.lookupOnly(), false);
        assertThat(nodeBytes[0]).isZero();
        assertThat(serde.deserializer().deserialize("interop.articles", nodeBytes)).isEqualTo(article);

        Article reply = Article.newBuilder(article).setId("https://example.org/news/2").setAuthor("Reporter").build();
        byte[] javaBytes = serde.serializer().serialize("interop.articles", reply);
        assertThat(ByteBuffer.wrap(javaBytes, 1, 4).getInt())
            .as("the generated class's schema is found under the id Node registered").isEqualTo(nodeId);
        assertThat(client.versions("interop.articles-value")).containsExactly(1);

        JsonNode readByNode = node("consume", registry.url(), "interop.articles", Base64.getEncoder().encodeToString(javaBytes));
        assertThat(readByNode.path("id").asText()).isEqualTo("https://example.org/news/2");
        assertThat(readByNode.path("author").asText()).isEqualTo("Reporter");
        assertThat(readByNode.path("feed_url").asText()).isEqualTo(article.getFeedUrl());
        assertThat(readByNode.path("published").asLong()).isEqualTo(article.getPublished().toEpochMilli());
    }

    @Test
    void nodeReadsARecordJavaRegisteredWithNestedRecordsEnumsAndTimestamps() throws Exception {
        NumericClaim claim = TestSchemas.claim();
        SpecificAvroSerde<NumericClaim> serde = new SpecificAvroSerde<>(NumericClaim.class,
            SchemaRegistryClient.of(registry.url()), AvroSerdeConfig.defaults(), false);
        byte[] bytes = serde.serializer().serialize("interop.claims", claim);

        JsonNode read = node("consume", registry.url(), "interop.claims", Base64.getEncoder().encodeToString(bytes));

        assertThat(read.path("claim_key").asText()).isEqualTo(claim.getClaimKey());
        assertThat(read.path("value").asDouble()).isEqualTo(250_000.0);
        assertThat(read.path("value_high").isNull()).isTrue();
        assertThat(read.path("qualifier").asText()).isEqualTo("APPROXIMATE");
        assertThat(read.path("claimant").asText()).isEqualTo("Volodymyr Zelensky");
        assertThat(read.path("article").path("source").asText()).isEqualTo("Example News");
        assertThat(read.path("first_seen").asLong()).isEqualTo(claim.getFirstSeen().toEpochMilli());
    }

    /**
     * What claimstream writes, as an application on kafkajs reads it: every public topic with no
     * compression codec registered (kafkajs decompresses gzip only), each value through
     * Confluent's deserializer. The ingester and processing run with their defaults; a record
     * that cannot be read goes to news.dlq. A control topic written with lz4, what processing
     * used for every topic before, is what kafkajs cannot read.
     */
    @Test
    void kafkajsReadsEveryPublicTopicWithNoCodecPlugin() throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(RegistryClientConfig.SCHEMA_REGISTRY_URL, registry.url());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "interop-processor");
        props.put(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("state").toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        Article article = TestSchemas.article();
        try (ProcessingApplication app = ProcessingApplication.create(props).start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).as("processing runs").isTrue();
            try (ArticlePublisher publisher = ArticlePublisher.create(KafkaClients.ingest(props, ClaimstreamSettings.from(props)), "interop-ingest",
                ProcessingApplication.serdes(props).article().serializer(), IngestSettings.defaults())) {
                publisher.publish(List.of(article));
            }
            // Not Avro in the wire format: a dead letter. Sent uncompressed; the topic's codec applies.
            KafkaTestClients.produce(broker.bootstrapServers(),
                List.of(new ProducerRecord<>(ClaimsTopics.ARTICLES, "not-avro", "plain text".getBytes(StandardCharsets.UTF_8))));
            KafkaTestClients.awaitProcessed(admin, "interop-processor", Duration.ofSeconds(60));
        }

        JsonNode articles = readWithKafkajs(ClaimsTopics.ARTICLES);
        assertThat(articles).extracting(r -> r.path("key").asText()).containsExactlyInAnyOrder(article.getId(), "not-avro");
        assertThat(articles).filteredOn(r -> r.path("key").asText().equals(article.getId()))
            .singleElement().satisfies(r -> assertThat(r.path("value").path("text").asText()).isEqualTo(article.getText()));

        JsonNode subjects = readWithKafkajs(ClaimsTopics.SUBJECT_CLAIMS);
        assertThat(subjects).isNotEmpty().allSatisfy(r -> {
            assertThat(r.has("error")).as("decoded: %s", r).isFalse();
            assertThat(r.path("value").path("subject_key").asText()).isEqualTo(r.path("key").asText());
            assertThat(r.path("headers").path("claimstream.key-scheme").asText()).isNotEmpty();
        });
        assertThat(subjects).anySatisfy(r -> assertThat(r.path("value").path("claims").get(0).path("value").asDouble())
            .isEqualTo(250_000.0));

        JsonNode claims = readWithKafkajs(ClaimsTopics.CLAIMS);
        assertThat(claims).isNotEmpty().allSatisfy(r -> assertThat(r.has("error")).as("decoded: %s", r).isFalse());
        assertThat(claims).anySatisfy(r -> assertThat(r.path("value").path("claimant").asText()).contains("Zelensky"));

        JsonNode deadLetters = readWithKafkajs(ClaimsTopics.DEAD_LETTERS);
        assertThat(deadLetters).singleElement().satisfies(r -> {
            assertThat(r.path("key").asText()).isEqualTo("not-avro");
            assertThat(r.path("headers").path("__streams.errors.topic").asText()).isEqualTo(ClaimsTopics.ARTICLES);
            assertThat(r.path("headers").path("__streams.errors.exception").asText()).isNotEmpty();
        });

        // The control: lz4, as every topic was before, is what kafkajs cannot read without a plugin.
        Map<String, Object> lz4 = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("interop.lz4", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            TopicReadiness.await(admin, List.of("interop.lz4"), Duration.ofSeconds(30));
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(lz4, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("interop.lz4", "k", new byte[] {0, 0, 0, 0, 1})).get(30, TimeUnit.SECONDS);
        }
        assertThatThrownBy(() -> readWithKafkajs("interop.lz4")).hasMessageContaining("LZ4 compression not implemented");
    }

    /** The committed records of {@code topic} as kafkajs reads them, once Java sees them all. */
    private static JsonNode readWithKafkajs(String topic) throws Exception {
        int count = Math.max(1, KafkaTestClients.readCommitted(broker.bootstrapServers(), topic).size());
        return node("read", registry.url(), topic, broker.bootstrapServers(), String.valueOf(count)).path("records");
    }

    /** The article as Node's Avro library takes it: unions unwrapped, timestamps as epoch millis. */
    private static Map<String, Object> asJson(Article a) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", a.getId());
        json.put("source", a.getSource());
        json.put("feed_url", a.getFeedUrl());
        json.put("title", a.getTitle());
        json.put("link", a.getLink());
        json.put("text", a.getText());
        json.put("published", a.getPublished().toEpochMilli());
        json.put("fetched", a.getFetched().toEpochMilli());
        json.put("author", a.getAuthor());
        json.put("language", a.getLanguage());
        return json;
    }

    private static JsonNode node(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "interop.mjs"));
        command.addAll(List.of(args));
        return JSON.readTree(run(Duration.ofSeconds(60), command.toArray(String[]::new)));
    }

    private static boolean commandWorks(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs a command in src/test/node and returns its stdout; fails with its stderr. */
    private static String run(Duration timeout, String... command) throws Exception {
        File stderr = Files.createTempFile("interop", ".err").toFile();
        Process process = new ProcessBuilder(command).directory(NODE_DIR.toFile())
            .redirectError(stderr).start();
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
        }
        String errors = Files.readString(stderr.toPath());
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + errors + stdout);
        }
        return stdout;
    }
}
