package io.claimstream.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.claimstream.avro.internal.ClaimMention;
import io.claimstream.avro.internal.ClaimState;
import io.claimstream.avro.internal.ClaimantState;
import io.claimstream.avro.internal.MentionPosition;
import io.claimstream.avro.internal.SourceState;
import io.claimstream.avro.internal.SubjectState;

/**
 * Merges a mention into what is known about its subject: a new figure becomes a new claim, a
 * known one gains a source, maybe a claimant, and a mention.
 *
 * <p>Everything it keeps is chosen by event time, never by arrival: the subject's description
 * and each claim's qualifier come from their earliest mention, the sources kept are the oldest
 * articles, the claimants kept those who appeared first, and claims are listed by when they
 * were first seen. So the same set of articles gives the same record whatever order they
 * arrive in — after a replay, a restart, or across partitions. Only the per-subject cap, when
 * reached, depends on arrival: it drops the claim seen least recently at that moment.
 *
 * <p>The caller guarantees that the mention's article has not been counted for its claim
 * before ({@link SubjectAggregator} keeps that record beyond the sources cap).
 */
final class SubjectMerge {

    static final Comparator<MentionPosition> POSITION_ORDER = Comparator
        .comparing(MentionPosition::getTime)
        .thenComparing(MentionPosition::getArticleId)
        .thenComparingInt(MentionPosition::getStart);
    private static final Comparator<ClaimState> CLAIM_ORDER = Comparator
        .comparing(ClaimState::getFirstSeen).thenComparing(ClaimState::getClaimKey);
    private static final Comparator<SourceState> SOURCE_ORDER = Comparator
        .comparing(SourceState::getPublished).thenComparing(SourceState::getArticleId);
    private static final Comparator<ClaimantState> CLAIMANT_ORDER = Comparator
        .comparing(ClaimantState::getFirstSeen).thenComparing(ClaimantState::getName);
    /** Which claim goes when a subject is full: seen least recently, then fewest mentions. */
    private static final Comparator<ClaimState> EVICTION_ORDER = Comparator
        .comparing(ClaimState::getLastSeen).thenComparingLong(ClaimState::getMentions).thenComparing(ClaimState::getClaimKey);

    /**
     * What a merge did.
     *
     * @param state the subject after the merge (the same object as before when it existed)
     * @param changed false when the mention was refused: a new claim that would have been the one dropped by a full subject
     * @param newClaim whether the mention's claim was not known before
     * @param evictedClaimKeys claims dropped to make room for the new one
     */
    record Result(SubjectState state, boolean changed, boolean newClaim, List<String> evictedClaimKeys) {
    }

    private final int maxClaimsPerSubject;
    private final int maxSourcesPerClaim;

    SubjectMerge(int maxClaimsPerSubject, int maxSourcesPerClaim) {
        this.maxClaimsPerSubject = maxClaimsPerSubject;
        this.maxSourcesPerClaim = maxSourcesPerClaim;
    }

    /** Merges {@code mention} into {@code state} (null for an unknown subject), updating it in place. */
    Result add(SubjectState state, ClaimMention mention) {
        MentionPosition position = position(mention);
        if (state == null) {
            state = SubjectState.newBuilder()
                .setSubjectKey(mention.getSubjectKey())
                .setSubject(mention.getSubject())
                .setSubjectFrom(position)
                .setClaims(new ArrayList<>())
                .build();
        }
        List<ClaimState> claims = new ArrayList<>(state.getClaims());
        ClaimState claim = claims.stream().filter(c -> c.getClaimKey().equals(mention.getClaimKey())).findFirst().orElse(null);
        List<String> evicted = List.of();
        boolean newClaim = claim == null;
        if (newClaim) {
            claim = newClaim(mention, position);
            if (claims.size() >= maxClaimsPerSubject) {
                ClaimState victim = claims.stream().min(EVICTION_ORDER).orElseThrow();
                if (EVICTION_ORDER.compare(claim, victim) < 0) {
                    return new Result(state, false, false, List.of());
                }
                claims.remove(victim);
                evicted = List.of(victim.getClaimKey());
                state.setEvictedClaims(state.getEvictedClaims() + 1);
            }
            claims.add(claim);
        } else {
            addMention(claim, mention, position);
        }
        claims.sort(CLAIM_ORDER);
        state.setClaims(claims);
        if (POSITION_ORDER.compare(position, state.getSubjectFrom()) < 0) {
            state.setSubject(mention.getSubject());
            state.setSubjectFrom(position);
        }
        return new Result(state, true, newClaim, evicted);
    }

