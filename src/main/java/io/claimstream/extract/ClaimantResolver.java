package io.claimstream.extract;

import java.util.List;

/**
 * Finds who an article attributes each figure to. Attribution cues are reporting verbs ("X
 * said", "..., X said.", "X estimates that"), "according to X", a source's document ("by the
 * General Staff's count", "agriculture ministry data showed", "estimates by X") and quotations
 * (a figure inside quotation marks belongs to the quoted speaker). The speaker is resolved to
 * the full name the article first uses. A figure with no cue in its own sentence is the
 * outlet's: attribution does not carry over to the next sentence.
 *
 * <p>This class applies the rules in this order, each from a class of its own:
 * <ol>
 * <li>the cues of each sentence with figures ({@link ClaimantCues}), each an {@link Attribution}
 *     whose speaker phrase is read by {@link ClaimantPhrases} and named by {@link ClaimantNames};</li>
 * <li>for each figure: the speaker of a quotation it stands in ({@link ClaimantQuotes});</li>
 * <li>else the covering cue nearest the figure ({@link #nearest}).</li>
 * </ol>
 * Per-article state (mentions, who spoke last) is a {@link ClaimantContext}.
 */
final class ClaimantResolver {

    private final Lexicon lexicon;
    private final ClaimantCues cues;
    private final ClaimantQuotes quotations;

    ClaimantResolver(Lexicon lexicon) {
        this.lexicon = lexicon;
        ClaimantNames names = new ClaimantNames(lexicon);
        this.cues = new ClaimantCues(lexicon, new ClaimantPhrases(lexicon, names), names);
        this.quotations = new ClaimantQuotes(cues);
    }

    void resolve(ArticleText article, List<Token> tokens, List<Sentence> sentences, List<Candidate> claims) {
        String text = article.text();
        ClaimantContext cx = new ClaimantContext(text, tokens, new Mentions(lexicon, text, tokens, article.source()));
        List<int[]> quotes = ClaimantQuotes.quotations(tokens);
        int claimIndex = 0;
        List<Attribution> previous = List.of();
        for (Sentence s : sentences) {
            if (claimIndex == claims.size()) {
                break; // the names and cues of the sentences after the last figure attribute nothing
            }
            cx.mentions.scan(s);
            boolean hasClaims = claimIndex < claims.size() && claims.get(claimIndex).sentence == s;
            // Cues matter where there are figures, and in the sentence before one (a quotation's voice).
            boolean needed = hasClaims || claimIndex < claims.size() && claims.get(claimIndex).sentence.index() == s.index() + 1;
            List<Attribution> found = needed ? cx.attributionsOf(s, () -> cues.attributions(cx, s)) : List.of();
            while (claimIndex < claims.size() && claims.get(claimIndex).sentence == s) {
                Candidate c = claims.get(claimIndex++);
                String quoted = quotations.quotedSpeaker(cx, quotes, sentences, s, c, found, previous);
                Attribution a = nearest(found, c.numberFirst);
                if (quoted != null) {
                    c.claimant = quoted;
                } else if (a != null) {
                    c.claimant = a.claimant();
                }
            }
            previous = found;
        }
    }

    /**
     * The covering cue nearest the figure. A closing ", X said" frames all that comes before it,
     * so it wins over a cue inside its clause; a verb's cue wins over a whole-sentence cue.
     */
    private static Attribution nearest(List<Attribution> found, int token) {
        Attribution best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Attribution a : found) {
            if (!a.covers(token)) {
                continue;
            }
            boolean framing = a.backward() && !a.sentenceWide() && token < a.speakerFirst();
            int d = Math.abs(token - a.cue()) + (a.sentenceWide() ? 1000 : 0) - (framing ? 500 : 0);
            if (d < bestDistance) {
                best = a;
                bestDistance = d;
            }
        }
        return best;
    }
}
