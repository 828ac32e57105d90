package io.claimstream.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.claimstream.registry.BasicCredentials;
import io.claimstream.registry.RegistryClientConfig;
import io.claimstream.runtime.ProcessingApplication;
import io.claimstream.topology.ClaimsSettings;
import io.claimstream.topology.ClaimsTopology;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Liveness and readiness as separate probes, over real loopback HTTP: on the monitoring server
 * of an ingest-only process and on the status server of a processing one.
 */
class ProbesTest {

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
            StreamsConfig.APPLICATION_ID_CONFIG, "probes-test",
            StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        streams = new KafkaStreams(ClaimsTopology.build(ClaimsSettings.defaults(), article -> List.of(),
            ProcessingApplication.serdes(props)), ProcessingApplication.streamsProperties(props));
    }

    @AfterAll
    static void closeStreams() {
        streams.close();
    }

    @Test
    void theMonitoringServerAnswersLivenessAndReadinessEachOnItsOwn() throws Exception {
        AtomicBoolean live = new AtomicBoolean(true);
        AtomicBoolean ready = new AtomicBoolean(false);
        Probes probes = probes(live, ready);
        try (MonitoringServer server = MonitoringServer.start(StatusServer.Options.loopback(0), probes)) {
            assertThat(server.url()).startsWith("http://127.0.0.1:");
            assertProbes(server.url(), live, ready, null);

            HttpResponse<String> page = get(server.url() + "/", null);
            assertThat(page.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(page.body()).get("message").asText()).contains("only ingests").contains("/health/ready");
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void theStatusServerAnswersTheSameProbes() throws Exception {
        AtomicBoolean live = new AtomicBoolean(true);
        AtomicBoolean ready = new AtomicBoolean(false);
        try (StatusServer server = StatusServer.start(StatusServer.Options.loopback(0), streams, null, probes(live, ready))) {
            String base = server.url().substring(0, server.url().length() - 1);
            assertProbes(base, live, ready, null);
            assertThat(get(base + "/", null).statusCode()).as("the page as before").isEqualTo(200);
        }
    }

    @Test
    void withCredentialsTheMonitoringServerAsksForThem() throws Exception {
        BasicCredentials credentials = new BasicCredentials("prometheus", "scrape me");
        AtomicBoolean live = new AtomicBoolean(true);
        AtomicBoolean ready = new AtomicBoolean(false);
        try (MonitoringServer server = MonitoringServer.start(new StatusServer.Options("127.0.0.1", 0, credentials),
            probes(live, ready))) {
            for (String path : List.of(Probes.METRICS, Probes.LIVE, Probes.READY, Probes.HEALTH)) {
                assertThat(get(server.url() + path, null).statusCode()).as(path).isEqualTo(401);
            }
            assertProbes(server.url(), live, ready, credentials.authorizationHeader());
        }
    }

    /** Liveness and readiness change independently, each seen on its own path; /health stays readiness. */
    private static void assertProbes(String base, AtomicBoolean live, AtomicBoolean ready, String authorization) throws Exception {
        HttpResponse<String> liveNow = get(base + Probes.LIVE, authorization);
        assertThat(liveNow.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(liveNow.body()).get("live").asBoolean()).isTrue();
        HttpResponse<String> readyNow = get(base + Probes.READY, authorization);
        assertThat(readyNow.statusCode()).isEqualTo(503);
        JsonNode readyBody = JSON.readTree(readyNow.body());
        assertThat(readyBody.get("ready").asBoolean()).isFalse();
        assertThat(readyBody.get("checks").get("ingester").asText()).isEqualTo("joining its group");
        assertThat(get(base + Probes.HEALTH, authorization).statusCode()).isEqualTo(503);

        ready.set(true);
        assertThat(get(base + Probes.READY, authorization).statusCode()).isEqualTo(200);
        assertThat(get(base + Probes.HEALTH, authorization).statusCode()).isEqualTo(200);

        live.set(false);
        HttpResponse<String> dead = get(base + Probes.LIVE, authorization);
        assertThat(dead.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(dead.body()).get("checks").get("ingester").asText()).startsWith("stopped");
        assertThat(get(base + Probes.READY, authorization).statusCode()).as("readiness is its own answer").isEqualTo(200);

        HttpResponse<String> metrics = get(base + Probes.METRICS, authorization);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body()).isEqualTo("claimstream_ingest_up 1\n");
        live.set(true);
        ready.set(false);
    }

    private static Probes probes(AtomicBoolean live, AtomicBoolean ready) {
        return new Probes(() -> "claimstream_ingest_up 1\n",
            () -> new Health(ready.get(), Map.of("ingester", ready.get() ? "polling 2 feeds" : "joining its group", "topics", "ok")),
            () -> new Health(live.get(), Map.of("ingester", live.get() ? "following its feeds" : "stopped: boom")));
    }

    private static HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
