package io.claimstream.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.claimstream.config.Configuration;
import io.claimstream.ingest.IngestTopics;
import io.claimstream.kafka.TopicProvisioner;
import io.claimstream.kafka.TopicProvisioner.TopicStatus;
import io.claimstream.kafka.TopicSpec;
import io.claimstream.runtime.InternalTopics;
import io.claimstream.runtime.KafkaClients;
import io.claimstream.runtime.ProjectTopics;
import io.claimstream.topology.ClaimsSettings;

import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code claimstream topics create|describe}: the project's topics and their configuration. */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description = {"Creates or describes claimstream's topics and their configuration.", "",
        "The topics: news.feeds, news.feed-state, news.articles, claims.by-subject, "
        + "news.claims and news.dlq, with the partitions, replication and configs of claimstream.topic.* and "
        + "claimstream.subject.topic.* settings; the schema registry's store _schemas (one partition, compacted); "
        + "then Kafka Streams' internal topics of the processing application "
        + "(its repartition topic and the changelogs of its stores), named for its application.id and configured as "
        + "Kafka Streams creates them, with as many partitions as news.articles."},
    subcommands = {TopicsCommand.Create.class, TopicsCommand.Describe.class, CommandLine.HelpCommand.class})
public final class TopicsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
        description = "Creates the missing topics, checks the existing ones against what claimstream needs (a compacted "
            + "claims.by-subject, say) and waits until every partition answers; then describes them. Run it before the "
            + "applications when they may not create topics.",
        footer = "%nExit codes: 0 the topics are ready; 2 an existing topic is configured against what claimstream needs; "
            + "3 Kafka unavailable; see claimstream --help.")
    static final class Create implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Mixin
        TimeoutOption timeout;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            print(spec.commandLine().getOut(), statuses(options, timeout.duration(), true));
            return ExitCodes.OK;
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Lists each topic with its partitions, replicas and configs, and whether it exists and is "
            + "configured as claimstream needs.",
        footer = "%nExit codes: 0 every topic exists as needed; 1 a topic is missing or configured against what claimstream "
            + "needs; 3 Kafka unavailable; see claimstream --help.")
    static final class Describe implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Mixin
        TimeoutOption timeout;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<TopicStatus> statuses = statuses(options, timeout.duration(), false);
            print(spec.commandLine().getOut(), statuses);
            boolean asNeeded = statuses.stream().allMatch(s -> s.exists() && s.mismatches().isEmpty());
            return asNeeded ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    /**
     * The project's topics, then Kafka Streams' internal topics of the processing application, as
     * they are on the cluster, after creating the missing ones when {@code create}. The internal
     * topics have as many partitions as news.articles has.
     */
    private static List<TopicStatus> statuses(ConfigOptions options, Duration timeout, boolean create) {
        Configuration config = options.loadClient(b -> { });
        Map<String, Object> values = config.values();
        ClaimsSettings settings = config.parsed().claims();
        List<TopicSpec> specs = ProjectTopics.ahead(settings, config.claimstream());
        Admin admin = Admin.create(KafkaClients.common(values));
        try {
            TopicProvisioner provisioner = new TopicProvisioner(admin, timeout);
            if (create) {
                provisioner.provision(specs);
            }
            List<TopicStatus> statuses = new ArrayList<>(provisioner.describe(specs));
            int partitions = statuses.stream()
                .filter(s -> s.exists() && s.spec().name().equals(IngestTopics.ARTICLES))
                .mapToInt(TopicStatus::partitions).findFirst().orElse(settings.topicPartitions());
            List<TopicSpec> internal = InternalTopics.of(values, settings, partitions);
            if (create) {
                provisioner.provision(internal);
            }
            statuses.addAll(provisioner.describe(internal));
            return statuses;
        } finally {
            KafkaClients.close(admin);
        }
    }

    static void print(PrintWriter out, List<TopicStatus> statuses) {
        int width = statuses.stream().mapToInt(s -> s.spec().name().length()).max().orElse(0);
        String format = "%-" + Math.max(width, 5) + "s %-8s %10s %8s  %s%n";
        out.printf(format, "TOPIC", "STATE", "PARTITIONS", "REPLICAS", "CONFIG");
        for (TopicStatus s : statuses) {
            if (!s.exists()) {
                out.printf(format, s.spec().name(), "missing", "-", "-", "");
                continue;
            }
            out.printf(format, s.spec().name(), s.mismatches().isEmpty() ? "ok" : "WRONG", s.partitions(), s.replicationFactor(),
                configs(s.configs()));
            s.mismatches().forEach(m -> out.println("  " + m));
        }
        out.flush();
    }

    private static String configs(Map<String, String> configs) {
        return configs.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
