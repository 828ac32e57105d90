package io.claimstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.claimstream.runtime.EmbeddedKafkaBroker;
import io.claimstream.runtime.ProjectTopics;
import io.claimstream.topology.ClaimsSettings;
import io.claimstream.topology.ClaimsTopics;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code topics describe} and {@code topics create} on a cluster: missing, created, and configured against claimstream. */
class TopicsCommandIT {

    @TempDir
    Path dataDir;

    @Test
    void describeReportsMissingAndWrongTopicsAndCreateMakesThemOrRefuses() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
            String servers = broker.bootstrapServers();
            List<String> topics = ProjectTopics.names(ClaimsSettings.defaults());

            CommandLineTest.Result before = CommandLineTest.run(Map.of(), "topics", "describe", "--bootstrap-servers", servers);
            CommandLineTest.Result created = CommandLineTest.run(Map.of(), "topics", "create", "--bootstrap-servers", servers,
                "-p", "claimstream.topic.partitions=2");

            assertThat(before.exitCode()).isEqualTo(1);
            assertThat(before.out().lines().skip(1)).hasSize(topics.size()).allMatch(line -> line.contains(" missing "));
            assertThat(created.exitCode()).as(created.err()).isZero();
            assertThat(created.out().lines().skip(1)).hasSize(topics.size()).allSatisfy(line -> assertThat(line).containsPattern(
                "^\\S+\\s+ok\\s+2\\s+1\\s"));
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
