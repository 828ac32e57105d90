package io.claimstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.claimstream.avro.internal.ClaimMention;
import io.claimstream.avro.internal.SubjectMentions;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

/** An article's mentions folded into one repartition record per subject, and back. */
class MentionFoldingTest {

    private static final Instant T0 = Instant.parse("2025-02-14T08:40:00Z");
    private static final String TOPIC = "claims-topology-test-claim-mentions-repartition";
    private static final Serde<SubjectMentions> SERDE = MentionFolding.repartitionSerde();

    @Test
    void anArticlesMentionsCrossAsOneRecordPerSubjectAndUnfoldAsTheyWere() {
        String link = "https://kyiv-wire.example/2025/02/14/losses";
        List<ClaimMention> mentions = List.of(
            mention("russia/soldier-killed", "russia/soldier-killed=1150", "soldiers killed (russia)", "1,150 soldiers",
                "Russia lost 1,150 soldiers and 90 tanks.", 10, link, link),
            mention("russia/tank-lost", "russia/tank-lost=90", "tanks lost (russia)", "90 tanks",
                "Russia lost 1,150 soldiers and 90 tanks.", 30, link, link),
            // Same sentence, another wording of the subject, a claimant.
            withClaimant(mention("russia/soldier-killed", "russia/soldier-killed=1200", "Russian troops killed", "1,200 troops",
                "Russia lost 1,150 soldiers and 90 tanks.", 60, link, link), "the ministry"),
            mention("russia/soldier-killed", "russia/soldier-killed=900~900", "soldiers killed (russia)", "about 900",
                "A day before, about 900.", 120, link, link));

        List<KeyValue<String, SubjectMentions>> folded = MentionFolding.fold(mentions);

        assertThat(folded).extracting(kv -> kv.key).containsExactly("russia/soldier-killed", "russia/tank-lost");
        assertThat(roundTrip(folded.get(0)).getMentions()).hasSize(3);
        List<ClaimMention> unfolded = new ArrayList<>();
        folded.forEach(kv -> unfolded.addAll(MentionFolding.unfold(kv.key, roundTrip(kv))));
        assertThat(unfolded).containsExactlyInAnyOrderElementsOf(mentions);
        assertThat(MentionFolding.unfold(folded.get(0).key, roundTrip(folded.get(0))))
            .as("in text order").extracting(ClaimMention::getStart).containsExactly(10, 60, 120);
    }

    @Test
    void anArticleIdThatIsNotItsLinkAndAClaimKeyThatDoesNotStartWithTheSubjectKeyCrossUnchanged() {
        List<ClaimMention> mentions = List.of(
            mention("turkiye/quake-deaths", "t\uD83D\uDE00rkiye/quake-deaths=5000", "quake deaths", "5,000", "5,000 died.", 0,
                "guid-42", "https://example.org/a"),
            mention("turkiye/quake-deaths", "turkiye/quake-deaths=6000", "quake deaths", "6,000", null, 20,
                "guid-42", "https://example.org/a"),
            mention("turkiye/quake-deaths", "tu\uD83D\uDE00=1", "quake deaths", "1", null, 30, "guid-43", null),
            // The keys differ in the low half of a surrogate pair: the tail must not start inside it.
            mention("emoji/\uD83D\uDE00", "emoji/\uD83D\uDE01=1", "emoji", "1", null, 40, "guid-44", "https://example.org/b"));

        List<ClaimMention> unfolded = new ArrayList<>();
        for (List<ClaimMention> article : List.of(mentions.subList(0, 2), mentions.subList(2, 3), mentions.subList(3, 4))) {
            MentionFolding.fold(article).forEach(kv -> unfolded.addAll(MentionFolding.unfold(kv.key, roundTrip(kv))));
        }

        assertThat(unfolded).isEqualTo(mentions);
    }

    /** Every record the topology writes has a size bound, whatever the article: so has a subject's fold. */
    @Test
    void aSubjectsManyLongMentionsAreSplitOverRecordsWithinTheBound() {
        String sentence = "\u00e9".repeat(MentionBounds.MAX_SENTENCE_CHARS);
        List<ClaimMention> mentions = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            mentions.add(mention("busy/subject", "busy/subject=" + i, "x".repeat(MentionBounds.MAX_SUBJECT_CHARS - 1) + i,
                "y".repeat(MentionBounds.MAX_SPAN_CHARS), sentence + i, i * 10, "a1", "https://example.org/a1"));
        }

        List<KeyValue<String, SubjectMentions>> folded = MentionFolding.fold(mentions);

        assertThat(folded).hasSizeGreaterThan(1);
        List<ClaimMention> unfolded = new ArrayList<>();
        for (KeyValue<String, SubjectMentions> kv : folded) {
            byte[] bytes = SERDE.serializer().serialize(TOPIC, kv.value);
            assertThat(bytes.length).isLessThanOrEqualTo(MentionFolding.MAX_RECORD_BYTES + (16 << 10));
            unfolded.addAll(MentionFolding.unfold(kv.key, SERDE.deserializer().deserialize(TOPIC, bytes)));
        }
        assertThat(unfolded).isEqualTo(mentions);
    }

    /** Mentions the earlier version left in the repartition topic are read after an upgrade, as a fold of one. */
    @Test
    void aSingleMentionTheEarlierVersionWroteIsReadAsAFoldOfOne() {
        ClaimMention earlier = mention("russia/soldier-killed", "russia/soldier-killed=1150", "soldiers killed (russia)",
            "1,150 soldiers", "Russia lost 1,150 soldiers.", 10, "kw-1", "https://kyiv-wire.example/1");
        byte[] bytes = InternalAvroSerde.of(ClaimMention.class).serializer().serialize(TOPIC, earlier);

        SubjectMentions read = SERDE.deserializer().deserialize(TOPIC, bytes);

        assertThat(MentionFolding.unfold("russia/soldier-killed", read)).containsExactly(earlier);
    }

    private static SubjectMentions roundTrip(KeyValue<String, SubjectMentions> kv) {
        return SERDE.deserializer().deserialize(TOPIC, SERDE.serializer().serialize(TOPIC, kv.value));
    }

    private static ClaimMention withClaimant(ClaimMention m, String claimant) {
        m.setClaimant(claimant);
        return m;
    }

    private static ClaimMention mention(String subjectKey, String claimKey, String subject, String span, String sentence,
                                        int start, String articleId, String link) {
        return ClaimMention.newBuilder()
            .setSubjectKey(subjectKey).setSubject(subject).setClaimKey(claimKey)
            .setValue(start).setUnit("soldier").setKind("count").setQualifier("EXACT").setSpan(span).setSentence(sentence)
            .setStart(start).setArticleId(articleId).setSource("kyiv-wire").setTitle("Losses").setLink(link).setPublished(T0)
            .build();
    }
}
