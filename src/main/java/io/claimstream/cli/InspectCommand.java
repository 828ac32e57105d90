package io.claimstream.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import io.claimstream.config.Configuration;
import io.claimstream.inspect.RecordText;
import io.claimstream.inspect.TopicReader;
import io.claimstream.registry.GenericAvroSerde;
import io.claimstream.runtime.KafkaClients;
import io.claimstream.registry.SchemaRegistryClient;
import io.claimstream.runtime.ProjectTopics;
import io.claimstream.runtime.UnavailableException;
import io.claimstream.topology.ClaimsSettings;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code claimstream inspect TOPIC}: a topic's committed records, decoded, as a table or JSON lines. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
        "Prints a topic's committed records, decoded: a table, or JSON lines.",
        "",
        "Prints the committed records of a topic (read_committed: nothing of an aborted or open transaction), their Avro "
            + "values decoded through the schema registry, as readable text or as JSON lines.",
        "A compacted topic (claims.by-subject, news.feeds, news.feed-state) is shown as its table: the latest value of each "
            + "key, deleted keys left out; --history shows every record instead.",
        "Without bootstrap.servers it reads the embedded claimstream running on --data-dir."},
    footer = "%nExit codes: 0 read; 2 no such topic, or invalid configuration; 3 Kafka or the registry unavailable; "
        + "see claimstream --help.")
public final class InspectCommand implements Callable<Integer> {


    @Parameters(paramLabel = "TOPIC", description = "The topic: claims.by-subject, news.claims, news.articles, news.dlq, "
        + "news.feeds, news.feed-state, or any other.")
    String topic;

    @Option(names = {"--subject", "--key"}, paramLabel = "KEY",
        description = "Only the records with this key: a subject key on claims.by-subject and news.claims, an article id on "
            + "news.articles, a feed URL on news.feeds.")
    String key;

    @Option(names = {"-f", "--follow"}, description = "Go on printing records as they are committed, until interrupted.")
    boolean follow;

    @Option(names = "--json", description = "One JSON object per record and line: "
        + "{\"topic\", \"partition\", \"offset\", \"timestamp\", \"key\", \"value\", \"headers\"}.")
    boolean json;

    @Option(names = "--history", description = "Every record of a compacted topic, not only the latest value of each key.")
    boolean history;

    @Mixin
    ConfigOptions options;

    @Mixin
    TimeoutOption timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Configuration config = options.loadClient(b -> { });
        Map<String, Object> values = config.values();
        Map<String, Object> client = KafkaClients.common(values);
        boolean table = !history && compacted(client);
        GenericAvroSerde serde = KafkaClients.genericSerde(new SchemaRegistryClient(config.parsed().requireRegistry()),
            config.parsed().serdes());
        PrintWriter out = spec.commandLine().getOut();
        AtomicInteger printed = new AtomicInteger();
        Predicate<String> keys = key == null ? k -> true : k -> Objects.equals(k, key);
        try (TopicReader reader = new TopicReader(client, (t, data) -> serde.deserializer().deserialize(t, data),
            timeout.duration())) {
            Thread stop = new Thread(reader::stop, "claimstream-inspect-stop");
            if (follow) {
                Runtime.getRuntime().addShutdownHook(stop);
            }
            reader.read(topic, keys, table ? TopicReader.View.TABLE : TopicReader.View.LOG, follow, r -> {
                if (json) {
                    out.println(RecordText.json(r));
                } else {
                    out.println((printed.get() > 0 && multiLine() ? "\n" : "") + RecordText.text(r));
                }
                printed.incrementAndGet();
                out.flush();
            });
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage() + "; claimstream's topics are "
                + String.join(", ", ProjectTopics.names(config.parsed().claims())));
        }
        if (!json && !follow) {
            out.println("-- " + printed.get() + (table ? " keys (latest value of each) in " : " records in ") + topic);
            out.flush();
        }
        return ExitCodes.OK;
    }

    private boolean multiLine() {
        return topic.equals(io.claimstream.topology.ClaimsTopics.SUBJECT_CLAIMS);
    }

    private boolean compacted(Map<String, Object> client) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Duration wait = timeout.duration();
        long started = System.nanoTime();
        Admin admin = Admin.create(client);
        try {
            Config config = admin.describeConfigs(List.of(resource)).all().get(wait.toMillis(), TimeUnit.MILLISECONDS)
                .get(resource);
            ConfigEntry policy = config == null ? null : config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            return policy != null && policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                return false; // reported as a missing topic when read
            }
            throw new UnavailableException("cannot describe topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new UnavailableException(String.format(java.util.Locale.ROOT,
                "describing topic %s: Kafka did not answer in %.1f s: is Kafka reachable?", topic,
                (System.nanoTime() - started) / 1e9), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            KafkaClients.close(admin);
        }
    }
}
