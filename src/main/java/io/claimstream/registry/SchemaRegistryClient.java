package io.claimstream.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import org.apache.avro.Schema;

/**
 * A client of the Confluent Schema Registry REST API: registers and looks up Avro schemas,
 * fetches them by id, tests compatibility and reads or sets the compatibility level.
 *
 * <p>Schemas are sent in their {@linkplain CanonicalSchema canonical form}, so a schema compiled
 * into a Java class matches the same schema registered by another language's tools. Ids never
 * change meaning, so schemas by id and ids by schema are cached (bounded); {@link #latest} is not.
 * Connect errors and 5xx answers are retried with exponential backoff, trying the next URL;
 * other answers fail at once with a {@link RegistryException} carrying Confluent's error code.
 * Thread-safe.
 */
public final class SchemaRegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
        "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    /** A registry answer is a schema or a short list; anything bigger is not one. */
    private static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryClientConfig config;
    private final HttpClient http;
    private final String authorization;
    private final LruCache<Integer, Schema> schemasById;
    private final LruCache<SubjectSchema, Integer> registeredIds;
    private final LruCache<SubjectSchema, RegisteredSchema> lookedUp;

    private record SubjectSchema(String subject, Schema schema) {
    }

    public SchemaRegistryClient(RegistryClientConfig config) {
        this.config = config;
        HttpClient.Builder builder = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER);
        if (config.sslContext() != null) {
            builder.sslContext(config.sslContext());
        }
        this.http = builder.build();
        this.authorization = config.authorization();
        this.schemasById = new LruCache<>(config.cacheCapacity());
        this.registeredIds = new LruCache<>(config.cacheCapacity());
        this.lookedUp = new LruCache<>(config.cacheCapacity());
    }

    /** A client of the registry at {@code url} with default settings. */
    public static SchemaRegistryClient of(String url) {
        return new SchemaRegistryClient(RegistryClientConfig.of(url));
    }

    public RegistryClientConfig config() {
        return config;
    }

    /**
     * Registers {@code schema} under {@code subject} ({@code POST /subjects/{s}/versions}) and
     * returns its global id; registering a schema the subject already has returns the existing id.
     *
     * @throws RegistryException with code 409 when the subject's compatibility level refuses it
     */
    public int register(String subject, Schema schema) {
        return registeredIds.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            JsonNode response = call("POST", "/subjects/" + encode(subject) + "/versions", body(schema));
            int id = response.path("id").asInt();
            // The id now stands for this schema, as Confluent's client remembers too: a reader in
            // the same process (processing reading what its ingester wrote) need not fetch it. Kept
            // in the form the registry holds and would answer, as if fetched.
            schemasById.computeIfAbsent(id, registered -> CanonicalSchema.parse(CanonicalSchema.of(schema)));
            return id;
        });
    }

    /**
     * The version of {@code subject} that has {@code schema} ({@code POST /subjects/{s}}), without registering it.
     *
     * @throws RegistryException with code 40401 (no such subject) or 40403 (schema not registered under it)
     */
    public RegisteredSchema lookup(String subject, Schema schema) {
        return lookedUp.computeIfAbsent(new SubjectSchema(subject, schema),
            key -> registered(call("POST", "/subjects/" + encode(subject), body(schema))));
    }

    /**
     * The schema with global id {@code id} ({@code GET /schemas/ids/{id}}).
     *
     * @throws RegistryException with code 40403 when no schema has that id
     */
    public Schema schemaById(int id) {
        return schemasById.computeIfAbsent(id,
            key -> CanonicalSchema.parse(call("GET", "/schemas/ids/" + id, null).path("schema").asText()));
    }

    /** The latest version of {@code subject} ({@code GET /subjects/{s}/versions/latest}); never cached. */
    public RegisteredSchema latest(String subject) {
        return registered(call("GET", "/subjects/" + encode(subject) + "/versions/latest", null));
    }

    /** One version of {@code subject} ({@code GET /subjects/{s}/versions/{v}}). */
    public RegisteredSchema version(String subject, int version) {
        return registered(call("GET", "/subjects/" + encode(subject) + "/versions/" + version, null));
    }

    /** The subjects that have at least one live version ({@code GET /subjects}). */
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        call("GET", "/subjects", null).forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    /** The live version numbers of {@code subject} ({@code GET /subjects/{s}/versions}). */
    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        call("GET", "/subjects/" + encode(subject) + "/versions", null).forEach(node -> versions.add(node.asInt()));
        return versions;
    }

    /**
     * Deletes {@code subject} ({@code DELETE /subjects/{s}}): softly, keeping its ids readable,
     * or permanently once it has been soft-deleted. Returns the versions deleted.
     */
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        List<Integer> versions = new ArrayList<>();
        call("DELETE", "/subjects/" + encode(subject) + (permanent ? "?permanent=true" : ""), null)
            .forEach(node -> versions.add(node.asInt()));
        registeredIds.clear();
        lookedUp.clear();
        return versions;
    }

    /**
     * Whether {@code schema} may be registered after the latest version of {@code subject} under
     * the subject's compatibility level ({@code POST /compatibility/subjects/{s}/versions/latest}).
     */
    public boolean isCompatibleWithLatest(String subject, Schema schema) {
        return call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", body(schema))
            .path("is_compatible").asBoolean();
    }

    /** The registry-wide compatibility level ({@code GET /config}). */
    public CompatibilityLevel compatibility() {
        return CompatibilityLevel.parse(call("GET", "/config", null).path("compatibilityLevel").asText());
    }

    /** The level that applies to {@code subject}: its own, else the registry-wide one ({@code GET /config/{s}}). */
    public CompatibilityLevel compatibility(String subject) {
        return CompatibilityLevel.parse(call("GET", "/config/" + encode(subject) + "?defaultToGlobal=true", null)
            .path("compatibilityLevel").asText());
    }

    /** Sets the registry-wide compatibility level ({@code PUT /config}). */
    public void setCompatibility(CompatibilityLevel level) {
        call("PUT", "/config", Map.of("compatibility", level.name()));
    }

    /** Sets {@code subject}'s own compatibility level ({@code PUT /config/{s}}). */
    public void setCompatibility(String subject, CompatibilityLevel level) {
        call("PUT", "/config/" + encode(subject), Map.of("compatibility", level.name()));
    }

    private RegisteredSchema registered(JsonNode response) {
        int id = response.path("id").asInt();
        Schema schema = schemasById.computeIfAbsent(id, key -> CanonicalSchema.parse(response.path("schema").asText()));
        return new RegisteredSchema(response.path("subject").asText(), response.path("version").asInt(), id, schema);
    }

    private static Map<String, Object> body(Schema schema) {
        // No schemaType: AVRO is the default, and registries older than Confluent 5.5 reject the field.
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schema", CanonicalSchema.of(schema));
        return body;
    }

    private JsonNode call(String method, String pathAndQuery, Object body) {
        byte[] payload;
        try {
            payload = body == null ? null : JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        List<URI> urls = config.urls();
        for (int attempt = 0; ; attempt++) {
            // Each retry goes to the next URL, so one dead registry node costs one attempt.
            URI base = urls.get(attempt % urls.size());
            RegistryException failure;
            try {
                HttpResponse<InputStream> response =
                    http.send(request(base, method, pathAndQuery, payload), HttpResponse.BodyHandlers.ofInputStream());
                byte[] bytes = readBounded(response.body());
                if (response.statusCode() / 100 == 2) {
                    return bytes.length == 0 ? MissingNode.getInstance() : JSON.readTree(bytes);
                }
                failure = error(response.statusCode(), bytes, method, base + pathAndQuery);
                if (!failure.isUnavailable()) {
                    throw failure;
                }
            } catch (ConnectException | HttpConnectTimeoutException e) {
                failure = new RegistryException(RegistryException.NO_RESPONSE, RegistryException.NO_RESPONSE,
                    "Cannot connect to the schema registry at " + base + " (" + e + ")", e);
            } catch (IOException e) {
                // A timeout or a broken response after the request went out: not retried, the
                // request may have taken effect and the caller decides.
                throw new RegistryException(RegistryException.NO_RESPONSE, RegistryException.NO_RESPONSE,
                    method + " " + base + pathAndQuery + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException(RegistryException.NO_RESPONSE, RegistryException.NO_RESPONSE,
                    "Interrupted during " + method + " " + base + pathAndQuery, e);
            }
            if (attempt >= config.maxRetries()) {
                throw failure;
            }
            pause(attempt, failure);
        }
    }

    private HttpRequest request(URI base, String method, String pathAndQuery, byte[] payload) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .timeout(config.requestTimeout())
            .header("Accept", ACCEPT)
            .method(method, payload == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(payload));
        if (payload != null) {
            builder.header("Content-Type", CONTENT_TYPE);
        }
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder.build();
    }

    private static RegistryException error(int status, byte[] body, String method, String url) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.has("error_code")) {
                return new RegistryException(status, json.path("error_code").asInt(status),
                    json.path("message").asText(""));
            }
        } catch (IOException notJson) {
            // A proxy or a non-registry server answered: report its text.
        }
        String text = new String(body, 0, Math.min(body.length, 500), StandardCharsets.UTF_8).strip();
        return new RegistryException(status, status, method + " " + url + " answered HTTP " + status
            + (text.isEmpty() ? "" : ": " + text));
    }

    private static byte[] readBounded(InputStream body) throws IOException {
        try (InputStream in = body) {
            byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (bytes.length > MAX_RESPONSE_BYTES) {
                throw new IOException("response larger than " + MAX_RESPONSE_BYTES + " bytes");
            }
            return bytes;
        }
    }

    private void pause(int attempt, RegistryException failure) {
        long wait = Math.min(config.maxRetryBackoff().toMillis(),
            config.retryBackoff().toMillis() << Math.min(attempt, 20));
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
