package io.claimstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.claimstream.config.ClaimstreamSettings;
import io.claimstream.kafka.TopicProvisioner;
import io.claimstream.kafka.TopicSpec;
import io.claimstream.registry.EmbeddedSchemaRegistry;
import io.claimstream.registry.RegistryClientConfig;
import io.claimstream.registry.SchemaStoreTopic;
import io.claimstream.runtime.EmbeddedKafkaBroker;
import io.claimstream.runtime.InternalTopics;
import io.claimstream.runtime.ProcessingApplication;
import io.claimstream.runtime.ProjectTopics;
import io.claimstream.topology.ClaimsSettings;
import io.claimstream.topology.ClaimsTopics;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code topics describe} and {@code topics create} on a cluster: missing, created, and configured against claimstream. */
class TopicsCommandIT {

    /** Kafka Streams' internal topics of the processing application, as the README lists them. */
    static final List<String> INTERNAL = List.of(
        "claimstream-processor-claim-mentions-repartition",
        "claimstream-processor-subject-heads-changelog",
        "claimstream-processor-subject-claim-entries-changelog",
        "claimstream-processor-counted-mentions-changelog",
        "claimstream-processor-pending-subjects-changelog",
        "claimstream-processor-claim-expiry-changelog",
        "claimstream-processor-subject-claims-changelog",
        "claimstream-processor-subject-expiry-changelog",
        "claimstream-processor-subject-key-scheme-changelog",
        "claimstream-processor-article-ids-changelog",
        "claimstream-processor-article-texts-changelog");

    @TempDir
    Path dataDir;

    /**
     * On a cluster where the application may not create topics, {@code topics create} is what
     * makes them: every one it needs, Kafka Streams' internal topics included. Here processing
     * then runs on them and creates none.
     */
    @Test
    void createMakesEveryTopicProcessingNeedsItsInternalTopicsIncluded() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            CommandLineTest.Result created = CommandLineTest.run(Map.of(), "topics", "create",
                "--bootstrap-servers", broker.bootstrapServers(), "-p", "claimstream.topic.partitions=3");
            CommandLineTest.Result other = CommandLineTest.run(Map.of(), "topics", "describe",
                "--bootstrap-servers", broker.bootstrapServers(), "-p", "application.id=other-app");

            assertThat(created.exitCode()).as(created.err()).isZero();
            Set<String> before = topics(admin);
            assertThat(before).containsAll(ProjectTopics.names(ClaimsSettings.defaults())).containsAll(INTERNAL);
            assertThat(created.out()).containsPattern("claimstream-processor-claim-mentions-repartition\\s+ok\\s+3\\s")
                .containsPattern("claimstream-processor-subject-claims-changelog\\s+ok\\s+3\\s.*cleanup\\.policy=compact")
                .containsPattern("claims\\.by-subject\\s+ok.*compression\\.type=gzip");
            assertThat(other.exitCode()).as("another application id's internal topics are missing").isEqualTo(1);
            assertThat(other.out()).containsPattern("other-app-subject-claims-changelog\\s+missing");

