package io.claimstream.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.claimstream.registry.HttpServerLimits;

/**
 * Serves the sample feeds bundled with claimstream over HTTP on 127.0.0.1, so that embedded mode
 * ingests them as it would any outlet's feed (conditional GET included: each answers with an
 * ETag and a 304 when it is sent back), without a network.
 */
public final class SampleFeedServer implements AutoCloseable {

    /**
     * The bundled feeds, under {@code /sample-feeds/} on the classpath: eight outlets, RSS and Atom,
     * written for the project (the stories of the project's test corpus, most told by two or three
     * outlets in their own words, so the demo shows claims merging across outlets).
     */
    public static final List<String> FEEDS = List.of(
        "continental-wire.rss.xml", "daily-ledger.rss.xml", "harbour-herald.atom.xml", "capital-bulletin.rss.xml",
        "coastal-times.atom.xml", "meridian-post.rss.xml", "metro-ledger.rss.xml", "prairie-wire.atom.xml");
    static final String PATH = "/sample-feeds/";

    private record Document(byte[] bytes, String etag, String contentType) {
    }

    private final HttpServer server;
    private final Map<String, Document> documents;

    private SampleFeedServer(HttpServer server, Map<String, Document> documents) {
        this.server = server;
        this.documents = documents;
    }

    /** Starts serving on a free port of 127.0.0.1. */
    public static SampleFeedServer start() {
        Map<String, Document> documents = new LinkedHashMap<>();
        for (String name : FEEDS) {
            documents.put(name, load(name));
        }
        HttpServer server;
        try {
            server = HttpServerLimits.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UnavailableException("cannot serve the sample feeds on 127.0.0.1: " + e.getMessage(), e);
        }
        SampleFeedServer feeds = new SampleFeedServer(server, documents);
        server.createContext(PATH, feeds::serve);
        server.start();
        return feeds;
    }

    /** The URL of each bundled feed, by file name. */
    public Map<String, String> urls() {
        Map<String, String> urls = new LinkedHashMap<>();
        documents.keySet().forEach(name -> urls.put(name, "http://127.0.0.1:" + server.getAddress().getPort() + PATH + name));
        return urls;
    }

    /** The address bound: always loopback, since only this process's ingester reads it. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Document doc = documents.get(exchange.getRequestURI().getPath().substring(PATH.length()));
            if (doc == null || !exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(doc == null ? 404 : 405, -1);
                return;
            }
            exchange.getResponseHeaders().set("ETag", doc.etag());
            if (doc.etag().equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", doc.contentType());
            exchange.sendResponseHeaders(200, doc.bytes().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(doc.bytes());
            }
        }
    }

    private static Document load(String name) {
        try (InputStream in = SampleFeedServer.class.getResourceAsStream(PATH + name)) {
            if (in == null) {
                throw new IllegalStateException("sample feed " + name + " is missing from the build");
            }
            byte[] bytes = in.readAllBytes();
            String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8) + "\"";
            String type = name.endsWith(".atom.xml") ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8";
            return new Document(bytes, etag, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample feed " + name, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
