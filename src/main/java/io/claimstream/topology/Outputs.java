package io.claimstream.topology;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.claimstream.avro.Change;
import io.claimstream.avro.ClaimSummary;
import io.claimstream.avro.NumericClaim;
import io.claimstream.avro.Qualifier;
import io.claimstream.avro.SourceRef;
import io.claimstream.avro.SubjectClaims;
import io.claimstream.avro.internal.ClaimEntry;
import io.claimstream.avro.internal.ClaimMention;
import io.claimstream.avro.internal.ClaimantState;
import io.claimstream.avro.internal.SourceState;
import io.claimstream.avro.internal.SubjectHead;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/** The public records rendered from the topology's internal ones. */
final class Outputs {

    /** Claims are listed in order of first appearance. */
    private static final Comparator<ClaimSummary> LISTED_ORDER = Comparator
        .comparing(ClaimSummary::getFirstSeen).thenComparing(ClaimSummary::getClaimKey);
    /** Which claims a record over its bound lists: the most reported, then the most recently. */
    private static final Comparator<ClaimSummary> MOST_INFORMATIVE = Comparator
        .comparingLong(ClaimSummary::getMentions).reversed()
        .thenComparing(ClaimSummary::getLastSeen, Comparator.reverseOrder())
        .thenComparing(ClaimSummary::getClaimKey);
    /**
     * What a record needs besides its claims: the subject's key and description (bounded by
     * {@link MentionBounds}), the counts and the array's framing.
     */
    private static final int RECORD_OVERHEAD_BYTES = 4 << 10;
    /** Avro writes a string in at most 3 bytes per UTF-16 unit plus its length. */
    private static final int MAX_BYTES_PER_CHAR = 3;
    /** A claim's numbers, times and enum values, and a source's, in Avro, with room to spare. */
    private static final int FIXED_CLAIM_BYTES = 96;
    private static final int FIXED_SOURCE_BYTES = 32;
    /** What {@link #approximateBytes} counts for the numbers, times, enums and lengths of a record, a claim and a source. */
    private static final int APPROXIMATE_FIXED_BYTES = 16;
    private static final int APPROXIMATE_CLAIM_BYTES = 40;
    private static final int APPROXIMATE_SOURCE_BYTES = 16;

    private Outputs() {
    }

    /**
     * The claims.by-subject record of a subject that has at least one claim: every claim unless
     * their Avro encoding would pass {@code maxBytes}, in which case the most reported claims
     * that fit; {@code claim_count} keeps the total.
     */
    static SubjectClaims subjectClaims(SubjectHead head, List<ClaimEntry> entries, int maxBytes) {
        List<ClaimSummary> claims = new ArrayList<>(entries.size());
        Instant updated = Instant.EPOCH;
        long bound = 0;
        for (ClaimEntry c : entries) {
            claims.add(summary(c));
            bound += sizeBound(c);
            if (c.getLastSeen().isAfter(updated)) {
                updated = c.getLastSeen();
            }
        }
        int budget = maxBytes - RECORD_OVERHEAD_BYTES;
        if (bound > budget) {
            claims = mostInformativeWithin(claims, budget);
        }
        claims.sort(LISTED_ORDER);
        return SubjectClaims.newBuilder()
            .setSubjectKey(head.getSubjectKey())
            .setSubject(head.getSubject())
            .setClaims(claims)
            // The latest event time among the subject's mentions, not the wall clock: the
            // record is then the same whenever (and however often) its articles are processed.
            .setUpdated(updated)
            .setClaimCount(entries.size())
            .setEvictedClaims(head.getEvictedClaims())
            .build();
    }

    /**
     * About the Avro size of {@code record}: its strings' lengths (a character is a byte in the
     * mostly ASCII text of news) and a few bytes for each number, time and list. Cheap beside
     * encoding the record: it paces how often a large subject is written, and need not be exact.
     */
    static long approximateBytes(SubjectClaims record) {
        long bytes = length(record.getSubjectKey()) + length(record.getSubject()) + APPROXIMATE_FIXED_BYTES;
        for (ClaimSummary c : record.getClaims()) {
            bytes += length(c.getClaimKey()) + length(c.getUnit()) + length(c.getKind()) + APPROXIMATE_CLAIM_BYTES;
            for (String claimant : c.getClaimants()) {
                bytes += length(claimant) + 1;
            }
            for (SourceRef s : c.getSources()) {
                bytes += length(s.getArticleId()) + length(s.getSource()) + length(s.getTitle()) + length(s.getLink())
                    + length(s.getClaimant()) + length(s.getSpan()) + APPROXIMATE_SOURCE_BYTES;
            }
        }
        return bytes;
    }

