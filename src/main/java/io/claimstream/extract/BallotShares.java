package io.claimstream.extract;

import java.util.List;

/**
 * The measure of a share that is a ballot's result: "88.4% voted to reject the deal", "voted 64%
 * to reject", "approved by 59% of voting members", "41% voted against", "96% voted to strike".
 * The measure is the vote for the side the share counts ("vote-against", "vote-for", "vote-strike"),
 * so that outlets' wordings of one result meet and its two sides stay apart. A vote for a named
 * contender ("34% voted for Labour") is left to the contender's vote share.
 */
final class BallotShares {

    /** How far from the share the ballot's words may stand: "Of the members who cast ballots on Sunday, 88.4% voted to reject". */
    private static final int WINDOW = 8;
    private static final String VOTE = "vote";
    private static final String NOUN = "noun";
    /** Words before a share that make it a level, not a ballot's result. */
    private static final java.util.Set<String> LEVEL_PREPOSITIONS = java.util.Set.of("from", "to", "at", "of");

    private BallotShares() {
    }

    /** The ballot measure of a share, or null when the share is no ballot's result. */
    static String measure(List<Token> tokens, Candidate c) {
        if (c.kind != QuantityKind.PERCENT && c.kind != QuantityKind.FRACTION || c.change != null
            || "percentage_point".equals(c.unit)) {
            return null;
        }
        Sentence s = c.sentence;
        if (c.first > s.first() && LEVEL_PREPOSITIONS.contains(tokens.get(c.first - 1).lower())) {
            return null; // "voted for the reduction from 5.25%": a level the ballot was about
        }
        boolean passive = c.first > s.first() && tokens.get(c.first - 1).is("by"); // "rejected by 94.6%"
        boolean ballot = passive;
        String side = null;
        int sideDistance = Integer.MAX_VALUE;
        int from = Math.max(s.first(), c.first - WINDOW);
        int to = Math.min(s.end() - 1, c.last + WINDOW);
        for (int k = from; k <= to; k++) {
            if (k >= c.first && k <= c.last) {
                continue;
            }
            Token t = tokens.get(k);
            if (t.is(";") || t.is(":") || t.isNumber() && (k < c.first - 2 || k > c.last)) {
                if (k < c.first) {
                    side = null; // another figure or clause before: its words are not this share's
                    sideDistance = Integer.MAX_VALUE;
                    ballot = passive;
                    continue;
                }
                break;
            }
            String role = t.isWord() ? FrameLexicon.BALLOT_WORDS.get(t.lower()) : null;
            if (role == null) {
                continue;
            }
            if (role.equals(NOUN)) {
                ballot = true; // "of the vote", "of voters": a ballot's result only with a side stated
                continue;
            }
            if (role.equals(VOTE)) {
                ballot = true;
                String toVerb = k + 2 <= to && tokens.get(k + 1).is("to") ? tokens.get(k + 2).lower() : null;
                if (toVerb != null && tokens.get(k + 2).isWord() && !FrameLexicon.BALLOT_WORDS.containsKey(toVerb)
                    && !tokens.get(k + 2).word().isFunction() && distance(c, k + 2) < sideDistance) {
                    side = toVerb; // "96% voted to strike"
                    sideDistance = distance(c, k + 2);
                }
                continue;
            }
            int next = k + 1 <= to && tokens.get(k + 1).is("the") ? k + 2 : k + 1;
            if (role.equals("for") && t.is("for") && next <= to && tokens.get(next).isCapitalised()) {
                return null; // "34% voted for Labour", "26.9% for the Rural People's Party": a contender's vote share
            }
            if (k + 1 <= to && tokens.get(k + 1).isNumber()) {
                continue; // "31.8%, against 26.9%": a comparison, not a side
            }
            if (distance(c, k) < sideDistance && (k > c.last || ballot)) {
                side = role;
                sideDistance = distance(c, k);
            }
        }
        return ballot && side != null ? VOTE + "-" + side : null;
    }

    private static int distance(Candidate c, int k) {
        return k < c.first ? c.first - k : k - c.last;
    }
}
