package io.claimstream.topology;

import static io.claimstream.topology.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.claimstream.avro.ClaimSummary;
import io.claimstream.avro.SubjectClaims;
import io.claimstream.avro.internal.ClaimMention;
import io.claimstream.extract.ArticleText;
import io.claimstream.extract.NumericClaim;
import io.claimstream.extract.Qualifier;
import io.claimstream.extract.QuantityKind;
import io.claimstream.registry.EmbeddedSchemaRegistry;
import io.claimstream.registry.InMemoryRegistry;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An article's mentions of a subject cross the repartition topic together, and are counted as
 * they were one by one; mentions the earlier version left in the topic still count, once. The
 * extractor here reads an article's text as figures of two subjects: "soldiers:1150,900 tanks:90".
 */
class FoldedMentionsTest {

    private static final Instant T0 = Instant.parse("2025-02-14T08:00:00Z");
    private static final String REPARTITION = "claims-topology-test-" + ClaimsTopology.MENTIONS_REPARTITION + "-repartition";
    static final Function<ArticleText, List<NumericClaim>> FIGURES = text -> {
        List<NumericClaim> claims = new ArrayList<>();
        int start = 0;
        for (String part : text.text().split(" ")) {
            String subject = "russia/" + part.substring(0, part.indexOf(':'));
            for (String figure : part.substring(part.indexOf(':') + 1).split(",")) {
                double value = Double.parseDouble(figure);
                String span = figure + " lost";
                claims.add(new NumericClaim(start, start + span.length(), span, "Russia lost " + figure + ".", value, null,
                    "item", QuantityKind.COUNT, Qualifier.EXACT, null, text.source().startsWith("gov") ? "the governor" : null,
                    subject + " (russia)", subject, subject + "=" + figure));
                start += 10;
            }
        }
        return claims;
    };

    @TempDir
    Path stateDir;

    private EmbeddedSchemaRegistry registry;
    private TopologyHarness topology;

    @BeforeEach
    void start() {
        registry = InMemoryRegistry.start();
        topology = new TopologyHarness(registry.url(), stateDir, Map.of(), FIGURES);
    }

    @AfterEach
    void stop() {
        topology.close();
        registry.close();
    }

    @Test
    void anArticlesMentionsOfASubjectCrossTheRepartitionTopicAsOneRecordAndAllCount() {
        TestOutputTopic<String, byte[]> repartition = topology.driver().createOutputTopic(REPARTITION,
            new StringDeserializer(), new ByteArrayDeserializer());

        topology.publish(article("a1", "gov-wire", "soldiers:1150,900 tanks:90", T0),
            article("a2", "wire", "soldiers:1150,800", T0.plusSeconds(60)),
            article("a1", "gov-wire", "soldiers:1150,900 tanks:90", T0));

        assertThat(repartition.readKeyValuesToList()).extracting(kv -> kv.key)
            .containsExactly("russia/soldiers", "russia/tanks", "russia/soldiers");
        Map<String, SubjectClaims> subjects = TopologyHarness.table(topology.subjectRecords());
        assertThat(subjects.get("russia/soldiers").getClaims())
            .extracting(ClaimSummary::getClaimKey, ClaimSummary::getMentions, ClaimSummary::getOutlets, ClaimSummary::getClaimantCount)
            .containsExactly(
                tuple("russia/soldiers=1150", 2L, 2L, 1L),
                tuple("russia/soldiers=900", 1L, 1L, 1L),
                tuple("russia/soldiers=800", 1L, 1L, 0L));
        assertThat(subjects.get("russia/tanks").getClaims()).singleElement()
            .satisfies(c -> assertThat(c.getMentions()).isEqualTo(1));
        assertThat(topology.claimRecords()).extracting(kv -> kv.value.getClaimKey())
            .containsExactly("russia/soldiers=1150", "russia/soldiers=900", "russia/tanks=90", "russia/soldiers=800");
    }

    /**
     * An upgrade stops the earlier version with mentions still in the repartition topic, one per
     * record: they are read and counted, and the article they came from, sent again, is not
     * counted twice.
     */
    @Test
    void aMentionTheEarlierVersionLeftInTheRepartitionTopicCountsOnce() {
        TestInputTopic<String, ClaimMention> repartition = topology.driver().createInputTopic(REPARTITION,
            new StringSerializer(), InternalAvroSerde.of(ClaimMention.class).serializer(), T0, Duration.ZERO);
        ClaimMention leftOver = ClaimMention.newBuilder()
            .setSubjectKey("russia/soldiers").setSubject("russia/soldiers (russia)").setClaimKey("russia/soldiers=1150")
            .setValue(1150).setUnit("item").setKind("count").setQualifier("EXACT").setSpan("1150 lost")
            .setSentence("Russia lost 1150.").setStart(0)
            .setArticleId("a1").setSource("wire").setTitle("Headline of a1").setLink("https://wire.example/a1").setPublished(T0)
            .build();
        TestRecord<String, ClaimMention> record = new TestRecord<>("russia/soldiers", leftOver, T0);
        KeyScheme.stamp(record.headers(), KeyScheme.current().version());

        repartition.pipeInput(record);
        topology.driver().advanceWallClockTime(Duration.ofSeconds(1));
        List<KeyValue<String, SubjectClaims>> first = topology.subjectRecords();
        // The article itself was not seen by this version's dedup stores (say they were lost): it is extracted again.
        topology.publish(article("a1", "wire", "soldiers:1150", T0));

        assertThat(first).singleElement().satisfies(kv ->
            assertThat(kv.value.getClaims()).singleElement().satisfies(c -> assertThat(c.getMentions()).isEqualTo(1)));
        assertThat(topology.subjectRecords()).as("nothing changed: nothing written").isEmpty();
        assertThat(topology.claimRecords()).extracting(kv -> kv.value.getQuote()).containsExactly("Russia lost 1150.");
    }
}
