package io.claimstream.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.claimstream.avro.internal.ClaimMention;
import io.claimstream.avro.internal.SubjectMention;
import io.claimstream.avro.internal.SubjectMentions;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;

/**
 * An article's mentions as they cross the claim-mentions repartition topic: folded into one
 * record per subject ({@link SubjectMentions}), unfolded again by the aggregator. An article
 * states about 18 claims about 9 subjects; sent one record per mention, each repeated the
 * article's id, outlet, headline and link and the subject key, and the aggregator read and
 * rewrote the subject's head and pending mark once per mention instead of once per subject.
 *
 * <p>The topic held one {@link ClaimMention} per record before; {@link #repartitionSerde()}
 * still reads those (as a fold of one), so records left in it by the earlier version are
 * processed after an upgrade.
 *
 * <p>A folded record has a size bound like every record the topology writes: an article's
 * mentions of one subject are split over several records when their bounded fields could pass
 * {@link #MAX_RECORD_BYTES}.
 */
final class MentionFolding {

    /** Upper bound of one folded record's mentions, in Avro bytes, far under Kafka's 1 MB record limit. */
    static final int MAX_RECORD_BYTES = 128 << 10;
    /** Avro writes a string in at most 3 bytes per UTF-16 unit plus its length. */
    private static final int MAX_BYTES_PER_CHAR = 3;
    /** A mention's numbers, lengths, union branches and flags, with room to spare. */
    private static final int FIXED_MENTION_BYTES = 64;

    private MentionFolding() {
    }

    /**
     * {@code mentions} (one article's, in text order, each bounded by {@link MentionBounds}) as
     * records keyed by subject key: one per subject, in order of the subject's first mention,
     * its mentions in text order; more than one only for a subject whose mentions would pass
     * the size bound together.
     */
    static List<KeyValue<String, SubjectMentions>> fold(List<ClaimMention> mentions) {
        Map<String, List<ClaimMention>> bySubject = new LinkedHashMap<>();
        for (ClaimMention m : mentions) {
            bySubject.computeIfAbsent(m.getSubjectKey(), k -> new ArrayList<>()).add(m);
        }
        List<KeyValue<String, SubjectMentions>> folded = new ArrayList<>(bySubject.size());
        for (Map.Entry<String, List<ClaimMention>> subject : bySubject.entrySet()) {
            List<ClaimMention> part = new ArrayList<>();
            long bytes = 0;
            for (ClaimMention m : subject.getValue()) {
                long size = sizeBound(m);
                if (!part.isEmpty() && bytes + size > MAX_RECORD_BYTES) {
                    folded.add(KeyValue.pair(subject.getKey(), folded(subject.getKey(), part)));
                    part = new ArrayList<>();
                    bytes = 0;
                }
                part.add(m);
                bytes += size;
            }
            folded.add(KeyValue.pair(subject.getKey(), folded(subject.getKey(), part)));
        }
        return folded;
    }

    /** The mentions of a folded record, each as the aggregator merges it, in the record's order. */
    static List<ClaimMention> unfold(String subjectKey, SubjectMentions folded) {
        String articleId = folded.getArticleId() == null ? folded.getLink() : folded.getArticleId();
        List<ClaimMention> mentions = new ArrayList<>(folded.getMentions().size());
        String sentence = null;
        for (SubjectMention m : folded.getMentions()) {
            if (!m.getSentenceAsBefore()) {
                sentence = m.getSentence();
            }
            int shared = Math.min(Math.max(0, m.getClaimKeyShared()), subjectKey.length());
            // The all-arguments constructor: a builder deep-copies every field, per mention.
            mentions.add(new ClaimMention(subjectKey, m.getSubject() == null ? folded.getSubject() : m.getSubject(),
                subjectKey.substring(0, shared) + m.getClaimKeyTail(), m.getValue(), m.getValueHigh(), m.getUnit(),
                m.getKind(), m.getQualifier(), m.getChange(), m.getClaimant(), m.getSpan(), sentence, m.getStart(),
                articleId, folded.getSource(), folded.getTitle(), folded.getLink(), folded.getPublished()));
        }
        return mentions;
    }

    /**
     * The serde of the claim-mentions repartition topic: writes folded records, reads them and
     * the single mentions the earlier version wrote there.
     */
    static Serde<SubjectMentions> repartitionSerde() {
        InternalAvroSerde<SubjectMentions> current = InternalAvroSerde.of(SubjectMentions.class);
        InternalAvroSerde<ClaimMention> earlier = InternalAvroSerde.of(ClaimMention.class);
        Deserializer<SubjectMentions> currentReader = current.deserializer();
        Deserializer<ClaimMention> earlierReader = earlier.deserializer();
        Deserializer<SubjectMentions> reader = (topic, bytes) -> earlier.wrote(bytes)
            ? folded(earlierReader.deserialize(topic, bytes)) : currentReader.deserialize(topic, bytes);
        return Serdes.serdeFrom(current.serializer(), reader);
    }

    /** A single mention, as the earlier version sent it, folded alone. */
    static SubjectMentions folded(ClaimMention mention) {
        return mention == null ? null : folded(mention.getSubjectKey(), List.of(mention));
    }

    private static SubjectMentions folded(String subjectKey, List<ClaimMention> mentions) {
        ClaimMention first = mentions.get(0);
        List<SubjectMention> folded = new ArrayList<>(mentions.size());
        String sentenceBefore = null;
        for (int i = 0; i < mentions.size(); i++) {
            ClaimMention m = mentions.get(i);
            boolean sentenceAsBefore = i > 0 && Objects.equals(m.getSentence(), sentenceBefore);
            int shared = sharedPrefix(subjectKey, m.getClaimKey());
            folded.add(new SubjectMention(shared, m.getClaimKey().substring(shared),
                m.getSubject().equals(first.getSubject()) ? null : m.getSubject(), m.getValue(), m.getValueHigh(),
                m.getUnit(), m.getKind(), m.getQualifier(), m.getChange(), m.getClaimant(), m.getSpan(), sentenceAsBefore,
                sentenceAsBefore ? null : m.getSentence(), m.getStart()));
            sentenceBefore = m.getSentence();
        }
        return new SubjectMentions(first.getSubject(), first.getArticleId().equals(first.getLink()) ? null : first.getArticleId(),
            first.getSource(), first.getTitle(), first.getLink(), first.getPublished(), folded);
    }

    private static int sharedPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        // Never split a surrogate pair between the key and the tail.
        return i > 0 && Character.isHighSurrogate(a.charAt(i - 1)) ? i - 1 : i;
    }

    private static long sizeBound(ClaimMention m) {
        long chars = length(m.getSubject()) + length(m.getClaimKey()) + length(m.getUnit()) + length(m.getKind())
            + length(m.getQualifier()) + length(m.getChange()) + length(m.getClaimant()) + length(m.getSpan())
            + length(m.getSentence());
        return chars * MAX_BYTES_PER_CHAR + FIXED_MENTION_BYTES;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }
}
