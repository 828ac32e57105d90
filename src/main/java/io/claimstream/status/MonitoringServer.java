package io.claimstream.status;

import java.io.IOException;
import java.util.concurrent.ExecutorService;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.claimstream.registry.HttpServerLimits;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP port of a process that runs no Kafka Streams (an ingest-only instance): only the
 * {@link Probes}, {@code /metrics} and {@code /health/live}, {@code /health/ready}, {@code /health},
 * and the operator view {@code /operator} (with its style sheet),
 * with the status server's binding rules (loopback unless told otherwise, basic auth when given
 * credentials) and limits. Every other path answers 404.
 */
public final class MonitoringServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MonitoringServer.class);

    private final HttpServer server;
    private final String host;
    private static final String STYLE_SHEET = "/status.css";

    private final Probes probes;
    private final StatusPage page = StatusPage.load();
    private final ExecutorService executor;
    private boolean closed;

    private MonitoringServer(HttpServer server, String host, Probes probes, StatusServer.Options options) {
        this.server = server;
        this.host = host;
        this.probes = probes;
        this.executor = HttpServerLimits.executor("monitoring-http");
        server.setExecutor(executor);
        HttpContext context = server.createContext("/", this::handle);
        if (options.credentials() != null) {
            context.setAuthenticator(options.credentials().authenticator(StatusServer.Options.REALM));
        }
        server.start();
    }

    /**
     * Binds {@code options} and serves {@code probes}.
     *
     * @throws java.io.UncheckedIOException when the address cannot be bound
     */
    public static MonitoringServer start(StatusServer.Options options, Probes probes) {
        return new MonitoringServer(HttpEndpoint.listen(options), options.host(), probes, options);
    }

    /** Base URL without a trailing slash, e.g. {@code http://127.0.0.1:8080}; loopback when bound to every interface. */
    public String url() {
        return HttpEndpoint.baseUrl(server, host);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops answering and ends the server's threads; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        HttpEndpoint.stop(server, executor);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                HttpEndpoint.requireGetOrHead(exchange);
                String path = exchange.getRequestURI().getRawPath();
                if (path.equals(STYLE_SHEET)) { // for the operator view
                    StatusPage.Asset style = page.asset(STYLE_SHEET);
                    StatusServer.sendPage(exchange, 200, style.contentType(), style.body());
                } else if (!probes.answer(exchange, path)) {
                    throw ApiException.notFound("nothing at " + path + " (this instance only ingests: it serves "
                        + Probes.METRICS + ", " + Probes.LIVE + ", " + Probes.READY + " and " + OperatorView.PATH + ")");
                }
            } catch (ApiException e) {
                StatusServer.sendError(exchange, e.status(), e.getMessage(), e.retryAfterSeconds());
            } catch (RuntimeException e) {
                log.error("Monitoring request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                StatusServer.sendError(exchange, 500, "internal error: " + e, 0);
            }
        }
    }
}
