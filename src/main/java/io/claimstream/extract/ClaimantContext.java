package io.claimstream.extract;

import java.util.EnumSet;
import java.util.List;

/**
 * Per-article state of {@link ClaimantResolver}: the text, its mentions, the cues found per
 * sentence, and who spoke last.
 */
final class ClaimantContext {

    final String text;
    final List<Token> tokens;
    final Mentions mentions;
    private Entity lastSource;
    private int lastSourceAt = -1;
    private final java.util.Map<Integer, List<Attribution>> bySentence = new java.util.HashMap<>();

    /** The cues of a sentence, found once: quotations look ahead to the sentence that closes them. */
    List<Attribution> attributionsOf(Sentence s, java.util.function.Supplier<List<Attribution>> find) {
        return bySentence.computeIfAbsent(s.index(), i -> find.get());
    }

    /** The claimant of the last cue found, and its sentence: what "they" in the same sentence means. */
    String lastClaimant;
    int lastClaimantSentence = -1;

    ClaimantContext(String text, List<Token> tokens, Mentions mentions) {
        this.text = text;
        this.tokens = tokens;
        this.mentions = mentions;
    }

    String text(int first, int last) {
        return text.substring(tokens.get(first).start(), tokens.get(last).end());
    }

    void spoke(Entity e, int at) {
        if (e.type() != Entity.Type.PERSON && at >= lastSourceAt) {
            lastSource = e;
            lastSourceAt = at;
        }
    }

    /** "it said", "the update said": the organisation that spoke last, else the last one named. */
    Entity latestSource(int before) {
        if (lastSource != null && lastSourceAt < before) {
            return lastSource;
        }
        return mentions.latest(before, EnumSet.of(Entity.Type.ORGANISATION));
    }
}
