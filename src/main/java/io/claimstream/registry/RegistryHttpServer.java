package io.claimstream.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confluent Schema Registry's REST API over a {@link SchemaRegistry}, on loopback unless given
 * another address: the endpoints that Confluent's Java, Node and kafkajs clients call. Errors are
 * {@code {"error_code": ..., "message": ...}} bodies with Confluent's codes. With credentials,
 * every request must carry them (HTTP basic auth), or gets 401 and a challenge.
 */
final class RegistryHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RegistryHttpServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Schemas are text of a few KB, and at most {@link SchemaRegistry#MAX_SCHEMA_CHARS}; a bigger request is not a schema registration. */
    static final int MAX_REQUEST_BYTES = 2 * 1024 * 1024;
    /** How much of a too-large body is read and discarded so that the client, still sending, gets the 413. */
    private static final long MAX_DISCARDED_BYTES = 64L * 1024 * 1024;
    static final String HOST = "127.0.0.1";
    static final String REALM = "claimstream schema registry";

    private final SchemaRegistry registry;
    private final HttpServer server;
    private final ExecutorService executor;

    /** An answer: a status and a JSON body. */
    private record Response(int status, Object body) {
        static Response ok(Object body) {
            return new Response(200, body);
        }
    }

    /** An item of {@code GET /schemas/ids/{id}/versions}. */
    private record SubjectAndVersion(String subject, int version) {
    }

    /** A parsed request. */
    private record Request(String method, List<String> path, Map<String, String> query, JsonNode body) {
        boolean flag(String name) {
            return Boolean.parseBoolean(query.get(name));
        }

        String segment(int index) {
            return path.get(index);
        }

        String text(String field) {
            JsonNode node = body.path(field);
            return node.isTextual() ? node.asText() : null;
        }

        boolean hasReferences() {
            return body.path("references").isArray() && !body.path("references").isEmpty();
        }
    }

