package io.claimstream.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * A figure inside quotation marks belongs to the quoted speaker: the cue right after the
 * quotation closes or right before it opens, or the voice of the sentence before it.
 */
final class ClaimantQuotes {

    private final ClaimantCues sentenceCues;

    ClaimantQuotes(ClaimantCues cues) {
        this.sentenceCues = cues;
    }

    /** Token ranges [open, close] of double-quoted passages. */
    static List<int[]> quotations(List<Token> tokens) {
        List<int[]> spans = new ArrayList<>();
        int open = -1;
        for (int k = 0; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (t.type() != Token.Type.QUOTE || !(t.is("\"") || t.is("“") || t.is("”"))) {
                continue;
            }
            boolean opening = t.is("“") || (t.is("\"") && open < 0);
            if (opening && open < 0) {
                open = k;
            } else if (!opening && open >= 0) {
                spans.add(new int[] {open, k});
                open = -1;
            }
        }
        return spans;
    }

    /** The speaker of the quotation a figure stands in, found by the cue after or before it. */
    String quotedSpeaker(ClaimantContext cx, List<int[]> quotes, List<Sentence> sentences, Sentence s, Candidate c,
                                 List<Attribution> found, List<Attribution> previous) {
        for (int[] q : quotes) {
            if (c.numberFirst <= q[0] || c.numberFirst >= q[1]) {
                continue;
            }
            if (q[1] - q[0] < 6) {
                return null; // a quoted term, not a quotation
            }
            Sentence closing = sentenceOf(sentences, q[1]);
            List<Attribution> cues = closing == s ? found : cx.attributionsOf(closing, () -> sentenceCues.attributions(cx, closing));
            for (Attribution a : cues) {
                if (a.cue() > q[1] && a.cue() - q[1] <= 8) {
                    return a.claimant();
                }
            }
            Sentence opening = sentenceOf(sentences, q[0]);
            List<Attribution> before = opening == s ? found : opening.index() == s.index() - 1 ? previous : List.of();
            for (Attribution a : before) {
                if (a.cue() < q[0] && q[0] - a.cue() <= 4) {
                    return a.claimant();
                }
            }
            // A quotation that opens a sentence right after an attributed one goes on in that voice:
            // '"...," Kjeldgaard told reporters. "Roughly two-thirds of the money ..."'
            if (opening == s && q[0] == s.first() && !previous.isEmpty()) {
                return previous.get(previous.size() - 1).claimant();
            }
            return null;
        }
        return null;
    }

    private static Sentence sentenceOf(List<Sentence> sentences, int token) {
        for (Sentence s : sentences) {
            if (s.contains(token)) {
                return s;
            }
        }
        return sentences.get(sentences.size() - 1);
    }
}
