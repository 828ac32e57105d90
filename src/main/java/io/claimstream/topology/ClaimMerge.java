package io.claimstream.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.claimstream.avro.internal.ClaimEntry;
import io.claimstream.avro.internal.ClaimMention;
import io.claimstream.avro.internal.ClaimantState;
import io.claimstream.avro.internal.MentionPosition;
import io.claimstream.avro.internal.SourceState;

/**
 * Merges a mention into what is known about its claim: a new figure becomes a new entry, a
 * known one gains a mention, a source and maybe a claimant.
 *
 * <p>Everything it keeps is chosen by event time, never by arrival: the claim's wording comes
 * from its earliest mention, the sources kept are the earliest and the latest articles, the
 * claimants kept those who appeared first. So the same set of articles gives the same entry
 * whatever order they arrive in — after a replay, a restart, or across partitions.
 *
 * <p>An entry has a size bound whatever the number of mentions: the lists are capped and the
 * counts beside them (mentions, outlets, claimants) are exact. The caller says whether the
 * mention's article, outlet and claimant are new to the claim ({@link SubjectAggregator} keeps
 * that record, beyond the lists).
 */
final class ClaimMerge {

    static final Comparator<MentionPosition> POSITION_ORDER = Comparator
        .comparing(MentionPosition::getTime)
        .thenComparing(MentionPosition::getArticleId)
        .thenComparingInt(MentionPosition::getStart);
    static final Comparator<SourceState> SOURCE_ORDER = Comparator
        .comparing(SourceState::getPublished).thenComparing(SourceState::getArticleId);
    private static final Comparator<ClaimantState> CLAIMANT_ORDER = Comparator
        .comparing(ClaimantState::getFirstSeen).thenComparing(ClaimantState::getName);

    /** What the mention brings that the claim has not counted yet; its article always is. */
    record Novelty(boolean outlet, boolean claimant) {
    }

    private final int earliestSources;
    private final int latestSources;
    private final int maxClaimants;

    /**
     * @param maxSources sources listed: the earliest half (rounded up) and the latest half
     * @param maxClaimants claimants listed, the earliest
     */
    ClaimMerge(int maxSources, int maxClaimants) {
        this.earliestSources = (maxSources + 1) / 2;
        this.latestSources = maxSources / 2;
        this.maxClaimants = maxClaimants;
    }

    /** The entry of a claim first seen in {@code m}. */
    ClaimEntry first(ClaimMention m) {
        boolean claimed = hasClaimant(m);
        return ClaimEntry.newBuilder()
            .setClaimKey(m.getClaimKey())
            .setValue(m.getValue())
            .setUnit(m.getUnit())
            .setKind(m.getKind())
            .setQualifier(m.getQualifier())
            .setValueHigh(m.getValueHigh())
            .setChange(m.getChange())
            .setStatedFrom(position(m))
            .setFirstSeen(m.getPublished())
            .setLastSeen(m.getPublished())
            .setMentions(1)
            .setOutlets(1)
            .setClaimantCount(claimed ? 1 : 0)
            .setSources(new ArrayList<>(List.of(source(m))))
            .setClaimants(claimed ? new ArrayList<>(List.of(new ClaimantState(m.getClaimant(), m.getPublished())))
                : new ArrayList<>())
            .build();
    }

    /** Adds {@code m}, from an article not counted for the claim before, to {@code claim}, in place. */
    void add(ClaimEntry claim, ClaimMention m, Novelty novelty) {
        claim.setMentions(claim.getMentions() + 1);
        if (novelty.outlet()) {
            claim.setOutlets(claim.getOutlets() + 1);
        }
        if (novelty.claimant() && hasClaimant(m)) {
            claim.setClaimantCount(claim.getClaimantCount() + 1);
        }
        if (m.getPublished().isBefore(claim.getFirstSeen())) {
            claim.setFirstSeen(m.getPublished());
        }
        if (m.getPublished().isAfter(claim.getLastSeen())) {
            claim.setLastSeen(m.getPublished());
        }
        MentionPosition position = position(m);
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
        // The earliest and latest of the kept ones and this one are those of every source ever
        // added: the kept ones hold the earliest and latest of those before.
        List<SourceState> sources = new ArrayList<>(claim.getSources());
        sources.add(source(m));
        claim.setSources(earliestAndLatest(sources));
        addClaimant(claim, m);
    }

    /** The earliest and latest of {@code sources}, oldest first, within the cap. */
    List<SourceState> earliestAndLatest(List<SourceState> sources) {
        List<SourceState> all = new ArrayList<>(sources);
        all.sort(SOURCE_ORDER);
        if (all.size() <= earliestSources + latestSources) {
            return all;
        }
        List<SourceState> cut = new ArrayList<>(all.subList(0, earliestSources));
        cut.addAll(all.subList(all.size() - latestSources, all.size()));
        return cut;
    }

    private void addClaimant(ClaimEntry claim, ClaimMention m) {
        if (!hasClaimant(m)) {
            return;
        }
        List<ClaimantState> claimants = new ArrayList<>(claim.getClaimants());
        ClaimantState known = claimants.stream().filter(c -> c.getName().equals(m.getClaimant())).findFirst().orElse(null);
        if (known == null) {
            claimants.add(new ClaimantState(m.getClaimant(), m.getPublished()));
        } else if (m.getPublished().isBefore(known.getFirstSeen())) {
            known.setFirstSeen(m.getPublished());
        }
        claim.setClaimants(earliestClaimants(claimants));
    }

    /** The earliest of {@code claimants}, in order of first appearance, within the cap. */
    List<ClaimantState> earliestClaimants(List<ClaimantState> claimants) {
        List<ClaimantState> all = new ArrayList<>(claimants);
        all.sort(CLAIMANT_ORDER);
        // Keeping the earliest ones is order-independent: a claimant dropped here could only
        // come back with an earlier time, which this same rule would then let in.
        return all.size() <= maxClaimants ? all : new ArrayList<>(all.subList(0, maxClaimants));
    }

    /** Whether {@code claim} lists a source from {@code outlet}. */
    static boolean listsOutlet(ClaimEntry claim, String outlet) {
        for (SourceState s : claim.getSources()) {
            if (s.getSource().equals(outlet)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code claim} lists {@code claimant}. */
    static boolean listsClaimant(ClaimEntry claim, String claimant) {
        for (ClaimantState c : claim.getClaimants()) {
            if (c.getName().equals(claimant)) {
                return true;
            }
        }
        return false;
    }

    static boolean hasClaimant(ClaimMention m) {
        return m.getClaimant() != null && !m.getClaimant().isBlank();
    }

    static MentionPosition position(ClaimMention m) {
        return new MentionPosition(m.getPublished(), m.getArticleId(), m.getStart());
    }

    private static SourceState source(ClaimMention m) {
        return new SourceState(m.getArticleId(), m.getSource(), m.getTitle(), m.getLink(), m.getPublished(),
            m.getClaimant(), m.getSpan());
    }
}
