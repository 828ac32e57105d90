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

    /** The other tests remove the feeds they add: this one lists them all. */
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

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).contains("not an http(s) URL: ftp://files.example.com/feed.xml");
    }

    @Test
    void addingAFeedAgainUpdatesWhatIsGivenAndKeepsTheRest() throws Exception {
        String url = "https://update.example.com/rss";
        Result added = run("add", url, "--outlet", "Update Daily", "--interval", "10m", "--tag", "en",
            "--bootstrap-servers", broker.bootstrapServers());
        Result interval = run("add", url, "--interval", "20m", "--bootstrap-servers", broker.bootstrapServers());
        JsonNode afterInterval = listed(url);
        Result disabled = run("add", url, "--disabled", "--tag", "paused", "--bootstrap-servers", broker.bootstrapServers());
        JsonNode afterDisabled = listed(url);
        Result both = run("add", url, "--enabled", "--disabled", "--bootstrap-servers", broker.bootstrapServers());
        run("remove", url, "--bootstrap-servers", broker.bootstrapServers());

        assertThat(added.exitCode).as(added.err).isZero();
        assertThat(added.out).isEqualTo("added " + url + "\n");
        assertThat(interval.exitCode).as(interval.err).isZero();
        assertThat(interval.out).isEqualTo("updated " + url + "\n");
        assertThat(afterInterval.get("outlet").asText()).isEqualTo("Update Daily");
        assertThat(afterInterval.get("poll_interval_seconds").asLong()).isEqualTo(1200);
        assertThat(afterInterval.get("tags")).extracting(JsonNode::asText).containsExactly("en");
        assertThat(afterInterval.get("enabled").asBoolean()).isTrue();
        assertThat(disabled.out).isEqualTo("updated " + url + "\n");
        assertThat(afterDisabled.get("enabled").asBoolean()).isFalse();
        assertThat(afterDisabled.get("outlet").asText()).isEqualTo("Update Daily");
        assertThat(afterDisabled.get("poll_interval_seconds").asLong()).isEqualTo(1200);
        assertThat(afterDisabled.get("tags")).extracting(JsonNode::asText).containsExactly("paused");
        assertThat(both.exitCode).isEqualTo(2);
        assertThat(both.err).contains("--enabled and --disabled exclude each other");
    }

    @Test
    void removingAFeedThatIsNotListedSaysSoAndExitsWithOne() throws Exception {
        String known = "https://remove.example.com/rss";
        String unknown = "https://never-added.example.com/rss";
        run("add", known, "--bootstrap-servers", broker.bootstrapServers());

        Result removed = run("remove", unknown, known, "--bootstrap-servers", broker.bootstrapServers());

        assertThat(removed.exitCode).isEqualTo(1);
        assertThat(removed.err).isEqualTo("claimstream feeds: no feed " + unknown + " in news.feeds (feeds list shows them)\n");
        assertThat(removed.out).isEqualTo("removed " + known + "\n");
        assertThat(listed(known)).as("removed all the same").isNull();
    }

    @Test
    void aUrlThatIsNoneOrAnIntervalBelowTheMinimumIsAUsageErrorAndAddsNothing() throws Exception {
        String url = "https://too-often.example.com/rss";
        Result notUrl = run("add", "not-a-url", "--bootstrap-servers", broker.bootstrapServers());
        Result tooOften = run("add", url, "--interval", "5s", "--bootstrap-servers", broker.bootstrapServers());
        Result lowered = run("add", url, "--interval", "5s", "-p", "claimstream.ingest.min.poll.interval.ms=5000",
            "--bootstrap-servers", broker.bootstrapServers());

        assertThat(notUrl.exitCode).isEqualTo(2);
        assertThat(notUrl.err.lines()).singleElement().asString().startsWith("claimstream feeds: ").contains("not-a-url");
        assertThat(tooOften.exitCode).isEqualTo(2);
        assertThat(tooOften.err).isEqualTo("claimstream feeds: " + url + ": poll interval 5s is shorter than the ingesters' "
            + "minimum, 1m (claimstream.ingest.min.poll.interval.ms); give at least 1m\n");
        assertThat(lowered.exitCode).as("with the minimum lowered: %s", lowered.err).isZero();
        assertThat(listed(url).get("poll_interval_seconds").asLong()).isEqualTo(5);
        run("remove", url, "--bootstrap-servers", broker.bootstrapServers());
    }

    @Test
    void listLinesUpItsColumnsHoweverLongTheUrls() {
        String url = "https://a-rather-long-host-name.example.com/feeds/world/europe/politics/rss.xml?format=full";
        run("add", url, "--outlet", "The Long Feed Gazette of Record", "--bootstrap-servers", broker.bootstrapServers());

        Result table = run("list", "--bootstrap-servers", broker.bootstrapServers());
        run("remove", url, "--bootstrap-servers", broker.bootstrapServers());

        assertThat(table.exitCode).as(table.err).isZero();
        int header = table.out.lines().findFirst().orElseThrow().indexOf(" LAST FETCH");
        assertThat(table.out.lines().skip(1)).isNotEmpty().allSatisfy(line -> assertThat(line.indexOf(" never ")).isEqualTo(header));
    }

    /** The feed of {@code url} as {@code feeds list --json} shows it, or null. */
    private static JsonNode listed(String url) throws Exception {
        Result list = run("list", "--json", "--bootstrap-servers", broker.bootstrapServers());
        assertThat(list.exitCode).as(list.err).isZero();
        return list.jsonLines().stream().filter(f -> f.get("url").asText().equals(url)).findFirst().orElse(null);
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