            Map<String, Object> props = new HashMap<>();
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            props.put(RegistryClientConfig.SCHEMA_REGISTRY_URL, registry.url());
            props.put(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("state").toString());
            props.put(ClaimsSettings.TOPIC_PARTITIONS, 3);
            try (ProcessingApplication app = ProcessingApplication.create(props).start()) {
                assertThat(app.awaitRunning(Duration.ofSeconds(60))).as("processing runs on the topics made ahead").isTrue();
            }
            assertThat(topics(admin)).as("processing created no topic of its own").isEqualTo(before);
        }
    }

    /**
     * The topics each feature declares are what {@code topics create} makes, no more and no fewer,
     * each with the partitions and configs its spec declares; provisioning them again creates and
     * changes nothing, so every process may provision at start.
     */
    @Test
    void createMakesExactlyTheDeclaredTopicsAndProvisioningAgainChangesNothing() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Map<String, Object> props = Map.of(ClaimsSettings.TOPIC_PARTITIONS, "2",
                ClaimstreamSettings.PUBLIC_TOPICS_COMPRESSION_TYPE, "zstd");
            List<TopicSpec> declared = new ArrayList<>(ProjectTopics.ahead(ClaimsSettings.from(props), ClaimstreamSettings.from(props)));
            declared.addAll(InternalTopics.of(props, 2));

            CommandLineTest.Result created = CommandLineTest.run(Map.of(), "topics", "create", "--bootstrap-servers",
                broker.bootstrapServers(), "-p", "claimstream.topic.partitions=2",
                "-p", "claimstream.public.topics.compression.type=zstd");

            assertThat(created.exitCode()).as(created.err()).isZero();
            assertThat(topics(admin)).isEqualTo(declared.stream().map(TopicSpec::name).collect(Collectors.toCollection(TreeSet::new)));
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics(admin)).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(declared.stream()
                .map(spec -> new ConfigResource(ConfigResource.Type.TOPIC, spec.name())).toList()).all().get(30, TimeUnit.SECONDS);
            for (TopicSpec spec : declared) {
                assertThat(descriptions.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
                spec.configs().forEach((name, value) -> assertThat(config.get(name).value()).as(spec.name() + " " + name)
                    .isEqualTo(value));
            }
            assertThat(descriptions.get("news.articles").partitions()).hasSize(2);
            assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, "claims.by-subject"))
                .get(TopicConfig.COMPRESSION_TYPE_CONFIG).value()).isEqualTo("zstd");
            assertThat(descriptions.get(SchemaStoreTopic.DEFAULT_NAME).partitions()).hasSize(1);
            Map<String, Uuid> ids = new TreeMap<>();
            descriptions.forEach((name, d) -> ids.put(name, d.topicId()));

            CommandLineTest.Result again = CommandLineTest.run(Map.of(), "topics", "create", "--bootstrap-servers",
                broker.bootstrapServers(), "-p", "claimstream.topic.partitions=2",
                "-p", "claimstream.public.topics.compression.type=zstd");

            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(new TopicProvisioner(admin, Duration.ofSeconds(30)).provision(declared)).as("topics created the second time")
                .isEmpty();
            Map<String, Uuid> idsAfter = new TreeMap<>();
            admin.describeTopics(topics(admin)).allTopicNames().get(30, TimeUnit.SECONDS)
                .forEach((name, d) -> idsAfter.put(name, d.topicId()));
            assertThat(idsAfter).as("the same topics, none deleted and made again").isEqualTo(ids);
        }
    }

    private static Set<String> topics(Admin admin) throws Exception {
        return admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
            .filter(t -> !t.startsWith("__")).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void describeReportsMissingAndWrongTopicsAndCreateMakesThemOrRefuses() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
            String servers = broker.bootstrapServers();
            List<String> topics = new ArrayList<>(ProjectTopics.names(ClaimsSettings.defaults()));
            topics.add(SchemaStoreTopic.DEFAULT_NAME);
            topics.addAll(INTERNAL);

            CommandLineTest.Result before = CommandLineTest.run(Map.of(), "topics", "describe", "--bootstrap-servers", servers);
            CommandLineTest.Result created = CommandLineTest.run(Map.of(), "topics", "create", "--bootstrap-servers", servers,
                "-p", "claimstream.topic.partitions=2");

            assertThat(before.exitCode()).isEqualTo(1);
            assertThat(before.out().lines().skip(1)).hasSize(topics.size()).allMatch(line -> line.contains(" missing "));
            assertThat(created.exitCode()).as(created.err()).isZero();
            assertThat(created.out().lines().skip(1)).hasSize(topics.size()).allSatisfy(line -> assertThat(line).containsPattern(
                line.startsWith(SchemaStoreTopic.DEFAULT_NAME + " ") ? "^\\S+\\s+ok\\s+1\\s+1\\s" : "^\\S+\\s+ok\\s+2\\s+1\\s"));
            assertThat(created.out()).containsPattern("claims\\.by-subject .*cleanup\\.policy=compact")
                .containsPattern("news\\.feeds .*cleanup\\.policy=compact");

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
                ConfigResource subjects = new ConfigResource(ConfigResource.Type.TOPIC, ClaimsTopics.SUBJECT_CLAIMS);
                admin.incrementalAlterConfigs(Map.of(subjects, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE), AlterConfigOp.OpType.SET))))
                    .all().get();
            }
            CommandLineTest.Result wrong = CommandLineTest.run(Map.of(), "topics", "describe", "--bootstrap-servers", servers);
            CommandLineTest.Result refused = CommandLineTest.run(Map.of(), "topics", "create", "--bootstrap-servers", servers);

            assertThat(wrong.exitCode()).isEqualTo(1);
            assertThat(wrong.out()).containsPattern("claims\\.by-subject\\s+WRONG")
                .contains("  topic claims.by-subject has cleanup.policy=delete but claimstream needs cleanup.policy=compact");
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.err().lines()).singleElement().asString()
                .startsWith("claimstream topics create: topic claims.by-subject has cleanup.policy=delete but claimstream needs");
        }
    }
}
