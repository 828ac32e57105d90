package io.claimstream.status;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.claimstream.registry.BasicCredentials;
import io.claimstream.registry.HttpServerLimits;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status page and its JSON API, served from the topology's subject store by interactive
 * queries, with the caller's metrics and health:
 *
 * <ul>
 * <li>{@code GET /} the status page (static HTML and JavaScript that read the API);
 * <li>{@code GET /api/subjects?prefix=&after=&limit=&order=} a page of subjects, by key unless
 *     {@code order} is {@code recent} or {@code reported} (see {@link SubjectOrder});
 * <li>{@code GET /api/subjects/{key}} one subject (key percent-encoded, or with its slashes as they are);
 * <li>{@code GET /subject/{key}} the subject's page: its figures over time and their sources;
 * <li>{@code GET /metrics} Prometheus text; {@code GET /health/live}, {@code GET /health/ready} (and
 * {@code GET /health}, the same as ready) 200 or 503 with the checks: see {@link Probes}.
 * </ul>
 *
 * <p>Errors are JSON {@code {"status": ..., "message": ...}}; a 503 (state rebalancing or
 * restoring, an instance not answering) carries Retry-After. Binds to loopback unless told
 * otherwise; with credentials (for a wider address), every request must carry them by HTTP basic
 * auth or gets 401 with a challenge, and requests forwarded to other instances carry them too.
 */
