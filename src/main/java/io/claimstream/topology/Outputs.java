package io.claimstream.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.claimstream.avro.Change;
import io.claimstream.avro.ClaimSummary;
import io.claimstream.avro.NumericClaim;
import io.claimstream.avro.Qualifier;
import io.claimstream.avro.SourceRef;
import io.claimstream.avro.SubjectClaims;
import io.claimstream.avro.internal.ClaimMention;
import io.claimstream.avro.internal.ClaimState;
import io.claimstream.avro.internal.ClaimantState;
import io.claimstream.avro.internal.SourceState;
import io.claimstream.avro.internal.SubjectState;

/** The public records rendered from the topology's internal ones. */
final class Outputs {

    private Outputs() {
    }

    /** The claims.by-subject record of a subject that has at least one claim. */
    static SubjectClaims subjectClaims(SubjectState state) {
        List<ClaimSummary> claims = new ArrayList<>(state.getClaims().size());
        Instant updated = Instant.EPOCH;
        for (ClaimState c : state.getClaims()) {
            claims.add(summary(c));
            if (c.getLastSeen().isAfter(updated)) {
                updated = c.getLastSeen();
            }
        }
        return SubjectClaims.newBuilder()
            .setSubjectKey(state.getSubjectKey())
            .setSubject(state.getSubject())
            .setClaims(claims)
            // The latest event time among the subject's mentions, not the wall clock: the
            // record is then the same whenever (and however often) its articles are processed.
            .setUpdated(updated)
            .build();
    }

    private static ClaimSummary summary(ClaimState c) {
        List<String> claimants = new ArrayList<>(c.getClaimants().size());
        for (ClaimantState claimant : c.getClaimants()) {
            claimants.add(claimant.getName());
        }
        List<SourceRef> sources = new ArrayList<>(c.getSources().size());
        for (SourceState s : c.getSources()) {
            sources.add(new SourceRef(s.getArticleId(), s.getSource(), s.getTitle(), s.getLink(), s.getPublished(),
                s.getClaimant(), s.getSpan()));
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
            .build();
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
}
