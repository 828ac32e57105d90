package io.claimstream.ingest;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches feed documents over HTTP the way a well-behaved poller should: conditional GET, a
 * User-Agent naming claimstream, gzip/deflate, a bounded number of redirects and of concurrent
 * fetches, and hard limits on time and size so that no server can hold a thread or the heap.
 *
 * <p>Redirects are followed here rather than by the client so that they can be counted, loops
 * reported, conditional headers kept on every hop, and every hop's address checked against the
 * {@link AddressPolicy} before it is requested. One fetch, redirects included, ends by
 * {@link IngestSettings#fetchDeadline()} whatever the servers do, so that slow feeds cannot keep
 * the fetch slots from the others.
 */
public final class FeedFetcher {

    static final String ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml, "
        + "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

    private final IngestSettings settings;
    private final Clock clock;
    private final HttpClient client;
    private final Semaphore fetchPermits;
    private final AddressPolicy addressPolicy;

    public FeedFetcher(IngestSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.fetchPermits = new Semaphore(settings.maxConcurrentFetches(), true);
        this.addressPolicy = AddressPolicy.allowing(settings.allowedAddressRanges());
        this.client = HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            // HTTP/2's h2c upgrade on plain http confuses some feed servers; feeds gain nothing from it.
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    }

    /** Fetches {@code url}, waiting for a free fetch slot first. Never throws for what the server does. */
    public FetchResult fetch(URI url, CacheValidators validators) throws InterruptedException {
        fetchPermits.acquire();
        try {
            return fetchFollowingRedirects(url, validators);
        } finally {
            fetchPermits.release();
        }
    }

    private FetchResult fetchFollowingRedirects(URI url, CacheValidators validators) throws InterruptedException {
        Instant started = clock.instant();
        long deadline = System.nanoTime() + settings.fetchDeadline().toNanos();
        List<URI> chain = new ArrayList<>();
        URI current = url;
        while (true) {
            if (!isHttp(current)) {
                return failed(null, "not an http(s) URL: " + current, started);
            }
            if (chain.contains(current)) {
                return failed(null, "redirect loop: " + describeChain(chain) + " -> " + current, started);
            }
            chain.add(current);
            try {
                addressPolicy.check(current);
            } catch (AddressPolicy.RefusedException e) {
                return failed(null, chain.size() > 1
                    ? e.getMessage() + "; redirected there from " + chain.get(chain.size() - 2) : e.getMessage(), started);
            }
            HttpResponse<byte[]> response;
            try {
                response = send(current, validators, deadline);
            } catch (FetchFailure e) {
                return failed(null, e.getMessage(), started);
            }
            int status = response.statusCode();
            HttpHeaders headers = response.headers();
            if (isRedirect(status)) {
                Optional<String> location = headers.firstValue("Location");
                if (location.isEmpty() || location.get().isBlank()) {
                    return failed(status, "HTTP " + status + " redirect without a Location header from " + current, started);
                }
                if (chain.size() > settings.maxRedirects()) {
                    return failed(status, "more than " + settings.maxRedirects() + " redirects: "
                        + describeChain(chain), started);
                }
                try {
                    current = current.resolve(location.get().trim());
                } catch (IllegalArgumentException e) {
                    return failed(status, "HTTP " + status + " redirect to an invalid Location '" + location.get() + "'", started);
                }
                continue;
            }
            if (status == 304) {
                return new FetchResult.NotModified(current, started);
            }
            if (status == 429 || status == 503) {
                Duration retryAfter = headers.firstValue("Retry-After").map(v -> parseRetryAfter(v, started)).orElse(null);
                return new FetchResult.Failed(status, "HTTP " + status + (status == 429 ? " Too Many Requests" : " Service Unavailable")
                    + (retryAfter == null ? "" : ", retry after " + retryAfter.toSeconds() + " s"), retryAfter, started);
            }
            if (status < 200 || status > 299) {
                return failed(status, "HTTP " + status + " from " + current, started);
            }
            byte[] body;
            try {
                body = ContentDecoding.decode(response.body(), headers.firstValue("Content-Encoding").orElse(null),
                    settings.maxResponseBytes());
            } catch (IOException e) {
                return failed(status, e.getMessage() + " (" + current + ")", started);
            }
            CacheValidators received = new CacheValidators(
                headers.firstValue("ETag").orElse(null), headers.firstValue("Last-Modified").orElse(null));
            return new FetchResult.Fetched(current, status, body, headers.firstValue("Content-Type").orElse(null),
                received, started);
        }
    }

    private HttpResponse<byte[]> send(URI url, CacheValidators validators, long deadline) throws InterruptedException, FetchFailure {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new FetchFailure("gave up after " + describe(settings.fetchDeadline()) + ", the deadline of one fetch, before "
                + url);
        }
        // The per-response timeout, or what is left of the fetch's deadline when that is sooner.
        boolean deadlineFirst = left < settings.readTimeout().toNanos();
        Duration timeout = deadlineFirst ? Duration.ofNanos(left) : settings.readTimeout();
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
            .GET()
            .timeout(timeout)
            .header("User-Agent", settings.userAgent())
            .header("Accept", ACCEPT)
            .header("Accept-Encoding", "gzip, deflate");
        if (validators.etag() != null) {
            request.header("If-None-Match", validators.etag());
        }
        if (validators.lastModified() != null) {
            request.header("If-Modified-Since", validators.lastModified());
        }
        long cap = settings.maxResponseBytes();
        HttpResponse.BodyHandler<byte[]> handler = info -> {
            if (info.statusCode() < 200 || info.statusCode() > 299) {
                return HttpResponse.BodySubscribers.replacing(new byte[0]);
            }
            return CappedBodySubscriber.forLength(info.headers().firstValueAsLong("Content-Length").orElse(-1), cap);
        };
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request.build(), handler);
        try {
            // The request timeout only covers the wait for headers; this bounds the body too.
            return future.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new FetchFailure(deadlineFirst
                ? "gave up after " + describe(settings.fetchDeadline()) + ", the deadline of one fetch, reading " + url
                : "timed out after " + describe(settings.readTimeout()) + " reading " + url);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw new FetchFailure(describeFailure(e.getCause(), url, deadlineFirst));
        }
    }

    private String describeFailure(Throwable cause, URI url, boolean deadlineFirst) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "connect timed out after " + describe(settings.connectTimeout()) + " to " + url;
        }
        if (cause instanceof HttpTimeoutException) {
            return deadlineFirst
                ? "gave up after " + describe(settings.fetchDeadline()) + ", the deadline of one fetch, waiting for " + url
                : "timed out after " + describe(settings.readTimeout()) + " waiting for " + url;
        }
        if (cause instanceof CappedBodySubscriber.TooLargeException) {
            return cause.getMessage() + " (" + url + ")";
        }
        if (cause instanceof ConnectException) {
            return "cannot connect to " + url + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        String message = cause.getMessage();
        if (cause instanceof javax.net.ssl.SSLException) {
            return "TLS with " + url + " failed" + (message == null ? "" : ": " + message);
        }
        if (cause instanceof HttpTimeoutException || message == null || message.isBlank()) {
            return "the connection to " + url + " failed before the response was complete";
        }
        return "cannot fetch " + url + ": " + message;
    }

    /** Retry-After is either delay-seconds or an HTTP-date; anything else is ignored. */
    Duration parseRetryAfter(String value, Instant now) {
        String v = value.trim();
        Duration delay;
        try {
            delay = Duration.ofSeconds(Long.parseLong(v));
        } catch (NumberFormatException notSeconds) {
            try {
                delay = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
        if (delay.isNegative()) {
            return Duration.ZERO;
        }
        return delay.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : delay;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean isHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    }

    private static String describeChain(List<URI> chain) {
        StringBuilder b = new StringBuilder();
        for (URI u : chain) {
            if (b.length() > 0) {
                b.append(" -> ");
            }
            b.append(u);
        }
        return b.toString();
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static FetchResult.Failed failed(Integer status, String reason, Instant at) {
        return new FetchResult.Failed(status, reason, null, at);
    }

    /** A fetch that got no usable response; its message is the reason shown to people. */
    private static final class FetchFailure extends Exception {
        FetchFailure(String message) {
            super(message, null, false, false);
        }
    }
}