    /** The claims, most informative first, whose exact encoded sizes add up to at most {@code budget}. */
    private static List<ClaimSummary> mostInformativeWithin(List<ClaimSummary> claims, int budget) {
        List<ClaimSummary> ranked = new ArrayList<>(claims);
        ranked.sort(MOST_INFORMATIVE);
        List<ClaimSummary> kept = new ArrayList<>();
        ByteCount size = new ByteCount();
        for (ClaimSummary claim : ranked) {
            long before = size.bytes;
            size.add(claim);
            if (size.bytes > budget) {
                size.bytes = before;
                continue; // a smaller claim further down may still fit
            }
            kept.add(claim);
        }
        return kept;
    }

    /** An upper bound of a claim's encoded size, cheap to compute: only records that may be too large are measured. */
    private static long sizeBound(ClaimEntry c) {
        long chars = c.getClaimKey().length() + c.getUnit().length() + c.getKind().length();
        for (SourceState s : c.getSources()) {
            chars += length(s.getArticleId()) + length(s.getSource()) + length(s.getTitle()) + length(s.getLink())
                + length(s.getClaimant()) + length(s.getSpan());
        }
        for (ClaimantState claimant : c.getClaimants()) {
            chars += claimant.getName().length();
        }
        return chars * MAX_BYTES_PER_CHAR + FIXED_CLAIM_BYTES
            + (long) (c.getSources().size() + c.getClaimants().size()) * FIXED_SOURCE_BYTES;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    private static ClaimSummary summary(ClaimEntry c) {
        List<String> claimants = new ArrayList<>(c.getClaimants().size());
        for (ClaimantState claimant : c.getClaimants()) {
            claimants.add(claimant.getName());
        }
        List<SourceRef> sources = new ArrayList<>(c.getSources().size());
        for (SourceState s : c.getSources()) {
            sources.add(new SourceRef(listedId(s.getArticleId(), s.getLink()), s.getSource(), s.getTitle(), s.getLink(),
                s.getPublished(), s.getClaimant(), s.getSpan()));
        }
        return ClaimSummary.newBuilder()
            .setClaimKey(c.getClaimKey())
            .setValue(c.getValue())
            .setValueHigh(c.getValueHigh())
            .setUnit(c.getUnit())
            .setKind(c.getKind())
            .setQualifier(Qualifier.valueOf(c.getQualifier()))
            .setChange(c.getChange() == null ? null : Change.valueOf(c.getChange()))
            .setClaimants(claimants)
            .setFirstSeen(c.getFirstSeen())
            .setLastSeen(c.getLastSeen())
            .setMentions(c.getMentions())
            .setSources(sources)
            .setOutlets(c.getOutlets())
            .setClaimantCount(c.getClaimantCount())
            .build();
    }

    /**
     * A listed source's article id: empty when it is the source's link. The id of an article
     * whose feed gave no GUID is its canonical link, so the same URL, often over a hundred
     * characters, stood twice in every source of every claim of a record that is rewritten
     * whenever its subject changes: a third of a record's bytes. news.claims keeps both.
     */
    static String listedId(String articleId, String link) {
        return articleId.equals(link) ? "" : articleId;
    }

    /** The news.claims record of a claim first seen in {@code mention}. */
    static NumericClaim firstSeen(ClaimMention m) {
        return NumericClaim.newBuilder()
            .setClaimKey(m.getClaimKey())
            .setSubjectKey(m.getSubjectKey())
            .setSubject(m.getSubject())
            .setValue(m.getValue())
            .setValueHigh(m.getValueHigh())
            .setUnit(m.getUnit())
            .setKind(m.getKind())
            .setQualifier(Qualifier.valueOf(m.getQualifier()))
            .setChange(m.getChange() == null ? null : Change.valueOf(m.getChange()))
            .setClaimant(m.getClaimant())
            .setSpan(m.getSpan())
            .setQuote(m.getSentence())
            .setArticle(new SourceRef(m.getArticleId(), m.getSource(), m.getTitle(), m.getLink(), m.getPublished(),
                m.getClaimant(), m.getSpan()))
            .setFirstSeen(m.getPublished())
            .build();
    }

    /** Counts the Avro bytes of the claims written to it, without keeping them. */
    private static final class ByteCount extends OutputStream {
        private final SpecificDatumWriter<ClaimSummary> writer = new SpecificDatumWriter<>(ClaimSummary.class);
        private final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(this, null);
        private long bytes;

        void add(ClaimSummary claim) {
            try {
                writer.write(claim, encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
