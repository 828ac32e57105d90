package io.claimstream.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.claimstream.cli.ClaimstreamCommand;
import io.claimstream.config.Configuration;
import io.claimstream.topology.ClaimsSettings;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * docker/docker-compose.yml, read as Compose reads it (anchors and merge keys resolved): the
 * services, their images, ports, start order and the addresses they give each other.
 */
class DockerComposeTest {

    static final Path COMPOSE = Path.of("docker", "docker-compose.yml");

    private static Map<String, Object> services;

    @BeforeAll
    static void read() throws IOException {
        try (Reader in = Files.newBufferedReader(COMPOSE, StandardCharsets.UTF_8)) {
            Map<String, Object> compose = new Yaml().load(in);
            services = map(compose.get("services"));
        }
    }

    @Test
    void kafkaTheRegistryTheTopicStepAndTheApp() {
        assertThat(services).containsOnlyKeys("kafka", "schema-registry", "topics", "app");
    }

    @Test
    void imagesArePinnedAndKafkaIsTheVersionTheProjectIsBuiltAndTestedWith() throws IOException {
        assertThat(image("kafka")).isEqualTo("apache/kafka:" + pomProperty("kafka.version"));
        assertThat(image("schema-registry")).matches("confluentinc/cp-schema-registry:\\d+\\.\\d+\\.\\d+");
        for (String claimstream : List.of("topics", "app")) {
            Map<String, Object> build = map(service(claimstream).get("build"));
            assertThat(build).as("build of %s", claimstream).containsEntry("context", "..").containsEntry("dockerfile", "docker/Dockerfile");
            assertThat(COMPOSE.getParent().resolve("..").resolve("docker/Dockerfile")).isRegularFile();
            assertThat(image(claimstream)).isEqualTo("claimstream:local");
        }
    }

