package io.claimstream.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server that answers with scripted responses and records what it was asked:
 * a real server for testing the client's HTTP handling, no mock of the HTTP client.
 */
final class StubRegistryServer implements AutoCloseable {

    record Reply(int status, String contentType, String body) {
    }

    record Seen(String method, String uri, String contentType, String authorization, String body) {
    }

    private final HttpServer server;
    private final Deque<Reply> replies = new ArrayDeque<>();
    private final List<Seen> seen = new ArrayList<>();
    private Reply fallback = new Reply(500, "text/plain", "no reply scripted");

    StubRegistryServer() throws IOException {
        this(HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0));
    }

    StubRegistryServer(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        String scheme = server instanceof com.sun.net.httpserver.HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers the next request with {@code status} and a registry JSON body. */
    synchronized StubRegistryServer reply(int status, String json) {
        replies.add(new Reply(status, SchemaRegistryClient.CONTENT_TYPE, json));
        return this;
    }

    synchronized StubRegistryServer replyText(int status, String text) {
        replies.add(new Reply(status, "text/html", text));
        return this;
    }

    /** Answers every request with no scripted reply left this way. */
    synchronized StubRegistryServer otherwise(int status, String json) {
        fallback = new Reply(status, SchemaRegistryClient.CONTENT_TYPE, json);
        return this;
    }

    synchronized List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Reply reply;
        synchronized (this) {
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Authorization"), body));
            reply = replies.isEmpty() ? fallback : replies.poll();
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
