package io.claimstream.runtime;

import java.io.UncheckedIOException;
import java.util.function.Supplier;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

import io.claimstream.registry.BasicCredentials;
import io.claimstream.status.Health;
import io.claimstream.status.StatusServer;

/**
 * Where the runtime meets the status server: the Kafka Streams client for interactive queries,
 * this instance's application.server, the Prometheus scrape and the health check go to
 * {@link StatusServer}, which serves the status page, the subject API, {@code /metrics} and
 * {@code /health}.
 */
public final class StatusEndpoint implements AutoCloseable {

    private final StatusServer server;

    private StatusEndpoint(StatusServer server) {
        this.server = server;
    }

    /**
     * Serves the status page and endpoints on {@code host:port} (port 0: a free one).
     *
     * @param credentials basic auth every request must carry, or null for none
     *
     * @param streams the processing application's client, for interactive queries on its subject store
     * @param self this instance's application.server, or null when it has none
     * @param prometheusScrape the metrics in Prometheus text format
     * @param health whether this instance is ready, and why
     */
    public static StatusEndpoint start(String host, int port, BasicCredentials credentials, KafkaStreams streams, HostInfo self,
                                       Supplier<String> prometheusScrape, Supplier<Health> health) {
        try {
            return new StatusEndpoint(StatusServer.start(new StatusServer.Options(host, port, credentials), streams, self,
                prometheusScrape,
                health));
        } catch (UncheckedIOException e) {
            throw new UnavailableException("cannot serve the status page on " + host + ":" + port + ": "
                + e.getCause().getMessage() + " (set --http-port, or 0 for a free port)", e);
        }
    }

    /** Base URL without a trailing slash, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        String url = server.url();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public void close() {
        server.close();
    }
}
