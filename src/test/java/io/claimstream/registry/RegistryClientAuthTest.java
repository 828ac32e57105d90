package io.claimstream.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import io.claimstream.config.Configuration;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

/**
 * Confluent's other ways of authenticating to the registry, checked by the header a real
 * loopback server receives: SASL_INHERIT sends the Kafka clients' SASL user and password as
 * basic auth, STATIC_TOKEN sends a bearer token; Confluent's sources that need more are refused
 * by name.
 */
class RegistryClientAuthTest {

    private static final String PASSWORD = "p4ss word; with \"quotes\"";
    private static final String PLAIN = "org.apache.kafka.common.security.plain.PlainLoginModule required "
        + "username=\"alice\" password=\"p4ss word; with \\\"quotes\\\"\";";

    @Test
    void saslInheritSendsTheUserAndPasswordOfThePlainLogin() throws Exception {
        assertThat(authorizationSent(Map.of(
            RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "SASL_INHERIT",
            "sasl.mechanism", "PLAIN",
            "sasl.jaas.config", PLAIN))).isEqualTo(basic("alice:" + PASSWORD));
    }

    @Test
    void saslInheritTakesAScramLoginAndAKafkaPasswordValue() throws Exception {
        assertThat(authorizationSent(Map.of(
            RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "sasl_inherit",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", new Password("org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username='bob' password='scram-secret';")))).isEqualTo(basic("bob:scram-secret"));
    }

    @Test
    void staticTokenIsSentAsABearerToken() throws Exception {
        assertThat(authorizationSent(Map.of(
            RegistryClientConfig.BEARER_AUTH_CREDENTIALS_SOURCE, "STATIC_TOKEN",
            RegistryClientConfig.BEARER_AUTH_TOKEN, "eyJhbGciOi.token.sig"))).isEqualTo("Bearer eyJhbGciOi.token.sig");
    }

    @Test
    void saslInheritWithoutAUserAndPasswordSaysWhatItNeeds() {
        assertRefused(Map.of(RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "SASL_INHERIT"),
            "sasl.jaas.config, which is not set");
        assertRefused(Map.of(RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "SASL_INHERIT",
                "sasl.jaas.config", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;"),
            "needs the username and password options of a PLAIN or SCRAM login module; "
                + "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule has no username");
        assertRefused(Map.of(RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "SASL_INHERIT", "sasl.mechanism", "GSSAPI",
                "sasl.jaas.config", "com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true;"),
            "needs a mechanism that logs in with a user name and password (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512)");
        assertRefused(Map.of(RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "SASL_INHERIT",
                "sasl.jaas.config", "PlainLoginModule required username=\"alice\" password=\"" + "secret-in-broken-jaas"),
            "cannot be read for basic.auth.credentials.source=SASL_INHERIT");
    }

    @Test
    void unsupportedSourcesAreRefusedByNameWithWhatIsSupported() {
        assertRefused(Map.of(RegistryClientConfig.BEARER_AUTH_CREDENTIALS_SOURCE, "OAUTHBEARER"),
            "Confluent's OAUTHBEARER (fetching and renewing tokens from an OAuth server) is not supported by claimstream's "
                + "registry client; supported: STATIC_TOKEN");
        assertRefused(Map.of(RegistryClientConfig.BEARER_AUTH_CREDENTIALS_SOURCE, "SASL_OAUTHBEARER_INHERIT"),
            "SASL_OAUTHBEARER_INHERIT (reusing the Kafka clients' OAuth login) is not supported");
        assertRefused(Map.of(RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "TOKEN"),
            "must be one of URL, USER_INFO, SASL_INHERIT");
        assertRefused(Map.of(RegistryClientConfig.BEARER_AUTH_CREDENTIALS_SOURCE, "STATIC_TOKEN"),
            "bearer.auth.token: needed when bearer.auth.credentials.source is STATIC_TOKEN");
        assertRefused(Map.of(RegistryClientConfig.BEARER_AUTH_CREDENTIALS_SOURCE, "STATIC_TOKEN",
                RegistryClientConfig.BEARER_AUTH_TOKEN, "t", RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                RegistryClientConfig.BASIC_AUTH_USER_INFO, "alice:secret-user-info"),
            "set either bearer auth or basic auth (basic.auth.credentials.source=USER_INFO), not both");
    }

    @Test
    void aCommandsConfigurationNamesTheSettingItsOriginAndWhatIsAllowed() {
        Configuration config = Configuration.of(Map.of(RegistryClientConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:9",
            RegistryClientConfig.BEARER_AUTH_CREDENTIALS_SOURCE, "oauthbearer"), "app.properties");
        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class)
            .hasMessage("bearer.auth.credentials.source=oauthbearer (from app.properties) is invalid: Confluent's OAUTHBEARER "
                + "(fetching and renewing tokens from an OAuth server) is not supported by claimstream's registry client; "
                + "supported: STATIC_TOKEN; allowed: a string, one of STATIC_TOKEN");
        assertThat(Configuration.of(Map.of(RegistryClientConfig.BEARER_AUTH_CREDENTIALS_SOURCE, "STATIC_TOKEN",
            RegistryClientConfig.BEARER_AUTH_TOKEN, "t"), "app.properties").unknownKeys()).isEmpty();
    }

    private static void assertRefused(Map<String, Object> auth, String reason) {
        Map<String, Object> props = new HashMap<>(auth);
        props.put(RegistryClientConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:9");
        assertThatThrownBy(() -> RegistryClientConfig.from(props)).isInstanceOf(ConfigException.class)
            .hasMessageContaining(reason)
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    }

    /** The Authorization header a real server receives from a client configured with {@code auth}. */
    private static String authorizationSent(Map<String, Object> auth) throws Exception {
        try (StubRegistryServer server = new StubRegistryServer().reply(200, "[]")) {
            Map<String, Object> props = new HashMap<>(auth);
            props.put(RegistryClientConfig.SCHEMA_REGISTRY_URL, server.url());
            assertThat(new SchemaRegistryClient(RegistryClientConfig.from(props)).subjects()).isEmpty();
            assertThat(server.seen()).hasSize(1);
            return server.seen().get(0).authorization();
        }
    }

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }
}
