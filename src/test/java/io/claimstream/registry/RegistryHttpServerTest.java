package io.claimstream.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.claimstream.avro.Article;

import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry's REST API over real loopback HTTP, on an in-memory log (the Kafka-backed store has its own IT). */
class RegistryHttpServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema V1 = TestSchemas.sample("");
    private static final Schema V2 = TestSchemas.sample(",{\"name\":\"n\",\"type\":[\"null\",\"long\"],\"default\":null}");
    private static final Schema V2_REQUIRED = TestSchemas.sample(",{\"name\":\"n\",\"type\":\"long\"}");

    private final HttpClient http = HttpClient.newHttpClient();
    private InMemorySchemaLog store;
    private EmbeddedSchemaRegistry registry;
    private SchemaRegistryClient client;

    @BeforeEach
    void start() {
        store = new InMemorySchemaLog();
        registry = EmbeddedSchemaRegistry.start(store, 0, CompatibilityLevel.BACKWARD);
        client = SchemaRegistryClient.of(registry.url());
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void idsAreGlobalAndVersionsPerSubject() {
        int id = client.register("a-value", V1);
        assertThat(client.register("a-value", V1)).as("same schema again").isEqualTo(id);
        assertThat(client.register("b-value", V1)).as("same schema, other subject").isEqualTo(id);
        int id2 = client.register("a-value", V2);

        assertThat(id2).isNotEqualTo(id);
        assertThat(client.versions("a-value")).containsExactly(1, 2);
        assertThat(client.versions("b-value")).containsExactly(1);
        assertThat(client.subjects()).containsExactly("a-value", "b-value");
        assertThat(client.latest("a-value")).isEqualTo(new RegisteredSchema("a-value", 2, id2, V2));
        assertThat(client.version("a-value", 1).id()).isEqualTo(id);
        assertThat(client.lookup("b-value", V1)).isEqualTo(new RegisteredSchema("b-value", 1, id, V1));
        assertThat(get("/schemas/ids/" + id + "/versions").body())
            .isEqualTo("[{\"subject\":\"a-value\",\"version\":1},{\"subject\":\"b-value\",\"version\":1}]");
    }

    @Test
    void anIncompatibleSchemaIsRefusedWith409AndTheReason() {
        client.register("a-value", V1);

        assertThat(client.isCompatibleWithLatest("a-value", V2_REQUIRED)).isFalse();
        assertThat(client.isCompatibleWithLatest("a-value", V2)).isTrue();
        assertThatThrownBy(() -> client.register("a-value", V2_REQUIRED))
            .isInstanceOfSatisfying(RegistryException.class, e -> {
                assertThat(e.httpStatus()).isEqualTo(409);
                assertThat(e.errorCode()).isEqualTo(409);
            })
            .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(client.versions("a-value")).containsExactly(1);
    }

    @Test
    void compatibilityLevelsAreSetGloballyAndPerSubject() {
        assertThat(client.compatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(status(get("/config/a-value"))).isEqualTo("404 40408");

        client.setCompatibility("a-value", CompatibilityLevel.NONE);
        client.register("a-value", V1);
        client.register("a-value", V2_REQUIRED);
        assertThat(client.compatibility("a-value")).isEqualTo(CompatibilityLevel.NONE);
        assertThat(client.compatibility("b-value")).isEqualTo(CompatibilityLevel.BACKWARD);

        client.setCompatibility(CompatibilityLevel.FORWARD);
        assertThat(client.compatibility("b-value")).isEqualTo(CompatibilityLevel.FORWARD);
        assertThat(status(put("/config", "{\"compatibility\":\"SIDEWAYS\"}"))).isEqualTo("422 42203");
    }

    @Test
    void theAvroJavaStringPropertyDoesNotMakeADifferentSchema() throws Exception {
        // Registered as Node or Confluent's CLI would: the .avsc text, no avro.java.string.
        String avsc = java.nio.file.Files.readString(java.nio.file.Path.of("schemas/Article.avsc"));
        HttpResponse<String> registered = post("/subjects/news.articles-value/versions",
            JSON.writeValueAsString(java.util.Map.of("schemaType", "AVRO", "schema", avsc)));
        int id = JSON.readTree(registered.body()).path("id").asInt();

        assertThat(client.lookup("news.articles-value", Article.getClassSchema()).id()).isEqualTo(id);
        assertThat(client.register("news.articles-value", Article.getClassSchema())).isEqualTo(id);
        assertThat(client.versions("news.articles-value")).containsExactly(1);
    }

    @Test
    void errorsCarryConfluentsCodes() {
        int id = client.register("a-value", V1);
        assertThat(status(get("/subjects/nope/versions"))).isEqualTo("404 40401");
        assertThat(status(get("/subjects/a-value/versions/7"))).isEqualTo("404 40402");
        assertThat(status(get("/subjects/a-value/versions/zero"))).isEqualTo("422 42202");
        assertThat(status(get("/schemas/ids/" + (id + 100)))).isEqualTo("404 40403");
        assertThat(status(post("/subjects/a-value", "{\"schema\":\"\\\"int\\\"\"}"))).isEqualTo("404 40403");
        assertThat(status(post("/subjects/nope", "{\"schema\":\"\\\"int\\\"\"}"))).isEqualTo("404 40401");
        assertThat(status(post("/subjects/a-value/versions", "{\"schema\":\"{\\\"type\\\":\\\"recor\\\"}\"}")))
            .isEqualTo("422 42201");
        assertThat(status(post("/subjects/a-value/versions", "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax\"}")))
            .isEqualTo("422 42201");
        assertThat(status(post("/subjects/a-value/versions", "{\"schema\":"))).isEqualTo("400 400");
        assertThat(status(put("/subjects/a-value/versions", "{}"))).isEqualTo("405 405");
        assertThat(status(get("/no/such/thing"))).isEqualTo("404 404");
    }

    @Test
    void associationsAreNotFoundSoNodeClientsFallBackToTopicNames() {
        HttpResponse<String> response =
            get("/associations/resources/-/news.claims?resourceType=topic&associationType=value");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/vnd.schemaregistry.v1+json");
    }

    @Test
    void deletingASubjectIsSoftFirstThenPermanent() {
        int id = client.register("a-value", V1);
        client.register("a-value", V2);

        assertThat(status(delete("/subjects/a-value?permanent=true"))).isEqualTo("404 40405");
        assertThat(client.deleteSubject("a-value", false)).containsExactly(1, 2);
        assertThat(client.subjects()).isEmpty();
        assertThat(client.schemaById(id)).as("soft-deleted ids stay readable").isEqualTo(V1);
        assertThat(get("/subjects?deleted=true").body()).isEqualTo("[\"a-value\"]");
        assertThat(status(delete("/subjects/a-value"))).isEqualTo("404 40404");

        assertThat(client.deleteSubject("a-value", true)).containsExactly(1, 2);
        assertThat(status(get("/schemas/ids/" + id))).isEqualTo("404 40403");
        assertThat(client.register("a-value", V2_REQUIRED)).as("ids are never reused").isGreaterThan(id + 1);
        assertThat(client.versions("a-value")).containsExactly(1);
    }

    @Test
    void aRestartOnTheSameLogKeepsIdsVersionsAndConfig() {
        int id1 = client.register("a-value", V1);
        int id2 = client.register("a-value", V2);
        client.setCompatibility("a-value", CompatibilityLevel.FULL);
        registry.close();

        registry = EmbeddedSchemaRegistry.start(store, 0, CompatibilityLevel.BACKWARD);
        SchemaRegistryClient restarted = SchemaRegistryClient.of(registry.url());

        assertThat(restarted.schemaById(id1)).isEqualTo(V1);
        assertThat(restarted.latest("a-value")).isEqualTo(new RegisteredSchema("a-value", 2, id2, V2));
        assertThat(restarted.compatibility("a-value")).isEqualTo(CompatibilityLevel.FULL);
        assertThat(restarted.register("b-value", TestSchemas.sample(",{\"name\":\"m\",\"type\":\"int\"}")))
            .isEqualTo(id2 + 1);
    }

    @Test
    void halfSentRequestsDoNotSilenceTheRegistry() throws Exception {
        int port = URI.create(registry.url()).getPort();
        try (HalfSentRequests slow = HalfSentRequests.open(port, "/subjects", 8)) {
            assertThat(slow.size()).isEqualTo(8);
            long start = System.nanoTime();

            assertThat(get("/subjects").statusCode()).isEqualTo(200);
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(2));
        }
    }

    @Test
    void tooLargeSchemasAndBodiesAre422And413WithAnErrorBodyNever500() throws Exception {
        // A valid schema, but 300,000 characters: more than one record of the schema topic holds.
        String doc = "x".repeat(300_000);
        String bigSchema = "{\"type\":\"record\",\"name\":\"Big\",\"doc\":\"" + doc + "\",\"fields\":[]}";
        String bigRegistration = JSON.writeValueAsString(java.util.Map.of("schema", bigSchema));
        // 7 MB, as the report had it: larger than any request the registry reads.
        String hugeRegistration = JSON.writeValueAsString(java.util.Map.of("schema",
            "{\"type\":\"record\",\"name\":\"Huge\",\"doc\":\"" + "y".repeat(7 * 1024 * 1024) + "\",\"fields\":[]}"));

        HttpResponse<String> big = post("/subjects/big-value/versions", bigRegistration);
        HttpResponse<String> huge = post("/subjects/huge-value/versions", hugeRegistration);

        assertThat(status(big)).isEqualTo("422 42201");
        assertThat(JSON.readTree(big.body()).get("message").asText()).contains("300051 characters");
        assertThat(status(huge)).isEqualTo("413 413");
        assertThat(get("/subjects").body()).isEqualTo("[]");
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(registry.url() + path)).GET());
    }

    private HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(registry.url() + path))
            .header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> put(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(registry.url() + path)).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(registry.url() + path)).DELETE());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** "status error_code" of an error response. */
    private static String status(HttpResponse<String> response) {
        try {
            JsonNode body = JSON.readTree(response.body());
            return response.statusCode() + " " + body.path("error_code").asInt();
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }
}
