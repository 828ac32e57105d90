package io.claimstream.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/**
 * What every long-running claimstream process answers on its HTTP port, whichever parts it runs:
 *
 * <ul>
 * <li>{@code GET /metrics}: Prometheus text;
 * <li>{@code GET /health/live}: liveness, 200 {@code {"live":true,"checks":{...}}} while the
 *     process's parts are working, else 503: a probe that restarts the process when it fails. It
 *     never asks Kafka, so a cluster outage does not restart every instance;
 * <li>{@code GET /health/ready}: readiness, 200 {@code {"ready":true,"checks":{...}}} when the
 *     process does its work (Kafka Streams RUNNING, the ingester in its group, the topics there),
 *     else 503: a probe that takes the instance out of a load balancer until it is;
 * <li>{@code GET /health}: the same as {@code /health/ready}, as earlier versions served it;
 * <li>{@code GET /operator}: the operator view, a page of how the process's parts are doing
 *     (see {@link OperatorView}).
 * </ul>
 *
 * @param prometheusScrape the text of {@code /metrics}; null answers 404 there
 * @param readiness the answer of {@code /health/ready} and {@code /health}; null answers 404 there
 * @param liveness the answer of {@code /health/live} ({@link Health#ready()} meaning live); null:
 *     live whenever the server answers
 * @param operator the report of {@code /operator}; null answers 404 there
 */
public record Probes(Supplier<String> prometheusScrape, Supplier<Health> readiness, Supplier<Health> liveness,
                     Supplier<OperatorReport> operator) {

    /** Without an operator view. */
    public Probes(Supplier<String> prometheusScrape, Supplier<Health> readiness, Supplier<Health> liveness) {
        this(prometheusScrape, readiness, liveness, null);
    }

    public static final String METRICS = "/metrics";
    public static final String HEALTH = "/health";
    public static final String LIVE = "/health/live";
    public static final String READY = "/health/ready";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** Whether {@code path} is one of the probes' paths. */
    public static boolean serves(String path) {
        return path.equals(METRICS) || path.equals(HEALTH) || path.equals(LIVE) || path.equals(READY)
            || path.equals(OperatorView.PATH);
    }

    /**
     * Answers {@code exchange} when {@code path} is one of the probes' paths.
     *
     * @return false, having sent nothing, when it is not
     * @throws ApiException 404 when the path is the probes' but nothing is served there
     */
    boolean answer(HttpExchange exchange, String path) throws IOException {
        switch (path) {
            case METRICS -> {
                if (prometheusScrape == null) {
                    throw ApiException.notFound("no metrics are served here");
                }
                StatusServer.send(exchange, 200, PROMETHEUS_TYPE, prometheusScrape.get().getBytes(StandardCharsets.UTF_8));
            }
            case HEALTH, READY -> {
                if (readiness == null) {
                    throw ApiException.notFound("no health checks are served here");
                }
                Health now = readiness.get();
                StatusServer.sendJson(exchange, now.ready() ? 200 : 503, JSON.writeValueAsBytes(now), null);
            }
            case LIVE -> {
                Health now = liveness == null ? new Health(true, Map.of("http", "answering")) : liveness.get();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("live", now.ready());
                body.put("checks", now.checks());
                StatusServer.sendJson(exchange, now.ready() ? 200 : 503, JSON.writeValueAsBytes(body), null);
            }
            case OperatorView.PATH -> {
                if (operator == null) {
                    throw ApiException.notFound("no operator view is served here");
                }
                OperatorReport report = operator.get();
                // The subject pages are served where the processing application runs.
                StatusServer.sendPage(exchange, 200, StatusServer.HTML_TYPE,
                    OperatorView.render(report, report.processing() != null).getBytes(StandardCharsets.UTF_8));
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
