package io.claimstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.claimstream.avro.internal.ClaimEntry;
import io.claimstream.avro.internal.ClaimMention;
import io.claimstream.avro.internal.ClaimantState;
import io.claimstream.avro.internal.SourceState;

import org.junit.jupiter.api.Test;

class ClaimMergeTest {

    private static final Instant T0 = Instant.parse("2025-02-14T08:00:00Z");

    @Test
    void sourcesAreTheEarliestAndTheLatestArticlesWhileMentionsCountThemAll() {
        ClaimMerge merge = new ClaimMerge(2, 20);
        ClaimEntry claim = null;
        for (int hour : new int[] {3, 1, 5, 4, 2}) {
            claim = add(merge, claim, mention("art-" + hour, hour, null));
        }

        assertThat(claim.getMentions()).isEqualTo(5);
        assertThat(claim.getSources()).extracting(SourceState::getArticleId).containsExactly("art-1", "art-5");
        assertThat(claim.getFirstSeen()).isEqualTo(T0.plusSeconds(3600));
        assertThat(claim.getLastSeen()).isEqualTo(T0.plusSeconds(5 * 3600));
    }

    @Test
    void anOddSourceCapKeepsOneMoreOfTheEarliest() {
        ClaimMerge merge = new ClaimMerge(3, 20);
        ClaimEntry claim = null;
        for (int hour = 1; hour <= 6; hour++) {
            claim = add(merge, claim, mention("art-" + hour, hour, null));
        }
        assertThat(claim.getSources()).extracting(SourceState::getArticleId).containsExactly("art-1", "art-2", "art-6");
    }

    @Test
    void claimantsAreTheEarliestUpToTheCapAndTheCountKeepsThemAll() {
        ClaimMerge merge = new ClaimMerge(2, 2);
        ClaimEntry claim = merge.first(mention("art-3", 3, "Kyiv"));
        merge.add(claim, mention("art-4", 4, "Moscow"), new ClaimMerge.Novelty(true, true));
        merge.add(claim, mention("art-5", 5, "Kyiv"), new ClaimMerge.Novelty(true, false));
        merge.add(claim, mention("art-6", 6, "Washington"), new ClaimMerge.Novelty(true, true));
        assertThat(claim.getClaimants()).extracting(ClaimantState::getName).containsExactly("Kyiv", "Moscow");
        assertThat(claim.getClaimantCount()).isEqualTo(3);

        // An earlier article brings a claimant in ahead of the others.
        merge.add(claim, mention("art-1", 1, "Washington"), new ClaimMerge.Novelty(true, false));
        assertThat(claim.getClaimants()).extracting(ClaimantState::getName).containsExactly("Washington", "Kyiv");
        assertThat(claim.getClaimantCount()).isEqualTo(3);
    }

    @Test
    void outletsCountOnlyTheOutletsNewToTheClaim() {
        ClaimMerge merge = new ClaimMerge(2, 20);
        ClaimEntry claim = merge.first(mention("art-1", 1, null));
        merge.add(claim, mention("art-2", 2, null), new ClaimMerge.Novelty(false, false));
        merge.add(claim, mention("art-3", 3, null), new ClaimMerge.Novelty(true, false));
        assertThat(claim.getMentions()).isEqualTo(3);
        assertThat(claim.getOutlets()).isEqualTo(2);
    }

    @Test
    void theEarliestMentionGivesTheWordingWhateverArrivesFirst() {
        ClaimMerge merge = new ClaimMerge(2, 20);
        ClaimMention late = mention("art-2", 2, null);
        late.setQualifier("APPROXIMATE");
        late.setUnit("troop");
        ClaimEntry claim = merge.first(late);
        merge.add(claim, mention("art-1", 1, null), new ClaimMerge.Novelty(true, false));
        assertThat(claim.getQualifier()).isEqualTo("EXACT");
        assertThat(claim.getUnit()).isEqualTo("soldier");
    }

    @Test
    void everyArrivalOrderOfTheSameMentionsGivesTheSameEntry() {
        List<ClaimMention> mentions = List.of(
            mention("art-1", 1, "Kyiv"), mention("art-2", 2, "Moscow"), mention("art-3", 3, null),
            mention("art-4", 4, "Kyiv"), mention("art-5", 5, "Washington"));
        Set<ClaimEntry> results = new HashSet<>();
        for (List<ClaimMention> order : permutations(mentions)) {
            ClaimMerge merge = new ClaimMerge(2, 2);
            ClaimEntry claim = null;
            Set<String> claimants = new HashSet<>();
            for (ClaimMention m : order) {
                ClaimMention copy = ClaimMention.newBuilder(m).build();
                boolean newClaimant = m.getClaimant() != null && claimants.add(m.getClaimant());
                if (claim == null) {
                    claim = merge.first(copy);
                } else {
                    merge.add(claim, copy, new ClaimMerge.Novelty(true, newClaimant));
                }
            }
            results.add(claim);
        }
        assertThat(results).hasSize(1);
        ClaimEntry only = results.iterator().next();
        assertThat(only.getMentions()).isEqualTo(5);
        assertThat(only.getClaimantCount()).isEqualTo(3);
        assertThat(only.getClaimants()).extracting(ClaimantState::getName).containsExactly("Kyiv", "Moscow");
        assertThat(only.getSources()).extracting(SourceState::getArticleId).containsExactly("art-1", "art-5");
    }

    private static ClaimEntry add(ClaimMerge merge, ClaimEntry claim, ClaimMention m) {
        if (claim == null) {
            return merge.first(m);
        }
        merge.add(claim, m, new ClaimMerge.Novelty(true, m.getClaimant() != null));
        return claim;
    }

    private static ClaimMention mention(String articleId, int hour, String claimant) {
        return ClaimMention.newBuilder()
            .setSubjectKey("russia/soldier-lost")
            .setSubject("soldier lost (russia)")
            .setClaimKey("russia/soldier-lost=1")
            .setValue(1)
            .setUnit("soldier")
            .setKind("count")
            .setQualifier("EXACT")
            .setClaimant(claimant)
            .setSpan("span in " + articleId)
            .setStart(0)
            .setArticleId(articleId)
            .setSource("outlet-of-" + articleId)
            .setPublished(T0.plusSeconds(hour * 3600L))
            .build();
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T first = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> order = new ArrayList<>();
                order.add(first);
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }
}
