package io.claimstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.claimstream.avro.ClaimSummary;
import io.claimstream.avro.Qualifier;
import io.claimstream.avro.SourceRef;
import io.claimstream.avro.SubjectClaims;
import io.claimstream.avro.internal.ClaimMention;
import io.claimstream.avro.internal.SubjectState;

import org.junit.jupiter.api.Test;

class SubjectMergeTest {

    private static final Instant T0 = Instant.parse("2025-02-14T08:00:00Z");

    @Test
    void sourcesAreTheOldestArticlesUpToTheCapWhileMentionsCountThemAll() {
        SubjectMerge merge = new SubjectMerge(10, 2);
        SubjectState state = null;
        for (int hour : new int[] {3, 1, 4, 2}) {
            state = merge.add(state, mention("a=1", "art-" + hour, hour, null, "EXACT")).state();
        }

        ClaimSummary claim = render(state).getClaims().get(0);
        assertThat(claim.getMentions()).isEqualTo(4);
        assertThat(claim.getSources()).extracting(SourceRef::getArticleId).containsExactly("art-1", "art-2");
        assertThat(claim.getFirstSeen()).isEqualTo(T0.plusSeconds(3600));
        assertThat(claim.getLastSeen()).isEqualTo(T0.plusSeconds(4 * 3600));
    }

    @Test
    void claimantsAreDistinctInOrderOfFirstAppearanceUpToTheCap() {
        SubjectMerge merge = new SubjectMerge(10, 2);
        SubjectState state = null;
        state = merge.add(state, mention("a=1", "art-3", 3, "Kyiv", "EXACT")).state();
        state = merge.add(state, mention("a=1", "art-4", 4, "Moscow", "EXACT")).state();
        state = merge.add(state, mention("a=1", "art-5", 5, "Kyiv", "EXACT")).state();
        state = merge.add(state, mention("a=1", "art-6", 6, "Washington", "EXACT")).state();
        assertThat(render(state).getClaims().get(0).getClaimants()).containsExactly("Kyiv", "Moscow");

        // An earlier article brings a claimant in ahead of the others.
        state = merge.add(state, mention("a=1", "art-1", 1, "Washington", "EXACT")).state();
        assertThat(render(state).getClaims().get(0).getClaimants()).containsExactly("Washington", "Kyiv");
    }

    @Test
    void theEarliestMentionGivesTheWordingAndTheDescriptionWhateverArrivesFirst() {
        SubjectMerge merge = new SubjectMerge(10, 20);
        ClaimMention late = mention("a=1", "art-2", 2, null, "APPROXIMATE");
        late.setSubject("later description");
        ClaimMention early = mention("a=1", "art-1", 1, null, "EXACT");
        early.setSubject("earliest description");

        SubjectClaims rendered = render(merge.add(merge.add(null, late).state(), early).state());
        assertThat(rendered.getSubject()).isEqualTo("earliest description");
        assertThat(rendered.getClaims().get(0).getQualifier()).isEqualTo(Qualifier.EXACT);
    }

    @Test
    void everyArrivalOrderOfTheSameMentionsGivesTheSameRecord() {
        ClaimMention inOtherWords = mention("a=1", "art-2", 2, "Moscow", "APPROXIMATE");
        inOtherWords.setUnit("troop");
        List<ClaimMention> mentions = List.of(
            mention("a=1", "art-1", 1, "Kyiv", "EXACT"),
            inOtherWords,
            mention("b=2", "art-2", 2, null, "EXACT"),
            mention("b=2", "art-3", 3, "Kyiv", "AT_LEAST"),
            mention("a=1", "art-4", 4, "Washington", "EXACT"));
        Set<SubjectClaims> results = new HashSet<>();
        for (List<ClaimMention> order : permutations(mentions)) {
            SubjectMerge merge = new SubjectMerge(10, 2);
            SubjectState state = null;
            for (ClaimMention m : order) {
                state = merge.add(state, copy(m)).state();
            }
            results.add(render(state));
        }
        assertThat(results).hasSize(1);
        SubjectClaims only = results.iterator().next();
        assertThat(only.getClaims()).extracting(ClaimSummary::getClaimKey).containsExactly("a=1", "b=2");
        assertThat(only.getClaims()).extracting(ClaimSummary::getMentions).containsExactly(3L, 2L);
        assertThat(only.getClaims().get(0).getUnit()).isEqualTo("soldier");
    }

    @Test
    void aFullSubjectDropsTheClaimSeenLeastRecentlyAndSaysWhich() {
        SubjectMerge merge = new SubjectMerge(2, 20);
        SubjectState state = merge.add(null, mention("a=1", "art-1", 1, null, "EXACT")).state();
        state = merge.add(state, mention("b=2", "art-2", 2, null, "EXACT")).state();
        state = merge.add(state, mention("a=1", "art-5", 5, null, "EXACT")).state();

        SubjectMerge.Result result = merge.add(state, mention("c=3", "art-6", 6, null, "EXACT"));
        assertThat(result.changed()).isTrue();
        assertThat(result.newClaim()).isTrue();
        assertThat(result.evictedClaimKeys()).containsExactly("b=2");
        assertThat(result.state().getEvictedClaims()).isEqualTo(1);
        assertThat(render(result.state()).getClaims()).extracting(ClaimSummary::getClaimKey).containsExactly("a=1", "c=3");
    }

    @Test
    void aFullSubjectRefusesANewClaimOlderThanAllItKeeps() {
        SubjectMerge merge = new SubjectMerge(1, 20);
        SubjectState state = merge.add(null, mention("a=1", "art-5", 5, null, "EXACT")).state();

        SubjectMerge.Result result = merge.add(state, mention("b=2", "art-1", 1, null, "EXACT"));
        assertThat(result.changed()).isFalse();
        assertThat(render(result.state()).getClaims()).extracting(ClaimSummary::getClaimKey).containsExactly("a=1");
    }

    private static SubjectClaims render(SubjectState state) {
        return Outputs.subjectClaims(state);
    }

    private static ClaimMention mention(String claimKey, String articleId, int hour, String claimant, String qualifier) {
        return ClaimMention.newBuilder()
            .setSubjectKey("russia/soldier/lost")
            .setSubject("soldier lost (russia)")
            .setClaimKey(claimKey)
            .setValue(Double.parseDouble(claimKey.substring(claimKey.indexOf('=') + 1)))
            .setUnit("soldier")
            .setKind("count")
            .setQualifier(qualifier)
            .setClaimant(claimant)
            .setSpan("span in " + articleId)
            .setStart(0)
            .setArticleId(articleId)
            .setSource("outlet-of-" + articleId)
            .setPublished(T0.plusSeconds(hour * 3600L))
            .build();
    }

    private static ClaimMention copy(ClaimMention m) {
        return ClaimMention.newBuilder(m).build();
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
