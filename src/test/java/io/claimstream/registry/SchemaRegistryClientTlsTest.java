package io.claimstream.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client over TLS, against a loopback HTTPS server with a certificate made for the test. */
class SchemaRegistryClientTlsTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;
    static Path keyStore;
    static StubRegistryServer stub;

    @BeforeAll
    static void startHttpsServer() throws Exception {
        keyStore = dir.resolve("registry.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair", "-alias", "registry", "-keyalg", "EC", "-groupname", "secp256r1",
            "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2",
            "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
            .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        stub = new StubRegistryServer(server);
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @Test
    void talksToAnHttpsRegistryThatTheConfiguredTrustStoreVouchesFor() {
        stub.reply(200, "{\"compatibilityLevel\":\"BACKWARD\"}");
        SchemaRegistryClient client = new SchemaRegistryClient(RegistryClientConfig.from(Map.of(
            RegistryClientConfig.SCHEMA_REGISTRY_URL, stub.url(),
            RegistryClientConfig.SSL_TRUSTSTORE_LOCATION, keyStore.toString(),
            RegistryClientConfig.SSL_TRUSTSTORE_PASSWORD, PASSWORD,
            RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
            RegistryClientConfig.BASIC_AUTH_USER_INFO, "app:secret")));

        assertThat(client.compatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(stub.seen()).last().extracting(StubRegistryServer.Seen::authorization).asString().startsWith("Basic ");
    }

    @Test
    void refusesAnHttpsRegistryItDoesNotTrust() {
        SchemaRegistryClient client = new SchemaRegistryClient(RegistryClientConfig.from(Map.of(
            RegistryClientConfig.SCHEMA_REGISTRY_URL, stub.url(), RegistryClientConfig.MAX_RETRIES, 0)));

        assertThatThrownBy(client::compatibility)
            .isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.httpStatus()).isEqualTo(RegistryException.NO_RESPONSE))
            .hasMessageContaining("SSL");
    }
}
