package io.claimstream.topology;

import java.util.List;
import java.util.function.Function;

import io.claimstream.avro.SubjectClaims;
import io.claimstream.avro.internal.SubjectMentions;
import io.claimstream.avro.internal.ClaimEntry;
import io.claimstream.avro.internal.SubjectHead;
import io.claimstream.extract.ArticleText;
import io.claimstream.extract.ClaimExtractor;
import io.claimstream.extract.NumericClaim;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The processing half of claimstream as a Kafka Streams topology:
 *
 * <pre>
 * news.articles ─► article-dedup (article-ids, article-texts window stores; extraction)
 *               ─► claim-mentions repartition, keyed by subject key (an article's mentions of a subject in one record)
 *               ─► subject-aggregator (subject-heads, subject-claim-entries, counted-mentions, pending-subjects,
 *                                      claim-expiry, subject-key-scheme stores; subject-claims and
 *                                      subject-expiry only to move state of the earlier layout)
 *               ─┬► claims.by-subject (compacted; changed subjects once per emit interval;
 *                │                     tombstone when a subject expires or was keyed by another
 *                │                     key scheme; header claimstream.key-scheme)
 *                └► news.claims (each distinct claim once, when first seen)
 * </pre>
 *
 * <p>Every processor, store and internal topic is named here: the names fix the changelog and
 * repartition topics, so renaming one would orphan the state kept under the old name.
 */
public final class ClaimsTopology {

    /**
     * Key-value store of subjects' heads (key = subject key, value = SubjectHead), for interactive
     * queries with {@link #CLAIM_STORE}: {@link #subjectRecord} renders a subject from the two.
     */
    public static final String SUBJECT_STORE = "subject-heads";
    /** Key-value store of claims (key = subject key, NUL, claim key; value = ClaimEntry). */
    public static final String CLAIM_STORE = "subject-claim-entries";
    /** Key-value store of the subjects changed since their record was last written (value = latest change time). */
    public static final String PENDING_STORE = "pending-subjects";
    /** Key-value store indexing claims by the end of the expiry interval their last-seen time falls in, for expiry. */
    public static final String CLAIM_EXPIRY_STORE = "claim-expiry";
    /**
     * Key-value store of the earlier layout (key = subject key, value = SubjectState, the whole
     * subject): read only to move its subjects to {@link #SUBJECT_STORE} and {@link #CLAIM_STORE},
     * then empty.
     */
    public static final String LEGACY_SUBJECT_STORE = "subject-claims";
    /** Key-value store of the earlier layout, indexing whole subjects for expiry: emptied by the move. */
    public static final String LEGACY_EXPIRY_STORE = "subject-expiry";
    /**
     * Key-value store of how far the removal of subjects keyed by another key scheme has come:
     * the scheme every subject of the store is written under once it is done, and the last
     * subject looked at while it runs.
     */
    public static final String KEY_SCHEME_STORE = "subject-key-scheme";
    /**
     * Header of every claims.by-subject record (and news.claims record): the version of the
     * subject-key rules its key was built by, {@link io.claimstream.extract.SubjectKeyScheme},
     * in decimal ASCII. The tombstone of a subject removed because its key is of another (an
     * earlier) scheme names that scheme.
     */
    public static final String KEY_SCHEME_HEADER = "claimstream.key-scheme";
    /** Key-value store of the (claim key, article id) pairs already counted, and of each claim's outlets and claimants. */
    public static final String COUNTED_STORE = "counted-mentions";
    /** Window store of the article ids seen, by event time. */
    public static final String ARTICLE_ID_STORE = "article-ids";
    /** Window store of the article text fingerprints seen, by event time. */
    public static final String ARTICLE_TEXT_STORE = "article-texts";
    /** The repartition topic is {@code <application.id>-claim-mentions-repartition}. */
    public static final String MENTIONS_REPARTITION = "claim-mentions";

    private ClaimsTopology() {
    }

    /**
     * The claims.by-subject record of a subject of {@link #SUBJECT_STORE}, its claims read from
     * {@code claims} (a {@link #CLAIM_STORE}): what interactive queries answer with, so that they
     * show a subject exactly as the topic does.
     */
    public static SubjectClaims subjectRecord(SubjectHead head, ReadOnlyKeyValueStore<String, ClaimEntry> claims,
                                              int maxRecordBytes) {
        return Outputs.subjectClaims(head, SubjectStores.entriesOf(claims, head.getSubjectKey()), maxRecordBytes);
    }

    /** The topology, extracting claims with {@code extractor}. */
    public static Topology build(ClaimsSettings settings, ClaimExtractor extractor, ClaimsSerdes serdes) {
        return build(settings, extractor::extract, serdes);
    }

    /**
     * The topology, extracting claims with any function of an article; tests of the topology's
     * mechanics pass one whose output they control.
     */
    public static Topology build(ClaimsSettings settings, Function<ArticleText, List<NumericClaim>> extractor,
                                 ClaimsSerdes serdes) {
        return build(settings, extractor, serdes, KeyScheme.current());
    }

    /** The topology keying subjects under {@code keyScheme}: tests simulate state of earlier schemes with it. */
    static Topology build(ClaimsSettings settings, Function<ArticleText, List<NumericClaim>> extractor,
                          ClaimsSerdes serdes, KeyScheme keyScheme) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, SubjectMentions> mentions = builder
            .stream(ClaimsTopics.ARTICLES, Consumed.with(Serdes.String(), serdes.article())
                .withTimestampExtractor(new ArticleTime())
                .withName("articles"))
            .process(ArticleDeduplicator.supplier(new MentionExtractor(extractor), settings.articleDedupRetention(), keyScheme),
                Named.as("article-dedup"));

        KStream<String, SubjectUpdate> updates = mentions
            .repartition(Repartitioned.with(Serdes.String(), MentionFolding.repartitionSerde())
                .withName(MENTIONS_REPARTITION))
            .process(SubjectAggregator.supplier(settings, keyScheme), Named.as("subject-aggregator"));

        updates
            .filter((subject, update) -> update.carriesSubject(), Named.as("subject-changes"))
            .mapValues(SubjectUpdate::subject, Named.as("subject-records"))
            .to(ClaimsTopics.SUBJECT_CLAIMS, Produced.with(Serdes.String(), serdes.subjectClaims()).withName("subject-claims-sink"));
        updates
            .flatMapValues(SubjectUpdate::firstSeen, Named.as("first-seen-claims"))
            .to(ClaimsTopics.CLAIMS, Produced.with(Serdes.String(), serdes.claim()).withName("claims-sink"));
        return builder.build();
    }
}