    private ClaimState newClaim(ClaimMention m, MentionPosition position) {
        ClaimState claim = ClaimState.newBuilder()
            .setClaimKey(m.getClaimKey())
            .setValue(m.getValue())
            .setUnit(m.getUnit())
            .setKind(m.getKind())
            .setQualifier(m.getQualifier())
            .setValueHigh(m.getValueHigh())
            .setChange(m.getChange())
            .setStatedFrom(position)
            .setFirstSeen(m.getPublished())
            .setLastSeen(m.getPublished())
            .setMentions(1)
            .setSources(new ArrayList<>(List.of(source(m))))
            .setClaimants(new ArrayList<>())
            .build();
        addClaimant(claim, m);
        return claim;
    }

    private void addMention(ClaimState claim, ClaimMention m, MentionPosition position) {
        claim.setMentions(claim.getMentions() + 1);
        if (m.getPublished().isBefore(claim.getFirstSeen())) {
            claim.setFirstSeen(m.getPublished());
        }
        if (m.getPublished().isAfter(claim.getLastSeen())) {
            claim.setLastSeen(m.getPublished());
        }
        if (POSITION_ORDER.compare(position, claim.getStatedFrom()) < 0) {
            // How the figure was stated when first seen: the earliest mention's wording wins,
            // the unit too (troops and soldiers share a claim key when the subject folds them).
            claim.setValue(m.getValue());
            claim.setUnit(m.getUnit());
            claim.setValueHigh(m.getValueHigh());
            claim.setKind(m.getKind());
            claim.setQualifier(m.getQualifier());
            claim.setChange(m.getChange());
            claim.setStatedFrom(position);
        }
        List<SourceState> sources = new ArrayList<>(claim.getSources());
        sources.add(source(m));
        sources.sort(SOURCE_ORDER);
        claim.setSources(capped(sources));
        addClaimant(claim, m);
    }

    private void addClaimant(ClaimState claim, ClaimMention m) {
        if (m.getClaimant() == null || m.getClaimant().isBlank()) {
            return;
        }
        List<ClaimantState> claimants = new ArrayList<>(claim.getClaimants());
        ClaimantState known = claimants.stream().filter(c -> c.getName().equals(m.getClaimant())).findFirst().orElse(null);
        if (known == null) {
            claimants.add(new ClaimantState(m.getClaimant(), m.getPublished()));
        } else if (m.getPublished().isBefore(known.getFirstSeen())) {
            known.setFirstSeen(m.getPublished());
        }
        claimants.sort(CLAIMANT_ORDER);
        // Keeping the earliest ones is order-independent: a claimant dropped here could only
        // come back with an earlier time, which this same rule would then let in.
        claim.setClaimants(capped(claimants));
    }

    private <T> List<T> capped(List<T> list) {
        return list.size() <= maxSourcesPerClaim ? list : new ArrayList<>(list.subList(0, maxSourcesPerClaim));
    }

    static MentionPosition position(ClaimMention m) {
        return new MentionPosition(m.getPublished(), m.getArticleId(), m.getStart());
    }

    private static SourceState source(ClaimMention m) {
        return new SourceState(m.getArticleId(), m.getSource(), m.getTitle(), m.getLink(), m.getPublished(),
            m.getClaimant(), m.getSpan());
    }
}
