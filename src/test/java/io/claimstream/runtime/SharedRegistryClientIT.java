package io.claimstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.claimstream.avro.FeedSettings;
import io.claimstream.config.ClaimstreamSettings;
import io.claimstream.config.Configuration;
import io.claimstream.ingest.FeedCatalog;
import io.claimstream.ingest.IngestSettings;
import io.claimstream.ingest.IngestTopics;
import io.claimstream.registry.AvroSerdeConfig;
import io.claimstream.registry.RegistryClientConfig;
import io.claimstream.registry.SchemaRegistryClient;
import io.claimstream.topology.ClaimsSettings;
import io.claimstream.topology.ClaimsTopics;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process running both halves asks the schema registry for a schema by id only when the
 * schema came from elsewhere: its ingester, its processing and its other parts share one
 * registry client and so one cache, and processing reads the articles its own ingester wrote
 * without fetching their schema.
 */
class SharedRegistryClientIT {

    @TempDir
    Path dataDir;

    @Test
    void oneProcessFetchesOnlyTheSchemasItDidNotRegisterItself() throws Exception {
        Configuration infrastructure = Configuration.of(Map.of(ClaimstreamSettings.DATA_DIR, dataDir.resolve("kafka").toString(),
            ClaimstreamSettings.KAFKA_PORT, "0", ClaimstreamSettings.REGISTRY_PORT, "0", ClaimstreamSettings.HTTP_PORT, "-1"),
            "test");
        try (ClaimstreamService kafka = ClaimstreamService.start(infrastructure, EnumSet.noneOf(ClaimstreamService.Part.class), true);
             SampleFeedServer feeds = SampleFeedServer.start()) {
            String bootstrap = kafka.configuration().get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).orElseThrow();
            String registry = kafka.configuration().get(RegistryClientConfig.SCHEMA_REGISTRY_URL).orElseThrow();
            // Another process lists the feeds, so the feeds' schema is one this process must fetch.
            Map<String, Object> client = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            try (FeedCatalog catalog = new FeedCatalog(KafkaClients.ingest(client, ClaimstreamSettings.defaults()),
                KafkaClients.ingestSerdes(SchemaRegistryClient.of(registry), AvroSerdeConfig.defaults()), Duration.ofSeconds(30))) {
                assertThat(SampleFeeds.register(catalog, feeds.urls())).as("sample feeds listed").isTrue();
            }
            int feedSchemaId = SchemaRegistryClient.of(registry)
                .lookup(AvroSerdeConfig.subject(IngestTopics.FEEDS, false), FeedSettings.getClassSchema()).id();

            try (CountingProxy proxy = new CountingProxy(registry);
                 ClaimstreamService service = ClaimstreamService.start(Configuration.of(Map.of(
                     CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     RegistryClientConfig.SCHEMA_REGISTRY_URL, proxy.url(),
                     ClaimstreamSettings.HTTP_PORT, "-1",
                     IngestSettings.FETCH_ALLOWED_RANGES, "127.0.0.0/8",
                     ClaimsSettings.CLAIM_RETENTION_MS, String.valueOf(Duration.ofDays(400).toMillis()),
                     StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("streams").toString()), "test"),
                     EnumSet.allOf(ClaimstreamService.Part.class), false)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (KafkaTestClients.readCommitted(bootstrap, ClaimsTopics.SUBJECT_CLAIMS).isEmpty()) {
                    assertThat(System.nanoTime()).as("subjects in %s within 120 s", ClaimsTopics.SUBJECT_CLAIMS).isLessThan(deadline);
                    Thread.sleep(500);
                }
                assertThat(service.registryClient()).isNotNull();
                assertThat(proxy.fetchedIds()).as("schemas fetched by id; requests: %s", proxy.requests())
                    .containsExactly("/schemas/ids/" + feedSchemaId);
            }
        }
    }

    /** A loopback HTTP server that passes every request on to the registry and records it. */
    private static final class CountingProxy implements AutoCloseable {

        private final HttpServer server;
        private final HttpClient http = HttpClient.newHttpClient();
        private final String target;
        private final List<String> requests = new ArrayList<>();

        CountingProxy(String target) throws IOException {
            this.target = target;
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::forward);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        synchronized List<String> requests() {
            return List.copyOf(requests);
        }

        /** The paths of the GET /schemas/ids/{id} requests, without their query, each once. */
        synchronized Set<String> fetchedIds() {
            Set<String> ids = new TreeSet<>();
            requests.stream().filter(r -> r.startsWith("GET /schemas/ids/")).forEach(r -> ids.add(r.substring("GET ".length())));
            return ids;
        }

        private void forward(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getRawPath();
            synchronized (this) {
                requests.add(exchange.getRequestMethod() + " " + path);
            }
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
                for (String header : List.of("Content-Type", "Accept", "Authorization")) {
                    String value = exchange.getRequestHeaders().getFirst(header);
                    if (value != null) {
                        request.header(header, value);
                    }
                }
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                response.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
                exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
            } finally {
                exchange.close();
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
