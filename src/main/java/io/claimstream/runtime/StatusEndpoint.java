package io.claimstream.runtime;

import java.io.UncheckedIOException;
import java.util.function.Supplier;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

import io.claimstream.registry.BasicCredentials;
import io.claimstream.status.Health;
import io.claimstream.status.MonitoringServer;
import io.claimstream.status.Probes;
import io.claimstream.status.StatusServer;

/**
 * Where the runtime meets the HTTP port of a process: with Kafka Streams, the status server
 * ({@link StatusServer}: the status page, the subject API by interactive queries, and the
 * probes); without (an ingest-only process), the {@link MonitoringServer}, which serves only the
 * probes. The probes are the same in both: {@code /metrics}, {@code /health/live},
 * {@code /health/ready} and {@code /health}.
 */
public final class StatusEndpoint implements AutoCloseable {

    private final Runnable close;
    private final Supplier<String> url;

    private StatusEndpoint(Runnable close, Supplier<String> url) {
        this.close = close;
        this.url = url;
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
        return start(host, port, credentials, streams, self, new Probes(prometheusScrape, health, null));
    }

    /** Serves the status page, the subject API and {@code probes} on {@code host:port} (port 0: a free one). */
    public static StatusEndpoint start(String host, int port, BasicCredentials credentials, KafkaStreams streams, HostInfo self,
                                       Probes probes) {
        try {
            StatusServer server = StatusServer.start(new StatusServer.Options(host, port, credentials), streams, self, probes);
            return new StatusEndpoint(server::close, () -> withoutTrailingSlash(server.url()));
        } catch (UncheckedIOException e) {
            throw unavailable(host, port, e);
        }
    }

    /** Serves only {@code probes} on {@code host:port} (port 0: a free one), for a process without Kafka Streams. */
    public static StatusEndpoint monitoring(String host, int port, BasicCredentials credentials, Probes probes) {
        try {
            MonitoringServer server = MonitoringServer.start(new StatusServer.Options(host, port, credentials), probes);
            return new StatusEndpoint(server::close, server::url);
        } catch (UncheckedIOException e) {
            throw unavailable(host, port, e);
        }
    }

    private static UnavailableException unavailable(String host, int port, UncheckedIOException e) {
        return new UnavailableException("cannot serve HTTP on " + host + ":" + port + ": "
            + e.getCause().getMessage() + " (set --http-port, or 0 for a free port)", e);
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Base URL without a trailing slash, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        return url.get();
    }

    @Override
    public void close() {
        close.run();
    }
}
