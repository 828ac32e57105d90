package io.claimstream.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The registry's optional basic auth and its address, over real loopback HTTP: unset, it is open
 * as before; set, every request without the credentials, or with others, gets 401 and a
 * challenge, and claimstream's own client sends them when configured Confluent's way.
 */
class RegistryAuthTest {

    private static final Schema SCHEMA = TestSchemas.sample("");
    private static final BasicCredentials CREDENTIALS = new BasicCredentials("registry-user", "s3cret:with:colons");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void withCredentialsARequestWithoutThemOrWithOthersGets401AndAChallenge() throws Exception {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(new InMemorySchemaLog(), "127.0.0.1", 0,
            CompatibilityLevel.BACKWARD, CREDENTIALS)) {
            HttpResponse<String> none = get(registry.url() + "/subjects", null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic realm=\"claimstream schema registry\""));

            HttpResponse<String> wrong = get(registry.url() + "/subjects",
                new BasicCredentials("registry-user", "guess").authorizationHeader());
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.headers().firstValue("WWW-Authenticate")).isPresent();
            assertThat(get(registry.url() + "/subjects", new BasicCredentials("someone", "s3cret:with:colons")
                .authorizationHeader()).statusCode()).isEqualTo(401);

            HttpResponse<String> right = get(registry.url() + "/subjects", CREDENTIALS.authorizationHeader());
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(right.body()).isEqualTo("[]");
        }
    }

    @Test
    void claimstreamsClientSendsTheCredentialsConfiguredConfluentsWay() {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(new InMemorySchemaLog(), "127.0.0.1", 0,
            CompatibilityLevel.BACKWARD, CREDENTIALS)) {
            SchemaRegistryClient configured = new SchemaRegistryClient(RegistryClientConfig.from(Map.of(
                RegistryClientConfig.SCHEMA_REGISTRY_URL, registry.url(),
                RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                RegistryClientConfig.BASIC_AUTH_USER_INFO, CREDENTIALS.userInfo())));
            int id = configured.register("a-value", SCHEMA);
            assertThat(configured.schemaById(id)).isEqualTo(SCHEMA);

            SchemaRegistryClient inUrl = new SchemaRegistryClient(RegistryClientConfig.from(Map.of(
                RegistryClientConfig.SCHEMA_REGISTRY_URL,
                registry.url().replace("http://", "http://registry-user:s3cret%3Awith%3Acolons@"))));
            assertThat(inUrl.subjects()).containsExactly("a-value");

            SchemaRegistryClient without = SchemaRegistryClient.of(registry.url());
            assertThatThrownBy(() -> without.subjects()).isInstanceOf(RegistryException.class)
                .satisfies(e -> assertThat(((RegistryException) e).httpStatus()).isEqualTo(401));
        }
    }

    @Test
    void withoutCredentialsTheRegistryIsOpenAsBefore() throws Exception {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(new InMemorySchemaLog(), 0,
            CompatibilityLevel.BACKWARD)) {
            assertThat(get(registry.url() + "/subjects", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theRegistryBindsLoopbackUnlessGivenAnotherAddress() {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(new InMemorySchemaLog(), 0,
            CompatibilityLevel.BACKWARD)) {
            assertThat(registry.address().getAddress().isLoopbackAddress()).as("bound %s", registry.address()).isTrue();
            assertThat(registry.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(registry.url()).startsWith("http://127.0.0.1:");
        }
        assertThat(EmbeddedSchemaRegistry.Settings.of("127.0.0.1:9", 0).host()).isEqualTo("127.0.0.1");
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(new InMemorySchemaLog(), "0.0.0.0", 0,
            CompatibilityLevel.BACKWARD, CREDENTIALS)) {
            assertThat(registry.address().getAddress().isAnyLocalAddress()).as("bound %s", registry.address()).isTrue();
            assertThat(registry.url()).as("reachable from this host").startsWith("http://127.0.0.1:");
        }
    }

    private HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
