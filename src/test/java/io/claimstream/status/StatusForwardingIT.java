package io.claimstream.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.claimstream.avro.SubjectClaims;
import io.claimstream.registry.EmbeddedSchemaRegistry;
import io.claimstream.runtime.EmbeddedKafkaBroker;
import io.claimstream.runtime.KafkaTestClients;
import io.claimstream.runtime.ProcessingApplication;
import io.claimstream.topology.ClaimsSettings;
import io.claimstream.topology.ClaimsTopology;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the processing application (one application id, two partitions, their own
 * state directories and status servers): each answers for the whole application, asking the
 * other for the subjects it holds.
 */
class StatusForwardingIT {

    private static final String APPLICATION_ID = "claimstream-status-forwarding-it";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private static EmbeddedKafkaBroker broker;
    private static EmbeddedSchemaRegistry registry;
    private static Instance a;
    private static Instance b;
    private static Map<String, SubjectClaims> topic;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One instance: the application and its status server, at the address its application.server names. */
    private static final class Instance implements AutoCloseable {
        final ProcessingApplication app;
        final HostInfo self;
        StatusServer server;

        Instance(String name) {
            StatusServer.Binding binding = StatusServer.bind(StatusServer.Options.loopback(0));
            this.self = binding.hostInfo();
            Map<String, Object> props = StatusTestData.properties(broker, registry, APPLICATION_ID, dataDir.resolve(name));
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
            props.put(ClaimsSettings.TOPIC_PARTITIONS, 2);
            this.app = ProcessingApplication.create(props).start();
            this.server = binding.serve(app.streams(), self, null, null);
        }

        String url() {
            return server.url();
        }

        String name() {
            return self.host() + ":" + self.port();
        }

        HostInfo owner(String key) {
            return app.streams().queryMetadataForKey(ClaimsTopology.SUBJECT_STORE, key, new StringSerializer()).activeHost();
        }

        @Override
        public void close() {
            server.close();
            app.close();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.start(dataDir.resolve("broker"), 0);
        registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0);
        a = new Instance("a");
        b = new Instance("b");
        awaitBothAssigned(Duration.ofSeconds(60));
        StatusTestData.publish(broker, StatusTestData.properties(broker, registry, APPLICATION_ID, dataDir.resolve("a")),
            StatusTestData.articles());
        try (Admin admin = Admin.create(broker.adminConfig())) {
            KafkaTestClients.awaitProcessed(admin, APPLICATION_ID, Duration.ofSeconds(60));
        }
        topic = StatusTestData.subjectTopic(broker, registry);
    }

    /** Until both run and each knows both as holders of the subject store: then the partitions are split. */
    private static void awaitBothAssigned(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<HostInfo> both = Set.of(a.self, b.self);
        while (System.nanoTime() < deadline) {
            if (holders(a).equals(both) && holders(b).equals(both)
                && a.app.state() == KafkaStreams.State.RUNNING && b.app.state() == KafkaStreams.State.RUNNING) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the two instances did not split the partitions within " + timeout + ": " + holders(a)
            + " " + a.app.state() + ", " + holders(b) + " " + b.app.state());
    }

    private static Set<HostInfo> holders(Instance instance) {
        Set<HostInfo> hosts = new HashSet<>();
        for (StreamsMetadata m : instance.app.streams().streamsMetadataForStore(ClaimsTopology.SUBJECT_STORE)) {
            if (m.stateStoreNames().contains(ClaimsTopology.SUBJECT_STORE)) {
                hosts.add(m.hostInfo());
            }
        }
        return hosts;
    }

    @AfterAll
    static void stop() throws Exception {
        StatusTestData.closeAll(b, a, registry, broker);
    }

    @Test
    void aSubjectTheOtherInstanceHoldsIsItsAnswerPassedOn() throws Exception {
        List<String> onB = keysOwnedBy(b);
        assertThat(onB).as("premise: instance b holds some of %s", topic.keySet()).isNotEmpty();
        Set<String> localToA = keys(json(get(a.url() + "api/subjects?scope=local&limit=100"), 200));

        for (String key : onB) {
            HttpResponse<String> viaA = get(a.url() + "api/subjects/" + PeerClient.encode(key));
            HttpResponse<String> fromB = get(b.url() + "api/subjects/" + PeerClient.encode(key));
            assertThat(viaA.statusCode()).as("%s through a: %s", key, viaA.body()).isEqualTo(200);
            assertThat(viaA.headers().firstValue(StatusServer.INSTANCE_HEADER)).as(key).hasValue(b.name());
            assertThat(viaA.body()).as(key).isEqualTo(fromB.body());
            assertThat(JSON.readTree(viaA.body())).isEqualTo(JSON.readTree(JSON.writeValueAsString(RecordJson.of(topic.get(key)))));
            assertThat(localToA).as("a's own store").doesNotContain(key);
        }
        for (String key : keysOwnedBy(a)) {
            HttpResponse<String> local = get(a.url() + "api/subjects/" + PeerClient.encode(key));
            assertThat(local.statusCode()).isEqualTo(200);
            assertThat(local.headers().firstValue(StatusServer.INSTANCE_HEADER)).as(key).hasValue(a.name());
        }
    }

