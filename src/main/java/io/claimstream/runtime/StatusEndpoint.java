package io.claimstream.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where the runtime meets the status server: everything the runtime hands over (the Kafka
 * Streams client for interactive queries, this instance's application.server, the Prometheus
 * scrape, the health check) goes through {@link #start}, so that wiring in
 * {@code io.claimstream.status.StatusServer} is a change to this file only:
 *
 * <pre>{@code
 * StatusServer server = StatusServer.start(new StatusServer.Options(host, port), streams, self, scrape,
 *     () -> { HealthReport h = health.get(); return new Health(h.ready(), h.checks()); });
 * }</pre>
 *
 * <p>Until then it serves only {@code GET /metrics} (Prometheus text format) and
 * {@code GET /health} (JSON {@code {"ready": ..., "checks": {...}}}, status 200 when ready and
 * 503 when not) on a JDK HTTP server, and neither the status page nor the subject API.
 */
public final class StatusEndpoint implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;

    private StatusEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Serves the status endpoints on {@code host:port} (port 0: a free one).
     *
     * @param streams the processing application's client, for interactive queries on its subject store
     * @param self this instance's application.server, or null when it has none
     * @param prometheusScrape the metrics in Prometheus text format
     * @param health whether this instance is ready, and why
     */
    public static StatusEndpoint start(String host, int port, KafkaStreams streams, HostInfo self,
                                       Supplier<String> prometheusScrape, Supplier<HealthReport> health) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UnavailableException("cannot serve the status endpoints on " + host + ":" + port + ": " + e.getMessage()
                + " (set --http-port, or 0 for a free port)", e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "claimstream-status-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
            prometheusScrape.get()));
        server.createContext("/health", exchange -> {
            HealthReport report = health.get();
            respond(exchange, report.ready() ? 200 : 503, "application/json", json(report));
        });
        server.start();
        return new StatusEndpoint(server, executor);
    }

    /** Base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static String json(HealthReport report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