    @Test
    void kafkaRunsInKraftModeWithAListenerForTheContainersAndOneForTheHost() {
        Map<String, String> env = environment("kafka");
        assertThat(env.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(env).doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT").containsKey("CLUSTER_ID");
        Map<String, String> listeners = listeners(env.get("KAFKA_LISTENERS"));
        Map<String, String> advertised = listeners(env.get("KAFKA_ADVERTISED_LISTENERS"));
        assertThat(listeners(env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).keySet())
            .containsExactlyInAnyOrderElementsOf(listeners.keySet());

        String controller = env.get("KAFKA_CONTROLLER_LISTENER_NAMES");
        assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"))
            .isEqualTo(env.get("KAFKA_NODE_ID") + "@kafka" + listeners.get(controller));
        assertThat(advertised).doesNotContainKey(controller);

        String internal = env.get("KAFKA_INTER_BROKER_LISTENER_NAME");
        assertThat(advertised.get(internal)).isEqualTo("kafka" + listeners.get(internal));
        String host = advertised.keySet().stream().filter(name -> !name.equals(internal)).findFirst().orElseThrow();
        String hostPort = listeners.get(host).substring(1);
        assertThat(advertised.get(host)).isEqualTo("localhost:" + hostPort);
        assertThat(ports("kafka")).containsExactly("127.0.0.1:" + hostPort + ":" + hostPort);

        // A single broker: internal topics, transactions (exactly_once_v2) included, have one replica.
        assertThat(env).containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
            .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
            .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
        assertThat(map(service("kafka").get("healthcheck"))).containsKey("test");
    }

    @Test
    void theRegistryKeepsItsSchemasInThatKafka() {
        Map<String, String> env = environment("schema-registry");
        assertThat(env.get("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS")).isEqualTo("PLAINTEXT://" + internalKafka());
        assertThat(env.get("SCHEMA_REGISTRY_LISTENERS")).isEqualTo("http://0.0.0.0:8081");
        assertThat(ports("schema-registry")).containsExactly("127.0.0.1:8081:8081");
        assertThat(dependsOn("schema-registry")).containsExactly(Map.entry("kafka", "service_healthy"));
    }

    @Test
    void theTopicsAreCreatedOnceKafkaAnswersAndTheAppStartsAfterThem() {
        assertThat(service("topics").get("command")).isEqualTo(List.of("topics", "create"));
        assertThat(service("topics").get("restart")).isEqualTo("no");
        assertThat(dependsOn("topics")).containsExactly(Map.entry("kafka", "service_healthy"));

        assertThat(service("app").get("command")).as("subjects land with no feed configured")
            .isEqualTo(List.of("run", "--sample-feeds"));
        assertThat(dependsOn("app")).containsOnly(Map.entry("topics", "service_completed_successfully"),
            Map.entry("schema-registry", "service_healthy"));
    }

    @Test
    void theAppReachesKafkaAndTheRegistryInsideComposeAndServesItsPageToTheHost() {
        for (String claimstream : List.of("topics", "app")) {
            Map<String, String> env = environment(claimstream);
            assertThat(env).as(claimstream)
                .containsEntry("CLAIMSTREAM_BOOTSTRAP_SERVERS", internalKafka())
                .containsEntry("CLAIMSTREAM_SCHEMA_REGISTRY_URL", "http://schema-registry:8081");
            // Variables follow the configuration's rule: CLAIMSTREAM_, then the key upper-cased, dots as underscores.
            assertThat(env.keySet()).allMatch(name -> name.matches("CLAIMSTREAM_[A-Z0-9_]+"));
        }
        Map<String, String> app = environment("app");
        assertThat(app).containsEntry("CLAIMSTREAM_HTTP_HOST", "0.0.0.0");
        String port = app.get("CLAIMSTREAM_HTTP_PORT");
        assertThat(ports("app")).containsExactly("127.0.0.1:" + port + ":" + port);
        assertThat(service("app").get("volumes")).asInstanceOf(InstanceOfAssertFactories.LIST).containsExactly("claimstream-state:/var/lib/claimstream");
    }

    /** None of the services asks for credentials: each port is published on the host's loopback alone. */
    @Test
    void everyPortIsPublishedOnTheHostsLoopbackOnly() {
        for (String name : services.keySet()) {
            if (service(name).containsKey("ports")) {
                assertThat(ports(name)).as(name).allMatch(p -> p.startsWith("127.0.0.1:"));
            }
        }
    }

    /**
     * The app's healthcheck asks its readiness on the port it serves, with a tool the image has:
     * Compose runs the check inside the container.
     */
    @Test
    void theAppsHealthcheckAsksItsReadinessWithAToolTheImageInstalls() throws IOException {
        Map<String, Object> healthcheck = map(service("app").get("healthcheck"));
        List<String> test = ((List<?>) healthcheck.get("test")).stream().map(String::valueOf).toList();
        assertThat(test.get(0)).isEqualTo("CMD");
        assertThat(test).contains("http://127.0.0.1:" + environment("app").get("CLAIMSTREAM_HTTP_PORT") + "/health/ready");
        assertThat(healthcheck).containsKeys("interval", "timeout", "retries", "start_period");
        String tool = test.get(1);
        // The Dockerfile's instructions, continuation lines joined as Docker reads them.
        List<String> instructions = Files.readString(Path.of("docker", "Dockerfile"), StandardCharsets.UTF_8)
            .replace("\\\n", " ").lines().toList();
        assertThat(instructions).as("the image installs %s", tool).anySatisfy(line -> assertThat(line)
            .startsWith("RUN ").contains("apt-get install").containsPattern("\\s" + Pattern.quote(tool) + "(\\s|$)"));
    }

    /**
     * The heap (a share of the container's limit) and the RocksDB stores' off-heap budget fit in
     * the limit together, with room for the JVM's own memory: else the kernel kills the process.
     */
    @Test
    void heapRocksDbAndTheJvmsOwnMemoryFitInTheAppsMemoryLimit() throws IOException {
        long limit = bytes(String.valueOf(service("app").get("mem_limit")));
        Matcher percentage = Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)")
            .matcher(Files.readString(Path.of("docker", "Dockerfile"), StandardCharsets.UTF_8));
        assertThat(percentage.find()).as("MaxRAMPercentage in the Dockerfile").isTrue();
        long heap = (long) (limit * Double.parseDouble(percentage.group(1)) / 100);
        String stateBudget = environment("app").get("CLAIMSTREAM_STATE_MEMORY_BYTES");
        long rocksDb = stateBudget == null ? ClaimsSettings.defaults().stateMemoryBytes() : Long.parseLong(stateBudget);
        assertThat(heap + rocksDb + JVM_OWN_MEMORY).as("heap %d + RocksDB %d + JVM %d bytes", heap, rocksDb, JVM_OWN_MEMORY)
            .isLessThanOrEqualTo(limit);
    }