    @Test
    void anUnknownSubjectOfTheOtherInstancesPartitionIsItsNotFound() throws Exception {
        String unknown = null;
        for (int i = 0; unknown == null; i++) {
            if (a.owner("atlantis/unicorn-" + i + "/counted").equals(b.self)) {
                unknown = "atlantis/unicorn-" + i + "/counted";
            }
        }
        HttpResponse<String> viaA = get(a.url() + "api/subjects/" + PeerClient.encode(unknown));
        assertThat(json(viaA, 404).get("message").asText()).isEqualTo("no subject " + unknown);
        assertThat(viaA.headers().firstValue(StatusServer.INSTANCE_HEADER)).hasValue(b.name());
    }

    @Test
    void eitherInstanceListsTheSubjectsOfBoth() throws Exception {
        Set<String> localToA = keys(json(get(a.url() + "api/subjects?scope=local&limit=100"), 200));
        Set<String> localToB = keys(json(get(b.url() + "api/subjects?scope=local&limit=100"), 200));
        assertThat(localToA).as("a's own").isNotEmpty().doesNotContainAnyElementsOf(localToB);
        assertThat(localToB).as("b's own").isNotEmpty();

        for (Instance instance : List.of(a, b)) {
            JsonNode page = json(get(instance.url() + "api/subjects?limit=100"), 200);
            assertThat(page.get("subjects")).extracting(s -> s.get("subject_key").asText())
                .as("list of %s", instance.name()).containsExactlyElementsOf(topic.keySet());
            assertThat(page.get("unreachable")).isEmpty();
        }

        // One subject per page: each page's end is where both instances' scans continue.
        List<String> paged = new ArrayList<>();
        String after = "";
        while (after != null && paged.size() <= topic.size()) {
            JsonNode page = json(get(a.url() + "api/subjects?limit=1&after=" + PeerClient.encode(after)), 200);
            page.get("subjects").forEach(s -> paged.add(s.get("subject_key").asText()));
            after = page.get("next").isNull() ? null : page.get("next").asText();
        }
        assertThat(paged).containsExactlyElementsOf(topic.keySet());
    }

    @Test
    void theLatestChangesAndTheMostReportedArePagedAcrossBothInstancesInOneOrder() throws Exception {
        Comparator<SubjectClaims> latest = Comparator.comparing(SubjectClaims::getUpdated).reversed();
        Comparator<SubjectClaims> mentioned = Comparator.comparingLong(
            (SubjectClaims s) -> s.getClaims().stream().mapToLong(c -> c.getMentions()).sum()).reversed();
        Map<String, Comparator<SubjectClaims>> orders = Map.of(
            "recent", latest.thenComparing(mentioned).thenComparing(SubjectClaims::getSubjectKey),
            "reported", mentioned.thenComparing(latest).thenComparing(SubjectClaims::getSubjectKey));
        for (Map.Entry<String, Comparator<SubjectClaims>> order : orders.entrySet()) {
            List<String> expected = topic.values().stream().sorted(order.getValue()).map(SubjectClaims::getSubjectKey).toList();
            for (Instance instance : List.of(a, b)) {
                // One subject per page: each page's end is where both instances' rankings continue.
                List<String> paged = new ArrayList<>();
                String after = "";
                while (after != null && paged.size() <= topic.size()) {
                    JsonNode page = json(get(instance.url() + "api/subjects?limit=1&order=" + order.getKey() + "&after="
                        + PeerClient.encode(after)), 200);
                    assertThat(page.get("unreachable")).isEmpty();
                    page.get("subjects").forEach(s -> paged.add(s.get("subject_key").asText()));
                    after = page.get("next").isNull() ? null : page.get("next").asText();
                }
                assertThat(paged).as("%s through %s", order.getKey(), instance.name()).containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void whenTheOtherInstanceDoesNotAnswerTheListSaysSoAndItsSubjectsAskForARetry() throws Exception {
        String onB = keysOwnedBy(b).get(0);
        int port = b.self.port();
        b.server.close();
        try {
            JsonNode page = json(get(a.url() + "api/subjects?limit=100"), 200);
            assertThat(page.get("unreachable")).extracting(u -> u.get("instance").asText()).containsExactly(b.name());
            assertThat(keys(page)).isEqualTo(keys(json(get(a.url() + "api/subjects?scope=local&limit=100"), 200)));

            // Once, not retried: the 503 itself is what is checked.
            HttpResponse<String> subject = http.send(HttpRequest.newBuilder(URI.create(a.url() + "api/subjects/"
                + PeerClient.encode(onB))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(json(subject, 503).get("message").asText()).contains("instance " + b.name()).contains("does not answer");
            assertThat(subject.headers().firstValue("Retry-After")).hasValue("2");
        } finally {
            b.server = StatusServer.start(StatusServer.Options.loopback(port), b.app.streams(), b.self, null, null);
        }
    }

    private static List<String> keysOwnedBy(Instance owner) {
        return topic.keySet().stream().filter(key -> a.owner(key).equals(owner.self)).toList();
    }

    private static Set<String> keys(JsonNode page) {
        Set<String> keys = new TreeSet<>();
        page.get("subjects").forEach(s -> keys.add(s.get("subject_key").asText()));
        return keys;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return StatusTestData.get(http, url);
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        return StatusTestData.json(response, status);
    }
}
