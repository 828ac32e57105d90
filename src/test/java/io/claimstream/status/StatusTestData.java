package io.claimstream.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.claimstream.avro.Article;
import io.claimstream.avro.SubjectClaims;
import io.claimstream.ingest.FeedParseException;
import io.claimstream.ingest.FeedParser;
import io.claimstream.ingest.IngestSettings;
import io.claimstream.ingest.ParsedFeed;
import io.claimstream.registry.AvroDeserializer;
import io.claimstream.registry.AvroSerdeConfig;
import io.claimstream.registry.EmbeddedSchemaRegistry;
import io.claimstream.registry.RegistryClientConfig;
import io.claimstream.runtime.EmbeddedKafkaBroker;
import io.claimstream.runtime.KafkaTestClients;
import io.claimstream.runtime.ProcessingApplication;
import io.claimstream.topology.ClaimsSettings;
import io.claimstream.topology.ClaimsTopics;
import io.claimstream.topology.CleanPass;
import io.claimstream.topology.TestArticles;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;

/** Articles with known subjects, and the plumbing to run them through the processing application. */
final class StatusTestData {

    /** Three figures from four articles, over a week: the subject with a chart worth drawing. */
    static final String SUDAN = "sudan/person-killed";
    static final String RUSSIA_KILLED = "russia/soldier-killed";
    /** Its only article comes from an outlet whose name, title and link are hostile markup. */
    static final String RUSSIA_LOST = "russia/soldier-lost";
    static final String HOSTILE_OUTLET = "<img src=x onerror=alert(1)>";
    static final String HOSTILE_TITLE = "<b>Losses</b> rise";
    static final String HOSTILE_LINK = "javascript:alert(1)";

    /**
     * Titles of the items of {@link #HOSTILE_FEED}, as its readers must see them: markup that would
     * run if the page wrote it as HTML. The first two are the issue's; the other two would leave
     * a mark in the DOM if they ran (a changed document title, an attribute on the body).
     */
    static final List<String> HOSTILE_FEED_TITLES = List.of(
        "<script>window.__x=1</script>",
        "\"><img src=x onerror=\"window.__x=2\">",
        "<script>document.title='executed'</script>",
        "\"><img src=x onerror=\"document.body.setAttribute('data-executed','2')\">");
    static final String HOSTILE_FEED_URL = "https://hostile-titles.example/rss.xml";
    static final String HOSTILE_FEED_OUTLET = "Hostile Titles";
    /** Their stories' subject. */
    static final String VALENCIA = "spain/person-killed";
    /**
     * An RSS feed whose item titles are {@link #HOSTILE_FEED_TITLES}, written as a feed says a
     * title holds a literal '<': entity-escaped HTML (RSS titles are HTML to feed readers), here
     * escaped once more for the XML.
     */
    static final String HOSTILE_FEED = hostileFeed();

    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusTestData() {
    }

    static List<Article> articles() {
        List<Article> articles = new ArrayList<>();
        articles.add(article("s1", "coastal-times", "At least 12 people were killed when drones struck the Abu Shouk camp "
            + "near El Fasher in Sudan, volunteers said.", "2025-06-10T07:45:00Z"));
        articles.add(article("s2", "harbour-herald", "The number of people killed in the drone attack on the Abu Shouk camp "
            + "in Sudan has risen to 19, volunteers said.", "2025-06-11T12:10:00Z"));
        articles.add(article("s3", "metro-ledger", "The drone strike on the Abu Shouk camp in Sudan killed 31 people, "
            + "the United Nations said.", "2025-06-16T18:30:00Z"));
        articles.add(article("s4", "metro-ledger", "At least 12 people were killed in the drone strike on a camp in Sudan, "
            + "the Red Crescent said.", "2025-06-12T18:30:00Z"));
        articles.add(article("w1", "kyiv-wire", "President Volodymyr Zelensky said roughly a quarter of a million Russian "
            + "soldiers had been killed.", "2025-02-14T08:00:00Z"));
        articles.add(article("n2", "north-atlantic-news", "\"Almost 250,000 of their soldiers are dead,\" Zelensky said "
            + "of Russia.", "2025-02-15T08:00:00Z"));
        articles.add(Article.newBuilder(article("x1", HOSTILE_OUTLET, "Russia has lost 300,000 soldiers in the war, "
            + "Ukraine's defence ministry said on Monday.", "2025-03-01T08:00:00Z"))
            .setTitle(HOSTILE_TITLE).setLink(HOSTILE_LINK).build());
        articles.add(article("e1", "daily-ledger", "Germany's solar capacity rose 12% to 95 gigawatts last year, "
            + "the network agency said.", "2025-01-10T08:00:00Z"));
        articles.add(article("e2", "daily-ledger", "Inflation in Argentina fell to 2.4% in March, the statistics office "
            + "said.", "2025-04-10T08:00:00Z"));
        return articles;
    }