public final class StatusServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatusServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String API_SUBJECTS = "/api/subjects";
    /** Followed by a subject key, percent-encoded: the subject's own page. */
    static final String SUBJECT_PAGE = "/subject/";
    static final String HTML_TYPE = "text/html; charset=utf-8";
    /** The instance whose store answered a subject request: this one, or the one it was forwarded to. */
    static final String INSTANCE_HEADER = "X-Claimstream-Instance";
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    /** Scripts, styles and requests only from this server: text from the news can never run as code. */
    private static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /**
     * Where to listen.
     *
     * @param host address to bind; {@code 127.0.0.1} by default, {@code 0.0.0.0} for every interface
     * @param port port to bind; 0 picks a free one
     * @param credentials basic auth every request must carry, or null for none
     */
    public record Options(String host, int port, BasicCredentials credentials) {

        public static final String DEFAULT_HOST = "127.0.0.1";
        public static final int DEFAULT_PORT = 8080;
        static final String REALM = "claimstream status";

        /** Without authentication. */
        public Options(String host, int port) {
            this(host, port, null);
        }

        public Options {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("status server host must not be blank");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("status server port must be between 0 and 65535, not " + port);
            }
        }

        /** Loopback on {@code port}. */
        public static Options loopback(int port) {
            return new Options(DEFAULT_HOST, port);
        }
    }

    /**
     * A bound port that answers nothing yet: for an instance whose {@code application.server}
     * must name the port before Kafka Streams (and so the server) can start, as with port 0.
     */
    public static final class Binding implements AutoCloseable {

        private final HttpServer server;
        private final String host;
        private final BasicCredentials credentials;
        private boolean served;

        private Binding(HttpServer server, String host, BasicCredentials credentials) {
            this.server = server;
            this.host = host;
            this.credentials = credentials;
        }

        public int port() {
            return server.getAddress().getPort();
        }

        /** The bound address as {@code application.server} takes it; for a wildcard host, name a reachable one instead. */
        public HostInfo hostInfo() {
            return new HostInfo(host, port());
        }

        /** Starts answering on the bound port; see {@link StatusServer#start}. */
        public StatusServer serve(KafkaStreams streams, HostInfo self, Supplier<String> prometheusScrape,
                                  Supplier<Health> health) {
            return serve(streams, self, new Probes(prometheusScrape, health, null));
        }

        /** Starts answering on the bound port, with {@code probes} on their paths; see {@link StatusServer#start}. */
        public synchronized StatusServer serve(KafkaStreams streams, HostInfo self, Probes probes) {
            if (served) {
                throw new IllegalStateException("already serving");
            }
            served = true;
            return new StatusServer(server, host, new SubjectApi(Objects.requireNonNull(streams, "streams"), self,
                credentials == null ? null : credentials.authorizationHeader()), probes, credentials);
        }

        /** Releases the port if it was never served; a serving port is released by {@link StatusServer#close()}. */
        @Override
        public synchronized void close() {
            if (!served) {
                served = true;
                server.stop(0);
            }
        }
    }

    private final HttpServer server;
    private final String host;
    private final SubjectApi subjects;
    private final Probes probes;
    private final StatusPage page = StatusPage.load();
    private final ExecutorService executor;
    private boolean closed;

    private StatusServer(HttpServer server, String host, SubjectApi subjects, Probes probes, BasicCredentials credentials) {
        this.server = server;
        this.host = host;
        this.subjects = subjects;
        this.probes = probes;
        this.executor = HttpServerLimits.executor("status-http");
        server.setExecutor(executor);
        HttpContext context = server.createContext("/", this::handle);
        if (credentials != null) {
            context.setAuthenticator(credentials.authenticator(Options.REALM));
        }
        server.start();
    }

    /**
     * Binds {@code options} and serves at once.
     *
     * @param streams the Kafka Streams instance running the claims topology
     * @param self this instance's {@code application.server}, or null when it has none (it then
     *     answers from its own partitions only)
     * @param prometheusScrape the text of {@code /metrics}; null answers 404 there
     * @param health the answer of {@code /health}; null answers 404 there
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static StatusServer start(Options options, KafkaStreams streams, HostInfo self, Supplier<String> prometheusScrape,
                                     Supplier<Health> health) {
        return start(options, streams, self, new Probes(prometheusScrape, health, null));
    }

    /** Binds {@code options} and serves at once, with {@code probes} (metrics, liveness, readiness) on their paths. */
    public static StatusServer start(Options options, KafkaStreams streams, HostInfo self, Probes probes) {
        Binding binding = bind(options);
        try {
            return binding.serve(streams, self, probes);
        } catch (RuntimeException e) {
            binding.close();
            throw e;
        }
    }

    /** Binds the port of {@code options} without serving yet. */
    public static Binding bind(Options options) {
        return new Binding(HttpEndpoint.listen(options), options.host(), options.credentials());
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}; loopback when bound to every interface. */
    public String url() {
        return HttpEndpoint.baseUrl(server, host) + "/";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The address bound: loopback unless {@link Options#host()} named another. */
    public InetSocketAddress address() {
        return server.getAddress();
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
                route(exchange);
            } catch (ApiException e) {
                sendError(exchange, e);
            } catch (RuntimeException e) {
                log.error("Status request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                sendError(exchange, 500, "internal error: " + e, 0);
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        HttpEndpoint.requireGetOrHead(exchange);
        String path = exchange.getRequestURI().getRawPath();
        if (path.equals(API_SUBJECTS) || path.equals(API_SUBJECTS + "/")) {
            Map<String, String> parameters = parameters(exchange.getRequestURI().getRawQuery());
            boolean localOnly = PeerClient.LOCAL_SCOPE.equals(parameters.get("scope"));
            sendJson(exchange, 200, JSON.writeValueAsBytes(subjects.list(SubjectQuery.of(parameters), localOnly)), null);
        } else if (path.startsWith(API_SUBJECTS + "/")) {
            String key = decodePath(path.substring(API_SUBJECTS.length() + 1));
            SubjectQuery.checkLength("subject key", key);
            boolean forwarded = exchange.getRequestHeaders().containsKey(PeerClient.FORWARDED_HEADER);
            SubjectApi.Reply reply = subjects.get(key, forwarded);
            sendJson(exchange, reply.status(), reply.body(), reply.servedBy());
        } else if (path.startsWith(SUBJECT_PAGE) && path.length() > SUBJECT_PAGE.length()) {
            subjectPage(exchange, path);
        } else if (Probes.serves(path)) {
            probes.answer(exchange, path);
        } else {
            StatusPage.Asset asset = page.asset(path);
            if (asset == null) {
                throw ApiException.notFound("nothing at " + path);
            }
            sendPage(exchange, 200, asset.contentType(), asset.body());
        }
    }

    /**
     * The page of one subject, drawn from the same answer as {@code /api/subjects/{key}} (so
     * forwarded to the instance that holds it), or a page saying why there is none.
     */
    private void subjectPage(HttpExchange exchange, String path) throws IOException {
        String base = SubjectView.base(path);
        String html;
        int status;
        int retry = 0;
        try {
            String key = decodePath(path.substring(SUBJECT_PAGE.length()));
            SubjectQuery.checkLength("subject key", key);
            SubjectApi.Reply reply = subjects.get(key, false);
            status = reply.status();
            JsonNode body = JSON.readTree(reply.body());
            if (status == 200) {
                html = SubjectView.render(body, base);
            } else {
                retry = status == 503 ? 5 : 0;
                html = SubjectView.problem(status, body.path("message").asText("HTTP " + status), base, retry);
            }
        } catch (ApiException e) {
            status = e.status();
            retry = e.retryAfterSeconds();
            html = SubjectView.problem(status, e.getMessage(), base, retry);
        }
        if (retry > 0) {
            exchange.getResponseHeaders().set("Retry-After", Integer.toString(retry));
        }
        sendPage(exchange, status, HTML_TYPE, html.getBytes(StandardCharsets.UTF_8));
    }

    /** A page for the browser, under the policy that runs only the server's own script and styles. */
    static void sendPage(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Security-Policy", PAGE_POLICY);
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        send(exchange, status, contentType, body);
    }

    /** Query parameters, form-decoded; a parameter given twice keeps its last value. */
    static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            try {
                parameters.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("malformed query parameter '" + pair + "': " + e.getMessage());
            }
        }
        return parameters;
    }

    /** A percent-encoded path, where (unlike a query) '+' is itself. */
    static String decodePath(String rawPath) {
        try {
            return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("malformed percent-encoding in subject key '" + rawPath + "'");
        }
    }

    private void sendError(HttpExchange exchange, ApiException e) throws IOException {
        if (e.status() >= 500) {
            log.debug("Status request {} answered {}: {}", exchange.getRequestURI(), e.status(), e.getMessage());
        }
        sendError(exchange, e.status(), e.getMessage(), e.retryAfterSeconds());
    }

    static void sendError(HttpExchange exchange, int status, String message, int retryAfterSeconds) throws IOException {
        if (retryAfterSeconds > 0) {
            exchange.getResponseHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
        }
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(JSON.createObjectNode().put("status", status).put("message", message));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
        sendJson(exchange, status, body, null);
    }

    static void sendJson(HttpExchange exchange, int status, byte[] body, String servedBy) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (servedBy != null) {
            exchange.getResponseHeaders().set(INSTANCE_HEADER, servedBy);
        }
        send(exchange, status, JSON_TYPE, body);
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
