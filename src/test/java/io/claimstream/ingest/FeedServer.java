package io.claimstream.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.claimstream.avro.Article;

/**
 * Feeds as a well-run news site serves them, on loopback: RSS 2.0 documents rendered before
 * the benchmark starts, with an ETag and Last-Modified, answering a matching If-None-Match
 * with 304 and no body.
 */
final class FeedServer implements AutoCloseable {

    private static final String PATH = "/feeds/";
    private static final String LAST_MODIFIED = "Tue, 04 Mar 2025 09:00:00 GMT";
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final List<byte[]> documents;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final AtomicLong full = new AtomicLong();
    private final AtomicLong notModified = new AtomicLong();

    FeedServer(List<byte[]> documents) {
        this.documents = documents;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(PATH, this::serve);
        server.setExecutor(executor);
        server.start();
    }

    URI uri(int feed) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH + feed + ".xml");
    }

    long fullResponses() {
        return full.get();
    }

    long notModifiedResponses() {
        return notModified.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String name = exchange.getRequestURI().getPath().substring(PATH.length());
            int feed;
            try {
                feed = Integer.parseInt(name.replace(".xml", ""));
            } catch (NumberFormatException e) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (feed < 0 || feed >= documents.size()) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String etag = "\"feed-" + feed + "-v1\"";
            exchange.getResponseHeaders().set("ETag", etag);
            exchange.getResponseHeaders().set("Last-Modified", LAST_MODIFIED);
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            byte[] body = documents.get(feed);
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            full.incrementAndGet();
        }
    }

    /** An RSS 2.0 document of {@code items}: headline, link, guid, date, a summary and the full text as HTML. */
    static byte[] render(String outlet, String site, List<Article> items) {
        StringBuilder xml = new StringBuilder(items.size() * 2_500);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .append("<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" ")
            .append("xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n")
            .append("<title>").append(escape(outlet)).append("</title>\n")
            .append("<link>").append(escape(site)).append("</link>\n")
            .append("<description>News from ").append(escape(outlet)).append("</description>\n")
            .append("<language>en</language>\n");
        for (Article a : items) {
            String text = a.getText();
            int paragraph = text.indexOf("\n\n");
            String summary = paragraph > 0 ? text.substring(0, paragraph) : text;
            xml.append("<item>\n<title>").append(escape(a.getTitle())).append("</title>\n")
                .append("<link>").append(escape(a.getLink())).append("</link>\n")
                .append("<guid isPermaLink=\"true\">").append(escape(a.getId())).append("</guid>\n")
                .append("<pubDate>").append(RFC_1123.format(a.getPublished())).append("</pubDate>\n")
                .append("<dc:creator>").append(escape(a.getSource())).append(" staff</dc:creator>\n")
                .append("<description>").append(escape(summary)).append("</description>\n")
                .append("<content:encoded><![CDATA[");
            for (String p : text.split("\n\n")) {
                xml.append("<p>").append(escape(p)).append("</p>");
            }
            xml.append("]]></content:encoded>\n</item>\n");
        }
        return xml.append("</channel>\n</rss>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