    /** The articles the ingester makes of {@link #HOSTILE_FEED}: each one's title is one of {@link #HOSTILE_FEED_TITLES}. */
    static List<Article> hostileFeedArticles() throws FeedParseException {
        Instant fetched = Instant.parse("2025-10-30T12:00:00Z");
        ParsedFeed feed = new FeedParser(IngestSettings.defaults()).parse(HOSTILE_FEED.getBytes(StandardCharsets.UTF_8),
            "application/rss+xml", URI.create(HOSTILE_FEED_URL), fetched);
        List<Article> articles = feed.items().stream().map(item -> item.toArticle(HOSTILE_FEED_OUTLET, HOSTILE_FEED_URL, fetched))
            .toList();
        assertThat(articles).extracting(Article::getTitle).as("titles as the feed parser reads them")
            .containsExactlyElementsOf(HOSTILE_FEED_TITLES);
        return articles;
    }

    private static String hostileFeed() {
        StringBuilder rss = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
            + "<title>" + HOSTILE_FEED_OUTLET + "</title><link>https://hostile-titles.example/</link><description>d</description>\n");
        List<String> places = List.of("Paiporta", "Catarroja", "Alfafar", "Sedaví");
        for (int i = 0; i < HOSTILE_FEED_TITLES.size(); i++) {
            rss.append("<item><title>").append(xml(html(HOSTILE_FEED_TITLES.get(i)))).append("</title>")
                .append("<link>https://hostile-titles.example/story/").append(i + 1).append("</link>")
                .append("<guid>https://hostile-titles.example/story/").append(i + 1).append("</guid>")
                .append("<pubDate>Thu, 30 Oct 2025 0").append(i + 1).append(":00:00 GMT</pubDate>")
                .append("<description>").append(xml("The floods in Valencia, Spain, killed 223 people, regional officials "
                    + "said. Rescuers were still searching " + places.get(i) + ".")).append("</description></item>\n");
        }
        return rss.append("</channel></rss>\n").toString();
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Article article(String id, String source, String text, String published) {
        return TestArticles.article(id, source, text, Instant.parse(published));
    }

    /** Properties of one instance of the processing application. */
    static Map<String, Object> properties(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry, String applicationId,
                                          Path stateDir) {
        Map<String, Object> props = new HashMap<>(CleanPass.LONG_RETENTION);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(RegistryClientConfig.SCHEMA_REGISTRY_URL, registry.url());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        // The page shows the sources a claim lists: list all four of the hostile feed's, not the first and latest.
        props.put(ClaimsSettings.MAX_SOURCES_PER_CLAIM, HOSTILE_FEED_TITLES.size());
        return props;
    }

    static void publish(EmbeddedKafkaBroker broker, Map<String, Object> properties, List<Article> articles) throws Exception {
        Serializer<Article> serializer = ProcessingApplication.serdes(properties).article().serializer();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (Article a : articles) {
            records.add(new ProducerRecord<>(ClaimsTopics.ARTICLES, a.getId(), serializer.serialize(ClaimsTopics.ARTICLES, a)));
        }
        KafkaTestClients.produce(broker.bootstrapServers(), records);
    }

    /** claims.by-subject as a consumer reads it: the latest record of each subject. */
    static Map<String, SubjectClaims> subjectTopic(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry) {
        Map<String, SubjectClaims> table = new TreeMap<>();
        try (AvroDeserializer<SubjectClaims> values = new AvroDeserializer<>()) {
            values.configure(Map.of(RegistryClientConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
            for (ConsumerRecord<String, byte[]> r : KafkaTestClients.readCommitted(broker.bootstrapServers(),
                ClaimsTopics.SUBJECT_CLAIMS)) {
                SubjectClaims value = values.deserialize(r.topic(), r.value());
                if (value == null) {
                    table.remove(r.key());
                } else {
                    table.put(r.key(), value);
                }
            }
        }
        return table;
    }

    /** Closes each part that was started, in order, all of them even when one fails. */
    static void closeAll(AutoCloseable... parts) throws Exception {
        Exception first = null;
        for (AutoCloseable part : parts) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** The JSON body of an answer of the API, once its status is the one expected. */
    static JsonNode json(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).as("status of %s: %s", response.uri(), response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        return JSON.readTree(response.body());
    }

    /** A GET, retried while the answer is a 503 with Retry-After, as the API asks its clients to. */
    static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 503 || response.headers().firstValue("Retry-After").isEmpty()
                || System.nanoTime() > deadline) {
                return response;
            }
            Thread.sleep(200);
        }
    }
}
