package io.claimstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimstream.config.ClaimstreamSettings;
import io.claimstream.config.Configuration;
import io.claimstream.ingest.IngestSettings;
import io.claimstream.registry.RegistryClientConfig;
import io.claimstream.runtime.ClaimstreamService;
import io.claimstream.runtime.SampleFeedServer;

import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** {@code claimstream ingest} on a real broker serves its metrics and its two health probes on its HTTP port. */
class IngestCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern MONITORING = Pattern.compile("metrics at (http://127\\.0\\.0\\.1:\\d+)/metrics");

    @TempDir
    Path dataDir;

    @Test
    void anIngestOnlyInstanceServesMetricsLivenessAndReadinessOnItsHttpPort() throws Exception {
        Configuration cluster = Configuration.of(Map.of(ClaimstreamSettings.DATA_DIR, dataDir.toString(),
            ClaimstreamSettings.KAFKA_PORT, "0", ClaimstreamSettings.REGISTRY_PORT, "0", ClaimstreamSettings.HTTP_PORT, "-1"), "test");
        try (ClaimstreamService kafka = ClaimstreamService.start(cluster, EnumSet.noneOf(ClaimstreamService.Part.class), true);
             SampleFeedServer feeds = SampleFeedServer.start()) {
            String bootstrap = kafka.configuration().get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).orElseThrow();
            String registry = kafka.configuration().get(RegistryClientConfig.SCHEMA_REGISTRY_URL).orElseThrow();
            String feed = feeds.urls().values().iterator().next();
            StringWriter addErr = new StringWriter();
            int added = ClaimstreamCommand.commandLine(new ClaimstreamCommand(Map.of()))
                .setOut(new PrintWriter(new StringWriter(), true)).setErr(new PrintWriter(addErr, true))
                .execute("feeds", "add", feed, "--bootstrap-servers", bootstrap, "--schema-registry-url", registry);
            assertThat(added).as("feeds add: %s", addErr).isZero();

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine command = ClaimstreamCommand.commandLine(new ClaimstreamCommand(Map.of()))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            Thread ingest = new Thread(() -> exit.complete(command.execute("ingest", "--bootstrap-servers", bootstrap,
                "--schema-registry-url", registry, "--http-port", "0",
                // The feed is served on loopback, which an ingester refuses unless allowed.
                "-p", IngestSettings.FETCH_ALLOWED_RANGES + "=127.0.0.0/8")), "ingest-under-test");
            ingest.start();
            try {
                String base = await(() -> {
                    Matcher m = MONITORING.matcher(out.toString());
                    assertThat(exit).as("ingest ended early: %s %s", out, err).isNotDone();
                    return m.find() ? m.group(1) : null;
                }, "the monitoring address in the output: " + out + err);
                assertThat(out.toString()).contains("health at " + base + "/health/live and " + base + "/health/ready");

                HttpResponse<String> live = get(base + "/health/live");
                assertThat(live.statusCode()).isEqualTo(200);
                JsonNode liveBody = JSON.readTree(live.body());
                assertThat(liveBody.get("live").asBoolean()).isTrue();
                assertThat(liveBody.get("checks").get("ingester").asText()).isEqualTo("following its feeds");
                assertThat(liveBody.get("checks").has("streams")).as("no Kafka Streams in this process").isFalse();

                // Ready once the group has given it its share, then it reads the feeds of that share.
                JsonNode ready = JSON.readTree(await(() -> {
                    HttpResponse<String> r = get(base + "/health/ready");
                    return r.statusCode() == 200 && r.body().contains("polling 1 feed\"") ? r.body() : null;
                }, "readiness"));
                assertThat(ready.get("ready").asBoolean()).isTrue();
                assertThat(ready.get("checks").get("topics").asText()).isEqualTo("ok");
                assertThat(get(base + "/health").statusCode()).isEqualTo(200);

                String metrics = await(() -> {
                    String body = get(base + "/metrics").body();
                    return body.contains("claimstream_ingest_polls_total{") ? body : null;
                }, "a poll counted in /metrics");
                assertThat(metrics).contains("feed=\"" + feed + "\"").contains("jvm_memory_used_bytes");
                assertThat(get(base + "/").statusCode()).as("no status page without processing").isEqualTo(404);
            } finally {
                // A signal is how it stops for real; on a thread of this JVM, an interrupt ends it (with its own exit code).
                ingest.interrupt();
                exit.get(60, TimeUnit.SECONDS);
            }
        }
    }

    private interface Probe<T> {
        T get() throws Exception;
    }

    private static <T> T await(Probe<T> probe, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            assertThat(System.nanoTime()).as("waited 60 s for %s", what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
