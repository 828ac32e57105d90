package io.claimstream.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * How to reach a schema registry.
 *
 * @param urls one or more base URLs; a request that cannot connect, or gets a 5xx, is retried on the next
 * @param basicAuthUserInfo {@code user:password} for HTTP basic auth, or null for none
 * @param bearerToken a token sent as {@code Authorization: Bearer}, or null for none; never with basic auth
 * @param sslContext TLS settings for https URLs, or null for the JDK's defaults
 * @param connectTimeout time allowed to open a connection
 * @param requestTimeout time allowed for a whole response
 * @param maxRetries retries after a connect error or a 5xx answer, with exponential backoff
 * @param retryBackoff wait before the first retry; doubled for each further one
 * @param maxRetryBackoff longest wait between two retries
 * @param cacheCapacity entries kept in each of the client's caches
 */
public record RegistryClientConfig(
    List<URI> urls,
    String basicAuthUserInfo,
    String bearerToken,
    SSLContext sslContext,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxRetries,
    Duration retryBackoff,
    Duration maxRetryBackoff,
    int cacheCapacity) {

    // Confluent's names, so that a properties file works with either implementation.
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String BEARER_AUTH_CREDENTIALS_SOURCE = "bearer.auth.credentials.source";
    public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
    /** The Kafka client's own SASL login, which {@code basic.auth.credentials.source=SASL_INHERIT} reuses. */
    static final String SASL_JAAS_CONFIG = "sasl.jaas.config";
    static final String SASL_MECHANISM = "sasl.mechanism";
    public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String SSL_KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
    public static final String SSL_KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
    public static final String SSL_KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
    public static final String SSL_KEY_PASSWORD = "schema.registry.ssl.key.password";
    // Confluent's client settings (http.connect.timeout.ms, max.retries, ...) under the
    // schema.registry. prefix that its serdes pass on to the client.
    public static final String CONNECT_TIMEOUT_MS = "schema.registry.http.connect.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.http.read.timeout.ms";
    public static final String MAX_RETRIES = "schema.registry.max.retries";
    public static final String RETRIES_WAIT_MS = "schema.registry.retries.wait.ms";
    public static final String RETRIES_MAX_WAIT_MS = "schema.registry.retries.max.wait.ms";

    private static final int DEFAULT_CACHE_CAPACITY = 1000;

    private static final ConfigDef DEFINITION = new ConfigDef()
        .define(SCHEMA_REGISTRY_URL, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
            "Comma-separated base URLs of the schema registry.")
        .define(BASIC_AUTH_CREDENTIALS_SOURCE, Type.STRING, "URL",
            new Sources(BASIC_AUTH_CREDENTIALS_SOURCE, List.of("URL", "USER_INFO", "SASL_INHERIT"), Map.of()), Importance.MEDIUM,
            "Where basic auth credentials come from: URL (user:password@ in the URL), USER_INFO (" + BASIC_AUTH_USER_INFO
                + ") or SASL_INHERIT (the username and password of the Kafka clients' sasl.jaas.config, PLAIN or SCRAM).")
        .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM,
            "user:password, when basic.auth.credentials.source is USER_INFO.")
        .define(BEARER_AUTH_CREDENTIALS_SOURCE, Type.STRING, null,
            new Sources(BEARER_AUTH_CREDENTIALS_SOURCE, List.of("STATIC_TOKEN"), Map.of(
                "OAUTHBEARER", "fetching and renewing tokens from an OAuth server",
                "SASL_OAUTHBEARER_INHERIT", "reusing the Kafka clients' OAuth login",
                "CUSTOM", "a credential provider class")), Importance.MEDIUM,
            "Where a bearer token comes from: STATIC_TOKEN (" + BEARER_AUTH_TOKEN + ", sent as Authorization: Bearer). "
                + "Unset: no bearer auth.")
        .define(BEARER_AUTH_TOKEN, Type.PASSWORD, null, Importance.MEDIUM,
            "The token, when bearer.auth.credentials.source is STATIC_TOKEN.")
        .define(SSL_TRUSTSTORE_LOCATION, Type.STRING, null, Importance.MEDIUM, "Trust store for https URLs.")
        .define(SSL_TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM, "Trust store password.")
        .define(SSL_TRUSTSTORE_TYPE, Type.STRING, "PKCS12", Importance.LOW, "Trust store type (PKCS12 or JKS).")
        .define(SSL_KEYSTORE_LOCATION, Type.STRING, null, Importance.MEDIUM, "Key store for TLS client authentication.")
        .define(SSL_KEYSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM, "Key store password.")
        .define(SSL_KEYSTORE_TYPE, Type.STRING, "PKCS12", Importance.LOW, "Key store type (PKCS12 or JKS).")
        .define(SSL_KEY_PASSWORD, Type.PASSWORD, null, Importance.LOW, "Key password; the key store password when unset.")
        .define(CONNECT_TIMEOUT_MS, Type.LONG, 10_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
            "Time allowed to connect to the registry.")
        .define(REQUEST_TIMEOUT_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
            "Time allowed for a registry response.")
        .define(MAX_RETRIES, Type.INT, 3, ConfigDef.Range.atLeast(0), Importance.LOW,
            "Retries after a connect error or a 5xx answer.")
        .define(RETRIES_WAIT_MS, Type.LONG, 200L, ConfigDef.Range.atLeast(0), Importance.LOW,
            "Wait before the first retry; doubled for each further one.")
        .define(RETRIES_MAX_WAIT_MS, Type.LONG, 5_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
            "Longest wait between two retries.");

    public RegistryClientConfig {
        if (urls.isEmpty()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, urls, "at least one URL is needed");
        }
        urls = List.copyOf(urls);
    }

    /** The keys read here, with their types, defaults and documentation. */
    public static ConfigDef definition() {
        return new ConfigDef(DEFINITION);
    }

    /** A registry at {@code url} with default timeouts, retries and no authentication. */
    public static RegistryClientConfig of(String url) {
        return from(Map.of(SCHEMA_REGISTRY_URL, url));
    }

    /** The same settings with HTTP basic auth as {@code user:password}. */
    public RegistryClientConfig withBasicAuth(String userInfo) {
        return new RegistryClientConfig(urls, userInfo, null, sslContext, connectTimeout, requestTimeout,
            maxRetries, retryBackoff, maxRetryBackoff, cacheCapacity);
    }

    /** The same settings with another retry policy. */
    public RegistryClientConfig withRetries(int retries, Duration backoff, Duration maxBackoff) {
        return new RegistryClientConfig(urls, basicAuthUserInfo, bearerToken, sslContext, connectTimeout, requestTimeout,
            retries, backoff, maxBackoff, cacheCapacity);
    }

    /** The same settings with these TLS settings for https URLs. */
    public RegistryClientConfig withSslContext(SSLContext context) {
        return new RegistryClientConfig(urls, basicAuthUserInfo, bearerToken, context, connectTimeout, requestTimeout,
            maxRetries, retryBackoff, maxRetryBackoff, cacheCapacity);
    }

    /**
     * Reads the client settings from serde or application properties, with Confluent's names.
     *
     * @throws ConfigException when a setting is missing or invalid
     */
    public static RegistryClientConfig from(Map<String, ?> props) {
        Map<String, Object> values = DEFINITION.parse(props);
        List<URI> urls = new ArrayList<>();
        String userInfoInUrl = null;
        for (String url : stringList(values.get(SCHEMA_REGISTRY_URL))) {
            URI uri = uri(url.trim());
            if (uri.getRawUserInfo() != null) {
                userInfoInUrl = uri.getUserInfo();
                uri = withoutUserInfo(uri);
            }
            urls.add(uri);
        }
        String source = ((String) values.get(BASIC_AUTH_CREDENTIALS_SOURCE)).toUpperCase(Locale.ROOT);
        String userInfo = switch (source) {
            case "USER_INFO" -> {
                String given = password(values.get(BASIC_AUTH_USER_INFO));
                if (given == null) {
                    throw new ConfigException(BASIC_AUTH_USER_INFO, null,
                        "needed when " + BASIC_AUTH_CREDENTIALS_SOURCE + " is USER_INFO");
                }
                yield given;
            }
            case "SASL_INHERIT" -> SaslCredentials.userInfo(props.get(SASL_JAAS_CONFIG), props.get(SASL_MECHANISM));
            default -> userInfoInUrl;
        };
        String bearerToken = bearerToken(values);
        if (bearerToken != null && userInfo != null) {
            throw new ConfigException(BEARER_AUTH_CREDENTIALS_SOURCE, values.get(BEARER_AUTH_CREDENTIALS_SOURCE),
                "a request carries one Authorization header: set either bearer auth or basic auth ("
                    + (source.equals("URL") ? "user:password@ in " + SCHEMA_REGISTRY_URL : BASIC_AUTH_CREDENTIALS_SOURCE + "=" + source)
                    + "), not both");
        }
        return new RegistryClientConfig(urls, userInfo, bearerToken, sslContext(values),
            Duration.ofMillis((Long) values.get(CONNECT_TIMEOUT_MS)),
            Duration.ofMillis((Long) values.get(REQUEST_TIMEOUT_MS)),
            (Integer) values.get(MAX_RETRIES),
            Duration.ofMillis((Long) values.get(RETRIES_WAIT_MS)),
            Duration.ofMillis((Long) values.get(RETRIES_MAX_WAIT_MS)),
            DEFAULT_CACHE_CAPACITY);
    }

    private static String bearerToken(Map<String, Object> values) {
        Object source = values.get(BEARER_AUTH_CREDENTIALS_SOURCE);
        if (source == null) {
            return null;
        }
        String token = password(values.get(BEARER_AUTH_TOKEN));
        if (token == null || token.isBlank()) {
            throw new ConfigException(BEARER_AUTH_TOKEN, null, "needed when " + BEARER_AUTH_CREDENTIALS_SOURCE + " is STATIC_TOKEN");
        }
        return token.strip();
    }

    /** The value of the {@code Authorization} header every request carries, or null for none. */
    public String authorization() {
        if (bearerToken != null) {
            return "Bearer " + bearerToken;
        }
        return basicAuthUserInfo == null ? null
            : "Basic " + Base64.getEncoder().encodeToString(basicAuthUserInfo.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The credential sources this client takes, case-insensitively, and those of Confluent's that
     * it does not, each refused with what it would have needed rather than as an unknown word.
     */
    private record Sources(String key, List<String> supported, Map<String, String> unsupported) implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || supported.contains(value.toString().toUpperCase(Locale.ROOT))) {
                return;
            }
            String upper = value.toString().toUpperCase(Locale.ROOT);
            String why = unsupported.get(upper);
            throw new ConfigException(name, value, why != null
                ? "Confluent's " + upper + " (" + why + ") is not supported by claimstream's registry client; supported: "
                    + String.join(", ", supported)
                : "must be one of " + String.join(", ", supported));
        }

        @Override
        public String toString() {
            return "one of " + String.join(", ", supported);
        }
    }

    private static SSLContext sslContext(Map<String, Object> values) {
        String trustStore = (String) values.get(SSL_TRUSTSTORE_LOCATION);
        String keyStore = (String) values.get(SSL_KEYSTORE_LOCATION);
        if (trustStore == null && keyStore == null) {
            return null;
        }
        try {
            TrustManagerFactory trust = null;
            if (trustStore != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(trustStore, (String) values.get(SSL_TRUSTSTORE_TYPE),
                    password(values.get(SSL_TRUSTSTORE_PASSWORD))));
            }
            KeyManagerFactory keys = null;
            if (keyStore != null) {
                String storePassword = password(values.get(SSL_KEYSTORE_PASSWORD));
                String keyPassword = password(values.get(SSL_KEY_PASSWORD));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(keyStore, (String) values.get(SSL_KEYSTORE_TYPE), storePassword),
                    chars(keyPassword != null ? keyPassword : storePassword));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(),
                trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException("cannot set up TLS for the schema registry client: " + e.getMessage());
        }
    }

    private static KeyStore load(String location, String type, String password)
        throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, chars(password));
        }
        return store;
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }

    private static String password(Object value) {
        return value == null ? null : ((Password) value).value();
    }

    private static List<String> stringList(Object value) {
        List<String> strings = new ArrayList<>();
        for (Object item : (List<?>) value) {
            strings.add(String.valueOf(item));
        }
        return strings;
    }

    private static URI uri(String url) {
        try {
            URI uri = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                throw new ConfigException(SCHEMA_REGISTRY_URL, url, "must be an http or https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, url, e.getMessage());
        }
    }

    private static URI withoutUserInfo(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
        } catch (URISyntaxException e) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, uri.toString(), e.getMessage());
        }
    }

    @Override
    public String toString() {
        // Never print the credentials.
        return "RegistryClientConfig[urls=" + urls + ", basicAuth=" + (basicAuthUserInfo != null)
            + ", bearerAuth=" + (bearerToken != null)
            + ", tls=" + (sslContext != null) + ", connectTimeout=" + connectTimeout + ", requestTimeout="
            + requestTimeout + ", maxRetries=" + maxRetries + "]";
    }
}
