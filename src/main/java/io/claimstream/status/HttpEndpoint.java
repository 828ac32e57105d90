package io.claimstream.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.claimstream.registry.HttpServerLimits;

/**
 * What the status server and the monitoring server share: how they bind, name and stop their
 * port, and which methods they answer.
 */
final class HttpEndpoint {

    private HttpEndpoint() {
    }

    /**
     * A server bound to the address of {@code options}, with the limits of {@link HttpServerLimits}.
     *
     * @throws UncheckedIOException when the address cannot be bound
     */
    static HttpServer listen(StatusServer.Options options) {
        try {
            return HttpServerLimits.create(new InetSocketAddress(InetAddress.getByName(options.host()), options.port()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
        }
    }

    /** {@code http://host:port} without a trailing slash; loopback when bound to every interface. */
    static String baseUrl(HttpServer server, String host) {
        String shown = server.getAddress().getAddress().isAnyLocalAddress() ? StatusServer.Options.DEFAULT_HOST : host;
        return "http://" + (shown.contains(":") ? "[" + shown + "]" : shown) + ":" + server.getAddress().getPort();
    }

    /** Refuses with 405 (and {@code Allow}) any method but GET and HEAD: both servers only read. */
    static void requireGetOrHead(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            throw ApiException.methodNotAllowed(method);
        }
    }

    /** Stops answering and ends the server's threads, waiting a few seconds for them. */
    static void stop(HttpServer server, ExecutorService executor) {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
