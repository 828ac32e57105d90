package io.claimstream.status;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks the other instances of the application, at their {@code application.server}, for what
 * their stores hold: one subject, forwarded as it is, or their local page of a list.
 */
final class PeerClient {

    /** On a forwarded request: the instance answers from its own store and forwards no further. */
    static final String FORWARDED_HEADER = "X-Claimstream-Forwarded";
    /** On a list request: only the instance's own partitions, without asking the others. */
    static final String LOCAL_SCOPE = "local";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** A peer's answer, passed on as it came. */
    record Answer(int status, byte[] body) {
    }

    private final String authorization;
    private HttpClient client;

    /** @param authorization the Authorization header of every request (the instances share their credentials), or null */
    PeerClient(String authorization) {
        this.authorization = authorization;
    }

    /** The instance's answer for {@code key}, whatever its status. */
    Answer get(HostInfo peer, String key) {
        HttpRequest request = request(URI.create(base(peer) + "/api/subjects/" + encode(key)))
            .header(FORWARDED_HEADER, "true")
            .build();
        try {
            HttpResponse<byte[]> response = client().send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw ApiException.unavailable("instance " + name(peer) + ", which holds the subject, does not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while asking instance " + name(peer), e);
        }
    }

    /** The instance's own page of {@code query}; fails with the instance's message when it cannot give one. */
    CompletableFuture<SubjectPage> list(HostInfo peer, SubjectQuery query) {
        URI uri = URI.create(base(peer) + "/api/subjects?scope=" + LOCAL_SCOPE + "&limit=" + query.limit()
            + "&prefix=" + encode(query.prefix()) + "&after=" + encode(query.after()) + "&order=" + query.order().parameter());
        return client().sendAsync(request(uri).build(), HttpResponse.BodyHandlers.ofByteArray())
            .thenApply(response -> page(peer, response, query.order()));
    }

    /**
     * The peer's page, each subject placed by the cursor the peer gave it: the peer ranked it by
     * all its figures. An instance of an earlier version sends no cursors (and lists in key
     * order whatever was asked); its subjects are then ranked by what they show.
     */
    private static SubjectPage page(HostInfo peer, HttpResponse<byte[]> response, SubjectOrder order) {
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("instance " + name(peer) + " answered " + response.statusCode() + " without JSON");
        }
        if (response.statusCode() != 200 || !body.path("subjects").isArray()) {
            throw new IllegalStateException("instance " + name(peer) + " answered " + response.statusCode() + ": "
                + body.path("message").asText("no message"));
        }
        List<SubjectPage.Ranked> subjects = new ArrayList<>();
        JsonNode cursors = body.path("cursors");
        boolean ranked = cursors.isArray() && cursors.size() == body.get("subjects").size();
        int i = 0;
        for (JsonNode subject : body.get("subjects")) {
            SubjectRank rank = ranked ? order.after(cursors.get(i).asText()) : SubjectRank.of(subject);
            subjects.add(new SubjectPage.Ranked(rank, subject));
            i++;
        }
        return new SubjectPage(subjects, !body.path("next").isNull() && !body.path("next").isMissingNode());
    }

    /** The client, made when first needed: an instance that never forwards starts no client threads. */
    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return client;
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Accept", "application/json").GET();
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    static String name(HostInfo host) {
        return host.host() + ":" + host.port();
    }

    private static String base(HostInfo peer) {
        String host = peer.host().contains(":") ? "[" + peer.host() + "]" : peer.host();
        return "http://" + host + ":" + peer.port();
    }

    /** Percent-encoding for a path segment or query value: a space is %20, a slash %2F. */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
