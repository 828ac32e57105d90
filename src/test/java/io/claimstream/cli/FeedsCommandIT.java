package io.claimstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimstream.avro.Article;
import io.claimstream.avro.FeedSettings;
import io.claimstream.avro.FeedState;
import io.claimstream.ingest.AvroTestSerde;
import io.claimstream.ingest.IngestSerdes;
import io.claimstream.registry.EmbeddedSchemaRegistry;
import io.claimstream.registry.SchemaRegistryClient;
import io.claimstream.runtime.EmbeddedKafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FeedsCommandIT {

    private static final IngestSerdes SERDES = new IngestSerdes(
        AvroTestSerde.of(FeedSettings.class), AvroTestSerde.of(FeedState.class), AvroTestSerde.of(Article.class).serializer());

    @TempDir
    static Path dataDir;
    static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(dataDir, 0);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void feedsAddedByHandAndFromAFileAreListedUntilRemoved() throws Exception {
        Path seed = Files.writeString(dataDir.resolve("feeds.json"), "[\n"
            + "  {\"url\": \"https://wire.example.net/rss\", \"outlet\": \"Continental Wire\", \"poll_interval\": \"5m\", \"tags\": [\"wire\"]},\n"
            + "  {\"url\": \"https://herald.example.org/atom\", \"enabled\": false}\n"
            + "]\n");

        Result added = run("add", "https://ledger.example.com/feed.xml", "--outlet", "The Daily Ledger", "--interval", "10m",
            "--tag", "business", "--tag", "en", "--partitions", "3", "--bootstrap-servers", broker.bootstrapServers());
        Result seeded = run("add", "--from", seed.toString(), "--bootstrap-servers", broker.bootstrapServers());
        Result listed = run("list", "--json", "--bootstrap-servers", broker.bootstrapServers());

        assertThat(added.exitCode).as(added.err).isZero();
        assertThat(seeded.exitCode).as(seeded.err).isZero();
        assertThat(listed.exitCode).as(listed.err).isZero();
        List<JsonNode> feeds = listed.jsonLines();
        assertThat(feeds).extracting(f -> f.get("url").asText()).containsExactly(
            "https://herald.example.org/atom", "https://ledger.example.com/feed.xml", "https://wire.example.net/rss");
        JsonNode ledger = feeds.get(1);
        assertThat(ledger.get("outlet").asText()).isEqualTo("The Daily Ledger");
        assertThat(ledger.get("poll_interval_seconds").asLong()).isEqualTo(600);
        assertThat(ledger.get("tags")).extracting(JsonNode::asText).containsExactly("business", "en");
        assertThat(ledger.get("last_fetch").isNull()).isTrue();
        assertThat(ledger.get("consecutive_errors").asInt()).isZero();
        assertThat(feeds.get(0).get("enabled").asBoolean()).isFalse();
        assertThat(feeds.get(2).get("poll_interval_seconds").asLong()).isEqualTo(300);

        Result removed = run("remove", "https://herald.example.org/atom", "--bootstrap-servers", broker.bootstrapServers());
        Result table = run("list", "--bootstrap-servers", broker.bootstrapServers());

        assertThat(removed.exitCode).as(removed.err).isZero();
        assertThat(table.out).startsWith("URL").contains("https://ledger.example.com/feed.xml").contains("never")
            .doesNotContain("herald.example.org");
    }

    @Test
    void theRegistrysAvroSerdesAreUsedAgainstACluster() throws Exception {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0)) {
            String[] cluster = {"--bootstrap-servers", broker.bootstrapServers(), "--schema-registry-url", registry.url()};
            CommandLineTest.Result added = CommandLineTest.run(Map.of(), concat(
                new String[] {"feeds", "add", "https://avro.example.net/rss", "--outlet", "Avro Times"}, cluster));
            CommandLineTest.Result listed = CommandLineTest.run(Map.of(), concat(new String[] {"feeds", "list", "--json"}, cluster));

            assertThat(added.exitCode()).as(added.err()).isZero();
            assertThat(listed.exitCode()).as(listed.err()).isZero();
            assertThat(listed.out().lines().map(line -> {
                try {
                    return new ObjectMapper().readTree(line);
                } catch (Exception e) {
                    throw new AssertionError(line, e);
                }
            }).filter(f -> f.get("url").asText().equals("https://avro.example.net/rss")))
                .singleElement().satisfies(f -> assertThat(f.get("outlet").asText()).isEqualTo("Avro Times"));
            // Written in Confluent's wire format under the topic's subject.
            assertThat(SchemaRegistryClient.of(registry.url()).subjects()).contains("news.feeds-value");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void anInvalidFeedIsRefusedWithTheReason() {
        Result result = run("add", "ftp://files.example.com/feed.xml", "--bootstrap-servers", broker.bootstrapServers());

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.err).contains("not an http(s) URL: ftp://files.example.com/feed.xml");
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new FeedsCommand(config -> SERDES));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private record Result(int exitCode, String out, String err) {
        List<JsonNode> jsonLines() throws Exception {
            List<JsonNode> nodes = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    nodes.add(new ObjectMapper().readTree(line));
                }
            }
            return nodes;
        }
    }
}
