package io.claimstream.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The registry's HTTP API on hostile requests, sent over a raw socket so that nothing a client
 * library would refuse is left out: malformed JSON, invalid schemas, huge bodies, odd subject
 * names and methods. Every answer is Confluent-style: a 2xx, or a 4xx whose JSON body has an
 * integer {@code error_code} and a {@code message}; never a 5xx.
 */
class RegistryApiProperties {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALID = "{\"type\":\"record\",\"name\":\"Fuzz\",\"namespace\":\"io.fuzz\",\"fields\":"
        + "[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"n\",\"type\":[\"null\",\"long\"],\"default\":null}]}";
    private static final List<String> ENDPOINTS = List.of("POST /subjects/%s/versions", "POST /subjects/%s",
        "GET /subjects/%s/versions", "GET /subjects/%s/versions/latest", "GET /subjects/%s/versions/%s", "DELETE /subjects/%s",
        "DELETE /subjects/%s?permanent=true", "PUT /config/%s", "GET /config/%s", "GET /config/%s?defaultToGlobal=true",
        "POST /compatibility/subjects/%s/versions/latest", "POST /compatibility/subjects/%s/versions?verbose=true",
        "GET /schemas/ids/%s", "GET /schemas/ids/%s/versions", "PATCH /subjects/%s/versions", "GET /%s");

    private static EmbeddedSchemaRegistry registry;
    private static int port;

    @BeforeContainer
    static void start() {
        registry = EmbeddedSchemaRegistry.start(new InMemorySchemaLog(), 0, CompatibilityLevel.BACKWARD);
        port = URI.create(registry.url()).getPort();
    }

    @AfterContainer
    static void stop() {
        registry.close();
    }

    @Property
    void malformedJsonIsA4xxWithAnErrorCode(@ForAll("endpoints") String endpoint, @ForAll("malformedJson") String body)
        throws Exception {
        assertConfluentAnswer(send(endpoint, "fuzz-value", body.getBytes(UTF_8)));
    }

    @Property
    void invalidSchemasAreA4xxWithAnErrorCode(@ForAll("endpoints") String endpoint, @ForAll("schemas") String schema,
                                              @ForAll("schemaTypes") String schemaType) throws Exception {
        Map<String, Object> registration = schemaType == null ? Map.of("schema", schema)
            : Map.of("schema", schema, "schemaType", schemaType);
        assertConfluentAnswer(send(endpoint, "fuzz-value", JSON.writeValueAsBytes(registration)));
    }

    @Property
    void oddSubjectNamesAreAnsweredConfluentStyle(@ForAll("endpoints") String endpoint, @ForAll("subjects") String subject)
        throws Exception {
        assertConfluentAnswer(send(endpoint, subject, JSON.writeValueAsBytes(Map.of("schema", VALID, "compatibility", "FULL"))));
    }

