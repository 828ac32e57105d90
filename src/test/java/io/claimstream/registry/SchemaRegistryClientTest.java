package io.claimstream.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import io.claimstream.avro.Article;

import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientTest {

    private static final Schema STRING = Schema.create(Schema.Type.STRING);

    private StubRegistryServer stub;

    @BeforeEach
    void startStub() throws IOException {
        stub = new StubRegistryServer();
    }

    @AfterEach
    void stopStub() {
        stub.close();
    }

    private SchemaRegistryClient client(int retries) {
        return new SchemaRegistryClient(RegistryClientConfig.of(stub.url())
            .withRetries(retries, Duration.ofMillis(10), Duration.ofMillis(50)));
    }

    @Test
    void anErrorBodyBecomesAnExceptionCarryingItsCodeAndMessage() {
        stub.reply(404, "{\"error_code\":40401,\"message\":\"Subject 'news.claims-value' not found.\"}");

        assertThatThrownBy(() -> client(3).latest("news.claims-value"))
            .isInstanceOfSatisfying(RegistryException.class, e -> {
                assertThat(e.errorCode()).isEqualTo(40401);
                assertThat(e.httpStatus()).isEqualTo(404);
                assertThat(e.registryMessage()).isEqualTo("Subject 'news.claims-value' not found.");
                assertThat(e.isUnavailable()).isFalse();
            })
            .hasMessageContaining("40401");
        assertThat(stub.seen()).hasSize(1); // a 4xx is an answer, not an outage: no retry
    }

    @Test
    void anErrorThatIsNotRegistryJsonKeepsTheStatusAndText() {
        stub.replyText(502, "<html>Bad Gateway</html>");

        assertThatThrownBy(() -> client(0).schemaById(3))
            .isInstanceOfSatisfying(RegistryException.class, e -> {
                assertThat(e.errorCode()).isEqualTo(502);
                assertThat(e.isUnavailable()).isTrue();
            })
            .hasMessageContaining("Bad Gateway")
            .hasMessageContaining("/schemas/ids/3");
    }

    @Test
    void serverErrorsAreRetriedUntilAnAnswerComes() {
        stub.reply(503, "{\"error_code\":50003,\"message\":\"not leader\"}")
            .reply(500, "{\"error_code\":50001,\"message\":\"store error\"}")
            .reply(200, "{\"id\":5}");

        assertThat(client(3).register("t-value", STRING)).isEqualTo(5);
        assertThat(stub.seen()).hasSize(3);
    }

    @Test
    void serverErrorsFailOnceTheRetriesAreSpent() {
        stub.otherwise(500, "{\"error_code\":50001,\"message\":\"store error\"}");

        assertThatThrownBy(() -> client(2).register("t-value", STRING))
            .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(50001));
        assertThat(stub.seen()).hasSize(3);
    }

    @Test
    void aRegistryThatCannotBeReachedIsRetriedOnTheNextUrl() throws IOException {
        stub.reply(200, "{\"schema\":\"\\\"string\\\"\"}");
        String dead = "http://127.0.0.1:" + unusedPort();
        SchemaRegistryClient client = new SchemaRegistryClient(
            RegistryClientConfig.from(Map.of(RegistryClientConfig.SCHEMA_REGISTRY_URL, dead + "," + stub.url()))
                .withRetries(1, Duration.ofMillis(10), Duration.ofMillis(10)));

        assertThat(client.schemaById(1)).isEqualTo(STRING);
    }

    @Test
    void aRegistryThatCannotBeReachedFailsAsUnavailable() throws IOException {
        SchemaRegistryClient client = new SchemaRegistryClient(RegistryClientConfig.of("http://127.0.0.1:" + unusedPort())
            .withRetries(2, Duration.ofMillis(10), Duration.ofMillis(10)));

        long start = System.nanoTime();
        assertThatThrownBy(() -> client.schemaById(1))
            .isInstanceOfSatisfying(RegistryException.class, e -> {
                assertThat(e.httpStatus()).isEqualTo(RegistryException.NO_RESPONSE);
                assertThat(e.isUnavailable()).isTrue();
            })
            .hasMessageContaining("Cannot connect");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void sendsTheCanonicalSchemaWithConfluentsContentType() {
        stub.reply(200, "{\"id\":1}");

        client(0).register("news.articles-value", Article.getClassSchema());

        StubRegistryServer.Seen request = stub.seen().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo("/subjects/news.articles-value/versions");
        assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(request.body()).contains("\"schema\"").contains("Article").doesNotContain("avro.java.string");
    }

    @Test
    void subjectNamesAreEscapedInThePath() {
        stub.reply(200, "[1]");

        client(0).versions("a b/c+d");

        assertThat(stub.seen().get(0).uri()).isEqualTo("/subjects/a%20b%2Fc%2Bd/versions");
    }

    @Test
    void schemasByIdAndIdsBySchemaAreCached() {
        stub.reply(200, "{\"schema\":\"\\\"string\\\"\"}").reply(200, "{\"id\":9}");
        SchemaRegistryClient client = client(0);

        assertThat(client.schemaById(9)).isEqualTo(STRING);
        assertThat(client.schemaById(9)).isEqualTo(STRING);
        assertThat(client.register("t-value", STRING)).isEqualTo(9);
        assertThat(client.register("t-value", STRING)).isEqualTo(9);
        assertThat(stub.seen()).hasSize(2);
    }

    @Test
    void latestIsAskedForEveryTime() {
        String latest = "{\"subject\":\"t-value\",\"version\":2,\"id\":4,\"schema\":\"\\\"string\\\"\"}";
        stub.reply(200, latest).reply(200, latest);
        SchemaRegistryClient client = client(0);

        assertThat(client.latest("t-value")).isEqualTo(new RegisteredSchema("t-value", 2, 4, STRING));
        client.latest("t-value");
        assertThat(stub.seen()).hasSize(2);
    }

    @Test
    void basicAuthCredentialsComeFromUserInfo() {
        stub.reply(200, "{\"compatibilityLevel\":\"FULL\"}");
        SchemaRegistryClient client = new SchemaRegistryClient(RegistryClientConfig.from(Map.of(
            RegistryClientConfig.SCHEMA_REGISTRY_URL, stub.url(),
            RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
            RegistryClientConfig.BASIC_AUTH_USER_INFO, "reader:s3cret")));

        assertThat(client.compatibility()).isEqualTo(CompatibilityLevel.FULL);
        assertThat(stub.seen().get(0).authorization()).isEqualTo("Basic " + base64("reader:s3cret"));
    }

    @Test
    void basicAuthCredentialsComeFromTheUrlAndStayOutOfIt() {
        stub.reply(200, "{\"compatibilityLevel\":\"NONE\"}");
        String url = stub.url().replace("http://", "http://writer:pa55@");
        SchemaRegistryClient client = new SchemaRegistryClient(
            RegistryClientConfig.from(Map.of(RegistryClientConfig.SCHEMA_REGISTRY_URL, url)));

        assertThat(client.compatibility("s")).isEqualTo(CompatibilityLevel.NONE);
        assertThat(stub.seen().get(0).authorization()).isEqualTo("Basic " + base64("writer:pa55"));
        assertThat(stub.seen().get(0).uri()).isEqualTo("/config/s?defaultToGlobal=true");
        assertThat(client.config().toString()).doesNotContain("pa55");
    }

    @Test
    void noCredentialsNoAuthorizationHeader() {
        stub.reply(200, "[]");
        client(0).subjects();
        assertThat(stub.seen().get(0).authorization()).isNull();
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
