package io.claimstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimstream.avro.SubjectClaims;
import io.claimstream.config.ClaimstreamSettings;
import io.claimstream.config.Configuration;
import io.claimstream.ingest.IngestSettings;
import io.claimstream.registry.AvroDeserializer;
import io.claimstream.registry.AvroSerdeConfig;
import io.claimstream.registry.BasicCredentials;
import io.claimstream.registry.RegistryClientConfig;
import io.claimstream.runtime.ClaimstreamService.Part;
import io.claimstream.runtime.ClaimstreamService;
import io.claimstream.runtime.Endpoints;
import io.claimstream.runtime.KafkaClients;
import io.claimstream.runtime.KafkaTestClients;
import io.claimstream.runtime.ProcessingApplication;
import io.claimstream.runtime.SampleFeedServer;
import io.claimstream.runtime.SubjectPrinter;
import io.claimstream.topology.ClaimsTopics;
import io.micrometer.core.instrument.Counter;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Embedded mode in this JVM, as {@code claimstream run} starts it without a cluster: on free
 * ports, over the bundled sample feeds. The first start processes every sample article, serves
 * health and metrics, and is read by {@code inspect}, {@code feeds list} and {@code topics
 * describe} through the endpoints file alone; it stops leaving no thread behind. A second start
 * on the same data directory sees the first's subjects and publishes no article again.
 */
class EmbeddedModeIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @Test
    void startsOnFreePortsServesTheSampleSubjectsStopsCleanlyAndResumes() throws Exception {
        Path data = tmp.resolve("data");
        Configuration config = Configuration.builder()
            .set(ClaimstreamSettings.DATA_DIR, data.toString(), "test")
            .set(ClaimstreamSettings.KAFKA_PORT, "0", "test")
            .set(ClaimstreamSettings.REGISTRY_PORT, "0", "test")
            .set(ClaimstreamSettings.HTTP_PORT, "0", "test")
            // Feeds polled every second, so that the second start polls them again at once.
            .set(IngestSettings.POLL_INTERVAL_MS, "1000", "test")
            .set(IngestSettings.MIN_POLL_INTERVAL_MS, "1000", "test")
            .build().validate();
        int sampleArticles = sampleArticles();
        Set<Thread> threadsBefore = nonDaemonThreads();

        Map<String, SubjectClaims> firstTable;
        List<String> firstArticles;
        Endpoints first;
        try (ClaimstreamService service = ClaimstreamService.start(config, EnumSet.allOf(Part.class), true)) {
            first = service.endpoints().orElseThrow();
            assertThat(Endpoints.read(data)).contains(first);
            assertThat(first.bootstrapServers()).startsWith("127.0.0.1:");
            // One record that is no article: it goes to the dead letters, and the rest is processed.
            KafkaTestClients.produce(first.bootstrapServers(), List.of(new ProducerRecord<>(ClaimsTopics.ARTICLES, "not-an-article",
                "plain text, not Avro".getBytes(StandardCharsets.UTF_8))));
            awaitProcessed(service, sampleArticles + 1);

            HttpResponse<String> health = get(first.statusUrl() + "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(health.body()).get("ready").asBoolean()).isTrue();
            String metrics = get(first.statusUrl() + "/metrics").body();
            assertThat(metrics).contains("claimstream_extract_claims_per_article_count " + sampleArticles)
                .contains("claimstream_streams_state{state=\"RUNNING\"} 1.0")
                .contains("claimstream_dead_letters_total{stage=\"deserialization\"} 1.0")
                .contains("claimstream_dead_letters_total{stage=\"processing\"} 0.0")
                .contains("kafka_stream_thread_");
            assertThat(Pattern.compile("claimstream_ingest_polls_total\\{feed=\"http://127\\.0\\.0\\.1:\\d+/sample-feeds/([^\"]+)\"")
                .matcher(metrics).results().map(r -> r.group(1)).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(SampleFeedServer.FEEDS);

            firstTable = table(first);
            firstArticles = keys(first.bootstrapServers(), ClaimsTopics.ARTICLES);
            assertThat(firstArticles).hasSize(sampleArticles + 1);
            assertThat(firstTable).isNotEmpty();

            // Other terminals find the instance through the data directory alone.
            CommandLineTest.Result inspect = CommandLineTest.run(Map.of(), "inspect", "claims.by-subject", "--data-dir", data.toString());
            assertThat(inspect.exitCode()).as(inspect.err()).isZero();
            for (SubjectClaims subject : firstTable.values()) {
                assertThat(inspect.out()).contains(subject.getSubjectKey() + "   " + subject.getSubject());
            }
            assertThat(inspect.out()).endsWith("-- " + firstTable.size() + " keys (latest value of each) in claims.by-subject\n");
            String someKey = firstTable.keySet().iterator().next();
            CommandLineTest.Result oneSubject = CommandLineTest.run(Map.of(), "inspect", "claims.by-subject", "--json",
                "--subject", someKey, "--data-dir", data.toString());
            assertThat(oneSubject.out().lines()).singleElement()
                .satisfies(line -> assertThat(new ObjectMapper().readTree(line).get("key").asText()).isEqualTo(someKey));
            CommandLineTest.Result deadLetters = CommandLineTest.run(Map.of(), "inspect", "news.dlq", "--data-dir", data.toString());
            assertThat(deadLetters.out().lines().findFirst()).hasValueSatisfying(line -> assertThat(line)
                .startsWith("not-an-article  from news.articles-").doesNotContain("value not readable"));
            CommandLineTest.Result feeds = CommandLineTest.run(Map.of(), "feeds", "list", "--json", "--data-dir", data.toString());
            assertThat(feeds.exitCode()).as(feeds.err()).isZero();
            assertThat(feeds.out().lines().map(EmbeddedModeIT::json).map(f -> f.get("url").asText()))
                .hasSize(SampleFeedServer.FEEDS.size()).allMatch(url -> url.contains("/sample-feeds/"));
            CommandLineTest.Result topics = CommandLineTest.run(Map.of(), "topics", "describe", "--data-dir", data.toString());
            assertThat(topics.exitCode()).as(topics.out()).isZero();
            CommandLineTest.Result missing = CommandLineTest.run(Map.of(), "inspect", "claims.by-subjekt", "--data-dir", data.toString());
            assertThat(missing.exitCode()).isEqualTo(2);
            assertThat(missing.err()).startsWith("claimstream inspect: there is no topic claims.by-subjekt; claimstream's topics are ");
        }

        assertThat(Endpoints.read(data)).as("the endpoints file goes with the instance").isEmpty();
        awaitUntil(() -> nonDaemonThreads().stream().noneMatch(t -> !threadsBefore.contains(t)), Duration.ofSeconds(15),
            () -> "threads left running: " + names(nonDaemonThreads(), threadsBefore));
        try (Stream<Path> entries = Files.list(data)) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder(".lock", "kafka", "streams", "tmp");
        }

        try (ClaimstreamService service = ClaimstreamService.start(config, EnumSet.allOf(Part.class), true)) {
            Endpoints second = service.endpoints().orElseThrow();
            StringWriter printed = new StringWriter();
            service.closeFirst("subject printer", SubjectPrinter.start(service.configuration().values(),
                KafkaClients.genericSerde(service.registryClient(), service.configuration().parsed().serdes()), new PrintWriter(printed, true)));

            // Every sample feed, now served on another port, is polled again: nothing new comes of it.
            awaitUntil(() -> SampleFeedServer.FEEDS.stream().allMatch(name -> polls(service, name) >= 1), WAIT,
                () -> "sample feeds not polled again: " + service.monitoring().scrape());
            awaitUntil(() -> firstTable.keySet().stream().allMatch(k -> printed.toString().contains(k + "   ")), WAIT,
                () -> "the printer did not show the first run's subjects:\n" + printed);
            assertThat(keys(second.bootstrapServers(), ClaimsTopics.ARTICLES)).isEqualTo(firstArticles);
            assertThat(table(second)).isEqualTo(firstTable);
            assertThat(second.bootstrapServers()).isNotEqualTo(first.bootstrapServers());
        }
    }

    /**
     * Embedded mode with the status server's and the registry's basic auth set: claimstream's own
     * serdes send the registry's credentials (or nothing would be published or processed), strangers
     * get 401 from both, and another terminal's command sends them when given them.
     */
    @Test
    void withBasicAuthSetItsOwnClientsGetInAndStrangersGet401() throws Exception {
        Path data = tmp.resolve("data-auth");
        Configuration config = Configuration.builder()
            .set(ClaimstreamSettings.DATA_DIR, data.toString(), "test")
            .set(ClaimstreamSettings.KAFKA_PORT, "0", "test")
            .set(ClaimstreamSettings.REGISTRY_PORT, "0", "test")
            .set(ClaimstreamSettings.HTTP_PORT, "0", "test")
            .set(ClaimstreamSettings.REGISTRY_AUTH_USER, "schemas", "test")
            .set(ClaimstreamSettings.REGISTRY_AUTH_PASSWORD, "registry secret", "test")
            .set(ClaimstreamSettings.STATUS_AUTH_USER, "ops", "test")
            .set(ClaimstreamSettings.STATUS_AUTH_PASSWORD, "status secret", "test")
            .build().validate();
        String registryAuth = new BasicCredentials("schemas", "registry secret").authorizationHeader();
        String statusAuth = new BasicCredentials("ops", "status secret").authorizationHeader();

        try (ClaimstreamService service = ClaimstreamService.start(config, EnumSet.allOf(Part.class), true)) {
            Endpoints endpoints = service.endpoints().orElseThrow();
            awaitProcessed(service, sampleArticles());

            assertThat(get(endpoints.schemaRegistryUrl() + "/subjects").statusCode()).isEqualTo(401);
            assertThat(get(endpoints.schemaRegistryUrl() + "/subjects", statusAuth).statusCode()).isEqualTo(401);
            HttpResponse<String> subjects = get(endpoints.schemaRegistryUrl() + "/subjects", registryAuth);
            assertThat(subjects.statusCode()).isEqualTo(200);
            assertThat(subjects.body()).contains(ClaimsTopics.ARTICLES + "-value", ClaimsTopics.SUBJECT_CLAIMS + "-value");

            HttpResponse<String> health = get(endpoints.statusUrl() + "/health");
            assertThat(health.statusCode()).isEqualTo(401);
            assertThat(health.headers().firstValue("WWW-Authenticate")).isPresent();
            assertThat(get(endpoints.statusUrl() + "/health", statusAuth).statusCode()).isEqualTo(200);

            Map<String, String> credentials = Map.of("CLAIMSTREAM_REGISTRY_AUTH_BASIC_USER", "schemas",
                "CLAIMSTREAM_REGISTRY_AUTH_BASIC_PASSWORD", "registry secret");
            CommandLineTest.Result inspect = CommandLineTest.run(credentials, "inspect", "claims.by-subject", "--data-dir",
                data.toString());
            assertThat(inspect.exitCode()).as(inspect.err()).isZero();
            assertThat(inspect.out()).contains(" keys (latest value of each) in claims.by-subject");
            CommandLineTest.Result stranger = CommandLineTest.run(Map.of(), "inspect", "claims.by-subject", "--data-dir",
                data.toString());
            // Without them, each value is shown as unreadable, with the registry's refusal as the reason.
            assertThat(stranger.out()).contains("the schema registry refused schema id").contains("answered HTTP 401");
            assertThat(inspect.out()).doesNotContain("answered HTTP 401");
        }
    }

    private static void awaitProcessed(ClaimstreamService service, int articles) throws Exception {
        String servers = service.endpoints().orElseThrow().bootstrapServers();
        awaitUntil(() -> KafkaTestClients.readCommitted(servers, ClaimsTopics.ARTICLES).size() >= articles, WAIT,
            () -> "not every article was published");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            KafkaTestClients.awaitProcessed(admin, ProcessingApplication.DEFAULT_APPLICATION_ID, WAIT);
        }
    }

    private static double polls(ClaimstreamService service, String feed) {
        String prefix = "http://127.0.0.1:";
        return service.monitoring().registry().find("claimstream.ingest.polls").counters().stream()
            .filter(c -> {
                String url = c.getId().getTag("feed");
                return url != null && url.startsWith(prefix) && url.endsWith("/sample-feeds/" + feed);
            })
            .mapToDouble(Counter::count).sum();
    }

    private static Map<String, SubjectClaims> table(Endpoints endpoints) {
        Map<String, SubjectClaims> table = new TreeMap<>();
        try (AvroDeserializer<Object> values = new AvroDeserializer<>()) {
            values.configure(Map.of(RegistryClientConfig.SCHEMA_REGISTRY_URL, endpoints.schemaRegistryUrl(),
                AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
            for (ConsumerRecord<String, byte[]> r : KafkaTestClients.readCommitted(endpoints.bootstrapServers(), ClaimsTopics.SUBJECT_CLAIMS)) {
                SubjectClaims value = (SubjectClaims) values.deserialize(r.topic(), r.value());
                if (value == null) {
                    table.remove(r.key());
                } else {
                    table.put(r.key(), value);
                }
            }
        }
        return table;
    }

    private static List<String> keys(String servers, String topic) {
        return KafkaTestClients.readCommitted(servers, topic).stream().map(ConsumerRecord::key).sorted().toList();
    }

    /** The items of the bundled sample feeds: each becomes one article. */
    private static int sampleArticles() throws IOException {
        int items = 0;
        Matcher m;
        for (String feed : SampleFeedServer.FEEDS) {
            try (InputStream in = EmbeddedModeIT.class.getResourceAsStream("/sample-feeds/" + feed)) {
                m = Pattern.compile("<item>|<entry>").matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                items += (int) m.results().count();
            }
        }
        return items;
    }

    private static HttpResponse<String> get(String url, String authorization) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
            .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (IOException e) {
            throw new AssertionError(line, e);
        }
    }

    private static Set<Thread> nonDaemonThreads() {
        Set<Thread> threads = new HashSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> {
            if (!t.isDaemon() && t.isAlive()) {
                threads.add(t);
            }
        });
        return threads;
    }

    private static String names(Set<Thread> threads, Set<Thread> except) {
        return threads.stream().filter(t -> !except.contains(t)).map(Thread::getName).collect(Collectors.joining(", "));
    }

    private static void awaitUntil(BooleanSupplier condition, Duration timeout, java.util.function.Supplier<String> failure)
        throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get());
            }
            Thread.sleep(200);
        }
    }
}
