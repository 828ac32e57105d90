package io.claimstream.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.claimstream.registry.BasicCredentials;
import io.claimstream.registry.HalfSentRequests;
import io.claimstream.registry.HttpServerLimits;
import io.claimstream.registry.RegistryClientConfig;
import io.claimstream.runtime.ProcessingApplication;
import io.claimstream.topology.ClaimsSettings;
import io.claimstream.topology.ClaimsTopology;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status server on loopback over a Kafka Streams instance that has not started, as it is
 * while an application starts up: what does not need the store answers, what does says to retry.
 */
class StatusServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    static Path stateDir;

    private static KafkaStreams streams;

    @BeforeAll
    static void createStreams() {
        // Never started, so nothing connects to these addresses.
        Map<String, Object> props = Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9",
            RegistryClientConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:9",
            StreamsConfig.APPLICATION_ID_CONFIG, "status-server-test",
            StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        Properties streamsProps = ProcessingApplication.streamsProperties(props);
        streams = new KafkaStreams(ClaimsTopology.build(ClaimsSettings.defaults(), article -> List.of(),
            ProcessingApplication.serdes(props)), streamsProps);
    }

    @AfterAll
    static void closeStreams() {
        streams.close();
    }

    @Test
    void beforeTheStoreCanBeQueriedSubjectRequestsAreAskedToRetry() throws Exception {
        try (StatusServer server = StatusServer.start(StatusServer.Options.loopback(0), streams, null, null, null)) {
            for (String path : List.of("api/subjects", "api/subjects/russia%2Fsoldier%2Fkilled")) {
                HttpResponse<String> response = get(server, path);
                assertThat(response.statusCode()).as(path).isEqualTo(503);
                assertThat(response.headers().firstValue("Retry-After")).as(path).hasValue("2");
                assertThat(JSON.readTree(response.body()).get("message").asText()).as(path)
                    .isEqualTo("the subject store cannot be queried: Kafka Streams is CREATED");
            }
            // Input is checked first: a bad request is a 400 whatever the store's state.
            assertThat(get(server, "api/subjects?limit=101").statusCode()).isEqualTo(400);

            // A subject's page says the same to a reader, and reloads itself.
            HttpResponse<String> page = get(server, "subject/russia%2Fsoldier-killed");
            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(org.jsoup.Jsoup.parse(page.body()).selectFirst("p.problem").text())
                .isEqualTo("the subject store cannot be queried: Kafka Streams is CREATED. This page reloads in 2 s.");
        }
    }

    @Test
    void withAnApplicationServerTooTheyAreAskedToRetryBeforeAnyInstanceIsAsked() throws Exception {
        try (StatusServer server = StatusServer.start(StatusServer.Options.loopback(0), streams, new HostInfo("127.0.0.1", 1),
            null, null)) {
            for (String path : List.of("api/subjects", "api/subjects/russia%2Fsoldier%2Fkilled")) {
                HttpResponse<String> response = get(server, path);
                assertThat(response.statusCode()).as(path).isEqualTo(503);
                assertThat(JSON.readTree(response.body()).get("message").asText()).as(path)
                    .isEqualTo("the subject store cannot be queried: Kafka Streams is CREATED");
            }
        }
    }

    @Test
    void healthIsTheCallersAnswerWith200Or503() throws Exception {
        AtomicBoolean ready = new AtomicBoolean(false);
        try (StatusServer server = StatusServer.start(StatusServer.Options.loopback(0), streams, null, () -> "up 1\n",
            () -> new Health(ready.get(), Map.of("streams", ready.get() ? "RUNNING" : "REBALANCING", "topics", "ok")))) {
            HttpResponse<String> starting = get(server, "health");
            assertThat(starting.statusCode()).isEqualTo(503);
            JsonNode body = JSON.readTree(starting.body());
            assertThat(body.get("ready").asBoolean()).isFalse();
            assertThat(body.get("checks").get("streams").asText()).isEqualTo("REBALANCING");

            ready.set(true);
            HttpResponse<String> running = get(server, "health");
            assertThat(running.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(running.body()).get("checks").get("topics").asText()).isEqualTo("ok");
            assertThat(get(server, "metrics").body()).isEqualTo("up 1\n");
        }
    }

    @Test
    void metricsAndHealthWithoutASupplierAreNotFound() throws Exception {
        try (StatusServer server = StatusServer.start(StatusServer.Options.loopback(0), streams, null, null, null)) {
            assertThat(get(server, "metrics").statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(get(server, "health").body()).get("message").asText())
                .isEqualTo("no health checks are served here");
        }
    }

    @Test
    void headAnswersWithHeadersOnly() throws Exception {
        try (StatusServer server = StatusServer.start(StatusServer.Options.loopback(0), streams, null, () -> "up 1\n", null)) {
            HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(server.url() + "metrics"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(head.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        }
    }

    @Test
    void aPortBoundFirstIsNamedBeforeServingAndFreedWhenClosed() throws Exception {
        StatusServer.Binding binding = StatusServer.bind(StatusServer.Options.loopback(0));
        HostInfo self = binding.hostInfo();
        assertThat(self.host()).isEqualTo("127.0.0.1");
        assertThat(self.port()).isPositive();
        try (StatusServer server = binding.serve(streams, self, null, null)) {
            assertThat(server.url()).isEqualTo("http://127.0.0.1:" + self.port() + "/");
            assertThat(get(server, "").statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> binding.serve(streams, self, null, null)).isInstanceOf(IllegalStateException.class);
        }
        // Closed, the port can be bound again.
        StatusServer.bind(StatusServer.Options.loopback(self.port())).close();
    }

    @Test
    void aPortInUseIsRefusedWithItsAddress() {
        try (StatusServer.Binding taken = StatusServer.bind(StatusServer.Options.loopback(0))) {
            assertThatThrownBy(() -> StatusServer.bind(StatusServer.Options.loopback(taken.port())))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot listen on 127.0.0.1:" + taken.port());
        }
        assertThatThrownBy(() -> new StatusServer.Options("127.0.0.1", 65536)).hasMessageContaining("between 0 and 65535");
    }

    @Test
    void keysAndParametersArePercentDecoded() {
        assertThat(StatusServer.decodePath("russia%2Fsoldier%2Fkilled")).isEqualTo("russia/soldier/killed");
        assertThat(StatusServer.decodePath("a+b%20c")).isEqualTo("a+b c");
        assertThatThrownBy(() -> StatusServer.decodePath("sudan%2")).isInstanceOf(ApiException.class)
            .hasMessageContaining("malformed percent-encoding");
        assertThat(StatusServer.parameters("prefix=russia%2F&limit=5&after=a+b&flag"))
            .isEqualTo(Map.of("prefix", "russia/", "limit", "5", "after", "a b", "flag", ""));
        assertThatThrownBy(() -> StatusServer.parameters("prefix=%zz")).isInstanceOf(ApiException.class)
            .hasMessageContaining("malformed query parameter");
    }

    @Test
    void halfSentRequestsDoNotSilenceHealth() throws Exception {
        try (StatusServer server = StatusServer.start(StatusServer.Options.loopback(0), streams, null, () -> "up 1\n",
                () -> new Health(true, Map.of("streams", "RUNNING", "topics", "ok")));
             HalfSentRequests slow = HalfSentRequests.open(server.port(), "/health", 8)) {
            // Four of these held all four threads before: /health waited for them to hang up.
            assertThat(slow.size()).isEqualTo(8);
            long start = System.nanoTime();
            HttpResponse<String> health = get(server, "health");

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void moreHalfSentRequestsThanThreadsAreCutOffByTheRequestTimeLimit() throws Exception {
        long limit = Long.getLong("sun.net.httpserver.maxReqTime", HttpServerLimits.MAX_REQUEST_SECONDS);
        try (StatusServer server = StatusServer.start(StatusServer.Options.loopback(0), streams, null, () -> "up 1\n",
                () -> new Health(true, Map.of("streams", "RUNNING", "topics", "ok")));
             HalfSentRequests slow = HalfSentRequests.open(server.port(), "/health", HttpServerLimits.THREADS + 8)) {
            long start = System.nanoTime();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(server.url() + "health"))
                .timeout(Duration.ofSeconds(limit + 10)).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(limit + 5));
            assertThat(slow.closedByServerWithin(Duration.ofSeconds(limit + 5))).isEqualTo(slow.size());
        }
    }

    @Test
    void withCredentialsEveryPathAsksForThemAndTheRightOnesAreLetThrough() throws Exception {
        BasicCredentials credentials = new BasicCredentials("operator", "correct horse");
        try (StatusServer server = StatusServer.start(new StatusServer.Options("127.0.0.1", 0, credentials), streams, null,
            () -> "up 1\n", () -> new Health(true, Map.of("streams", "RUNNING", "topics", "ok")))) {
            for (String path : List.of("", "status.js", "health", "metrics", "api/subjects", "api/subjects/a%2Fb")) {
                HttpResponse<String> none = get(server, path);
                assertThat(none.statusCode()).as(path).isEqualTo(401);
                assertThat(none.headers().firstValue("WWW-Authenticate")).as(path)
                    .hasValue("Basic realm=\"claimstream status\", charset=\"UTF-8\"");
                assertThat(none.body()).as(path).doesNotContain("subject");
                assertThat(get(server, path, new BasicCredentials("operator", "wrong horse").authorizationHeader()).statusCode())
                    .as(path).isEqualTo(401);
            }
            assertThat(get(server, "health", credentials.authorizationHeader()).statusCode()).isEqualTo(200);
            assertThat(get(server, "metrics", credentials.authorizationHeader()).body()).isEqualTo("up 1\n");
            assertThat(get(server, "", credentials.authorizationHeader()).statusCode()).isEqualTo(200);
            assertThat(get(server, "api/subjects", credentials.authorizationHeader()).statusCode()).as("past auth, the store")
                .isEqualTo(503);
        }
    }

    @Test
    void withoutCredentialsTheServerIsOpenAsBefore() throws Exception {
        try (StatusServer server = StatusServer.start(StatusServer.Options.loopback(0), streams, null, null,
            () -> new Health(true, Map.of()))) {
            HttpResponse<String> health = get(server, "health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("WWW-Authenticate")).isEmpty();
        }
    }

    @Test
    void theServerBindsLoopbackUnlessGivenAnotherAddress() {
        try (StatusServer server = StatusServer.start(StatusServer.Options.loopback(0), streams, null, null, null)) {
            assertThat(server.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(server.url()).startsWith("http://127.0.0.1:");
        }
        assertThat(StatusServer.Options.DEFAULT_HOST).isEqualTo("127.0.0.1");
        try (StatusServer server = StatusServer.start(new StatusServer.Options("0.0.0.0", 0), streams, null, null, null)) {
            assertThat(server.address().getAddress().isAnyLocalAddress()).isTrue();
            assertThat(server.url()).as("reachable from this host").startsWith("http://127.0.0.1:");
        }
    }

    private static HttpResponse<String> get(StatusServer server, String path, String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("Authorization", authorization).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(StatusServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