    /**
     * Each claimstream container's command is one the CLI accepts, and each of its variables names a
     * setting with a valid value: parsed as the container would, without running anything.
     */
    @Test
    void everyCommandTheComposeFileRunsExistsInTheCliWithValidSettings() {
        for (String name : services.keySet()) {
            if (!image(name).equals("claimstream:local")) {
                continue;
            }
            List<String> command = ((List<?>) service(name).get("command")).stream().map(String::valueOf).toList();
            assertThatCode(() -> new CommandLine(new ClaimstreamCommand()).parseArgs(command.toArray(String[]::new)))
                .as("%s: claimstream %s", name, command).doesNotThrowAnyException();
            Configuration config = Configuration.builder().environment(environment(name)).build();
            assertThat(config.unknownKeys()).as("%s: settings no part of claimstream reads", name).isEmpty();
            assertThatCode(config::validate).as("%s: its settings", name).doesNotThrowAnyException();
        }
    }

    /**
     * The JVM's memory beside heap and RocksDB: metaspace, code cache, thread stacks, GC, buffers.
     * Native Memory Tracking measured 152 MiB for run --sample-feeds with -Xmx614m; twice that
     * leaves room for what grows.
     */
    private static final long JVM_OWN_MEMORY = 300L << 20;

    /** Compose's byte values: a number with an optional b, k, m or g. */
    private static long bytes(String value) {
        Matcher m = Pattern.compile("(\\d+)([bkmg]?)").matcher(value.trim().toLowerCase(java.util.Locale.ROOT));
        assertThat(m.matches()).as("byte value %s", value).isTrue();
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    /** Where the other containers reach Kafka: its advertised inter-broker listener. */
    private static String internalKafka() {
        Map<String, String> env = environment("kafka");
        return listeners(env.get("KAFKA_ADVERTISED_LISTENERS")).get(env.get("KAFKA_INTER_BROKER_LISTENER_NAME"));
    }

    /** {@code NAME://host:port,...} (or {@code NAME:PROTOCOL,...}) as name to the rest, without the "//". */
    private static Map<String, String> listeners(String list) {
        Map<String, String> byName = new LinkedHashMap<>();
        Pattern listener = Pattern.compile("([A-Z_]+):(?://)?(.*)");
        for (String item : list.split(",")) {
            Matcher m = listener.matcher(item.trim());
            assertThat(m.matches()).as("listener %s", item).isTrue();
            byName.put(m.group(1), m.group(2));
        }
        return byName;
    }

    private static Map<String, Object> service(String name) {
        return map(services.get(name));
    }

    private static String image(String name) {
        return String.valueOf(service(name).get("image"));
    }

    private static List<String> ports(String name) {
        return ((List<?>) service(name).get("ports")).stream().map(String::valueOf).toList();
    }

    private static Map<String, String> dependsOn(String name) {
        Map<String, String> conditions = new LinkedHashMap<>();
        map(service(name).get("depends_on")).forEach((dependency, how) ->
            conditions.put(dependency, String.valueOf(map(how).get("condition"))));
        return conditions;
    }

    /** A service's environment, from either of Compose's forms (a map, or a list of NAME=value). */
    private static Map<String, String> environment(String name) {
        Object env = service(name).get("environment");
        Map<String, String> values = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> m) {
            m.forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
        } else if (env instanceof List<?> l) {
            l.forEach(item -> {
                String[] pair = String.valueOf(item).split("=", 2);
                values.put(pair[0], pair.length > 1 ? pair[1] : "");
            });
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    static String pomProperty(String name) throws IOException {
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(pom);
        assertThat(m.find()).as("%s in pom.xml", name).isTrue();
        return m.group(1).trim();
    }
}