    @Property(tries = 6)
    void hugeBodiesAre413WithAnErrorCode(@ForAll("hugeSizes") int size, @ForAll boolean announced) throws Exception {
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) 'x');
        byte[] prefix = "{\"schema\":\"".getBytes(UTF_8);
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        Answer answer = send("POST /subjects/%s/versions", "huge-value", body, announced);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
        assertConfluentAnswer(answer);
    }

    @Provide
    Arbitrary<String> endpoints() {
        return Arbitraries.of(ENDPOINTS);
    }

    @Provide
    Arbitrary<String> malformedJson() {
        Arbitrary<String> fragments = Arbitraries.of("{", "}", "[", "]", "\"", ":", ",", "\\", "\\u12", "null", "true", "1e999999",
            "-", "0x1F", "NaN", "\"schema\"", "\"schemaType\"", "\u0000", "\uD800", "/*", "'", "{\"schema\":", "[[[[[[[[[[", " ");
        Arbitrary<String> spliced = fragments.list().ofMaxSize(30).map(parts -> String.join("", parts));
        Arbitrary<String> deep = Arbitraries.integers().between(500, 5_000).map(n -> "[".repeat(n) + "]".repeat(n));
        Arbitrary<String> deepObject = Arbitraries.integers().between(500, 3_000)
            .map(n -> "{\"a\":".repeat(n) + "1" + "}".repeat(n));
        return Arbitraries.frequencyOf(Tuple2Weights.of(6, spliced), Tuple2Weights.of(2, Arbitraries.strings().ofMaxLength(200)),
            Tuple2Weights.of(1, deep), Tuple2Weights.of(1, deepObject));
    }

    @Provide
    Arbitrary<String> schemas() {
        Arbitrary<String> mutated = Combinators.combine(Arbitraries.integers().between(0, VALID.length()),
            Arbitraries.integers().between(0, 20), Arbitraries.strings().withChars("{}[]\":,\\ abnulrecodfistyp").ofMaxLength(12))
            .as((at, cut, insert) -> VALID.substring(0, at) + insert + VALID.substring(Math.min(VALID.length(), at + cut)));
        Arbitrary<String> odd = Arbitraries.of("", " ", "null", "\"string\"", "\"nosuchtype\"", "[]", "[\"null\",\"null\"]", "{}",
            "{\"type\":\"record\"}", "{\"type\":\"record\",\"name\":\"1bad\",\"fields\":[]}",
            "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"A\"]}", "{\"type\":\"fixed\",\"name\":\"F\",\"size\":-1}",
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"f\",\"type\":\"R\"}]}",
            "{\"type\":\"array\",\"items\":" .repeat(800) + "\"int\"" + "}".repeat(800),
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"f\",\"type\":\"int\",\"default\":\"x\"}]}");
        return Arbitraries.oneOf(mutated, odd, Arbitraries.strings().ofMaxLength(100));
    }

    @Provide
    Arbitrary<String> schemaTypes() {
        return Arbitraries.of("AVRO", "avro", "PROTOBUF", "JSON", "", "../../etc").injectNull(0.5);
    }

    @Provide
    Arbitrary<String> subjects() {
        // Percent-encoded as a client would, plus raw path characters that a URI allows.
        Arbitrary<String> encoded = Arbitraries.strings().ofMaxLength(60)
            .map(s -> java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
        Arbitrary<String> raw = Arbitraries.strings().withChars("abc-_.~!$&'()*+,;=:@/%0123456789ABCDEFxyz").ofMaxLength(40);
        Arbitrary<String> special = Arbitraries.of("", ".", "..", "%2e%2e", "%00", "%C0%80", "%FF%FE", "%25", "a%2Fb", "latest",
            "-1", "99999999999999999999", "%F0%9F%98%80", "x".repeat(5_000));
        return Arbitraries.oneOf(encoded, raw, special);
    }

    @Provide
    Arbitrary<Integer> hugeSizes() {
        return Arbitraries.of(RegistryHttpServer.MAX_REQUEST_BYTES + 1, 3 * 1024 * 1024, 7 * 1024 * 1024);
    }

    /** A status and body as they came over the wire. */
    record Answer(String request, int status, String body) {
    }

    private static void assertConfluentAnswer(Answer answer) throws Exception {
        assertThat(answer.status()).as(answer.toString()).isBetween(200, 499);
        if (answer.status() >= 400) {
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.path("error_code").isInt()).as(answer.toString()).isTrue();
            assertThat(body.path("message").isTextual()).as(answer.toString()).isTrue();
        }
    }

    private static Answer send(String endpoint, String subject, byte[] body) throws IOException {
        return send(endpoint, subject, body, true);
    }

    private static Answer send(String endpoint, String subject, byte[] body, boolean announceLength) throws IOException {
        String[] parts = endpoint.split(" ", 2);
        String target = parts[1].replace("%s", subject);
        try {
            // "//a" reads as an authority with an empty path, which no context of the JDK server
            // matches: it answers 404 itself, before the API sees the request.
            String path = new URI(target).getRawPath();
            Assume.that(path != null && path.startsWith("/"));
        } catch (URISyntaxException e) {
            // Not a request target an HTTP client can send; the JDK server refuses it before the API sees it.
            Assume.that(false);
        }
        boolean hasBody = !parts[0].equals("GET") && !parts[0].equals("DELETE");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(parts[0]).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n")
                .append("Content-Type: application/vnd.schemaregistry.v1+json\r\n");
            if (hasBody) {
                head.append(announceLength ? "Content-Length: " + body.length + "\r\n" : "Transfer-Encoding: chunked\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (hasBody) {
                try {
                    if (announceLength) {
                        out.write(body);
                    } else {
                        out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.write(body);
                        out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.flush();
                } catch (IOException e) {
                    // The server may answer and close before taking a huge body; read what it said.
                }
            }
            return read(endpoint.replace("%s", subject.length() > 80 ? subject.substring(0, 80) + "..." : subject), socket.getInputStream());
        }
    }

    private static Answer read(String request, InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            in.transferTo(all);
        } catch (IOException e) {
            // A reset after the answer: keep what arrived.
        }
        String response = all.toString(StandardCharsets.UTF_8);
        int lineEnd = response.indexOf("\r\n");
        assertThat(lineEnd).as("a response to %s: %s", request, response).isPositive();
        String[] statusLine = response.substring(0, lineEnd).split(" ");
        int bodyStart = response.indexOf("\r\n\r\n");
        return new Answer(request, Integer.parseInt(statusLine[1]), bodyStart < 0 ? "" : response.substring(bodyStart + 4));
    }

    /** Weights for {@link Arbitraries#frequencyOf}. */
    private static final class Tuple2Weights {
        static net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends String>> of(int weight, Arbitrary<? extends String> arbitrary) {
            return net.jqwik.api.Tuple.of(weight, arbitrary);
        }
    }
}