    /**
     * Serves {@code registry} on {@code host:port}.
     *
     * @param credentials the basic auth every request must carry, or null for none
     */
    RegistryHttpServer(SchemaRegistry registry, String host, int port, BasicCredentials credentials) {
        this.registry = registry;
        this.executor = HttpServerLimits.executor("schema-registry-http");
        try {
            this.server = HttpServerLimits.create(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            executor.shutdown();
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
        server.setExecutor(executor);
        HttpContext context = server.createContext("/", this::handle);
        if (credentials != null) {
            context.setAuthenticator(credentials.authenticator(REALM));
        }
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The address bound: loopback unless another was given. */
    InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Response response;
        try {
            response = route(parse(exchange));
        } catch (RegistryException e) {
            response = error(e.httpStatus(), e.errorCode(), e.registryMessage());
        } catch (JsonProcessingException e) {
            response = error(400, 400, "Malformed JSON request body: " + e.getOriginalMessage());
        } catch (StackOverflowError e) {
            response = error(422, RegistryException.INVALID_SCHEMA, "Invalid request: nested too deeply to be read");
        } catch (RuntimeException e) {
            log.error("Schema registry request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            response = error(500, 500, "Internal Server Error: " + e);
        }
        byte[] body = JSON.writeValueAsBytes(response.body());
        exchange.getResponseHeaders().set("Content-Type", SchemaRegistryClient.CONTENT_TYPE);
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Request parse(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        List<String> path = Arrays.stream(rawPath.split("/")).filter(s -> !s.isEmpty()).map(RegistryHttpServer::decode).toList();
        Map<String, String> query = new HashMap<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                query.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        JsonNode body = MissingNode.getInstance();
        try (InputStream in = exchange.getRequestBody()) {
            if (contentLength(exchange) > MAX_REQUEST_BYTES) {
                throw tooLarge(in);
            }
            byte[] bytes = in.readNBytes(MAX_REQUEST_BYTES + 1);
            if (bytes.length > MAX_REQUEST_BYTES) {
                throw tooLarge(in);
            }
            if (bytes.length > 0) {
                body = JSON.readTree(bytes);
            }
        }
        return new Request(exchange.getRequestMethod(), path, query, body == null ? MissingNode.getInstance() : body);
    }

    /** The 413 of a body over the limit, after discarding a bounded part of the rest so that the client reads it. */
    private static RegistryException tooLarge(InputStream in) {
        try {
            byte[] discard = new byte[64 * 1024];
            long read = 0;
            int n;
            while (read < MAX_DISCARDED_BYTES && (n = in.read(discard)) >= 0) {
                read += n;
            }
        } catch (IOException e) {
            // The client stopped sending; it may still read the answer.
        }
        return new RegistryException(413, 413, "Request body larger than " + MAX_REQUEST_BYTES + " bytes");
    }

    private static long contentLength(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Response route(Request r) {
        List<String> p = r.path();
        String method = r.method();
        if (p.isEmpty()) {
            return method.equals("GET") ? Response.ok(Map.of()) : notAllowed(r);
        }
        switch (p.get(0)) {
            case "subjects":
                return subjects(r);
            case "schemas":
                if (p.size() >= 3 && p.get(1).equals("ids")) {
                    int id = id(p.get(2));
                    if (p.size() == 3 && method.equals("GET")) {
                        return Response.ok(Map.of("schema", registry.schemaById(id)));
                    }
                    if (p.size() == 4 && p.get(3).equals("versions") && method.equals("GET")) {
                        return Response.ok(registry.versionsWithId(id, r.flag("deleted")).stream()
                            .map(v -> new SubjectAndVersion(v.subject(), v.version())).toList());
                    }
                }
                break;
            case "config":
                if (p.size() <= 2) {
                    return config(r, p.size() == 2 ? r.segment(1) : null);
                }
                break;
            case "compatibility":
                if (p.size() >= 4 && p.size() <= 5 && p.get(1).equals("subjects") && p.get(3).equals("versions")
                    && method.equals("POST")) {
                    List<String> problems = registry.incompatibilities(r.segment(2), p.size() == 5 ? r.segment(4) : null,
                        r.text("schema"), r.text("schemaType"));
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("is_compatible", problems.isEmpty());
                    if (r.flag("verbose")) {
                        body.put("messages", problems);
                    }
                    return Response.ok(body);
                }
                break;
            default:
                // Includes /associations/...: Confluent's Node client asks it for a topic's
                // subject first and falls back to <topic>-value on a 404.
                break;
        }
        return error(404, 404, "HTTP 404 Not Found");
    }

    private Response subjects(Request r) {
        List<String> p = r.path();
        String method = r.method();
        if (p.size() == 1) {
            return method.equals("GET") ? Response.ok(registry.subjects(r.flag("deleted"))) : notAllowed(r);
        }
        String subject = r.segment(1);
        if (p.size() == 2) {
            return switch (method) {
                case "POST" -> Response.ok(version(registry.lookup(subject, r.text("schema"), r.text("schemaType"),
                    r.flag("deleted"))));
                case "DELETE" -> Response.ok(registry.deleteSubject(subject, r.flag("permanent")));
                default -> notAllowed(r);
            };
        }
        if (!p.get(2).equals("versions") || p.size() > 4) {
            return error(404, 404, "HTTP 404 Not Found");
        }
        if (p.size() == 3) {
            return switch (method) {
                case "GET" -> Response.ok(registry.versions(subject, r.flag("deleted")));
                case "POST" -> Response.ok(Map.of("id",
                    registry.register(subject, r.text("schema"), r.text("schemaType"), r.hasReferences())));
                default -> notAllowed(r);
            };
        }
        return method.equals("GET")
            ? Response.ok(version(registry.version(subject, r.segment(3), r.flag("deleted"))))
            : notAllowed(r);
    }

    private Response config(Request r, String subject) {
        switch (r.method()) {
            case "GET":
                CompatibilityLevel level = subject == null
                    ? registry.globalLevel() : registry.subjectLevel(subject, r.flag("defaultToGlobal"));
                return Response.ok(Map.of("compatibilityLevel", level.name()));
            case "PUT":
                return Response.ok(Map.of("compatibility", registry.setLevel(subject, r.text("compatibility")).name()));
            default:
                return notAllowed(r);
        }
    }

    private static Map<String, Object> version(SchemaRegistry.SubjectVersion v) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", v.subject());
        body.put("version", v.version());
        body.put("id", v.id());
        body.put("schema", v.schema());
        return body;
    }

    private static int id(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new RegistryException(404, RegistryException.SCHEMA_NOT_FOUND, "Schema " + text + " not found");
        }
    }

    private static Response notAllowed(Request r) {
        return error(405, 405, "HTTP 405 Method Not Allowed: " + r.method() + " /" + String.join("/", r.path()));
    }

    private static Response error(int status, int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", code);
        body.put("message", message);
        return new Response(status, body);
    }

    private static String decode(String text) {
        // Percent-decoding only: a '+' in a subject name is a plus, not a space.
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(400, 400, "Malformed request URL: invalid percent-encoding in '" + text + "'");
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
