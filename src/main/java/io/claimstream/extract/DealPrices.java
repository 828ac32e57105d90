package io.claimstream.extract;

import java.util.List;

/**
 * The sums of a deal: whether a sum's sentence speaks of one (purchase-cues.tsv), and which part
 * of its price a sum is (purchase-parts.tsv): the initial fee, the add-ons, or the whole. What the
 * deal buys, and so who holds its sums, is {@link Holders}'.
 */
final class DealPrices {

    /** The part of a deal's price that is all of it, its parts told or not: "up to £116m", "€136m in total". */
    private static final String WHOLE_PRICE = "total";

    private DealPrices() {
    }

    /** A word of purchase-cues.tsv in the sum's sentence: "the fee", "will pay", "with add-ons". */
    static boolean saysDeal(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        for (int k = s.first(); k < s.end(); k++) {
            if (FrameLexicon.PURCHASE_CUES.contains(Token.phrase(tokens, k, hyphenatedEnd(tokens, k, s)))) {
                return true;
            }
        }
        return false;
    }

    /** The end of the word at {@code k} with its hyphens: "add-ons" is written in three tokens. */
    private static int hyphenatedEnd(List<Token> tokens, int k, Sentence s) {
        int end = k + 1;
        while (end + 1 < s.end() && tokens.get(end).type() == Token.Type.DASH && tokens.get(end).joined()
            && tokens.get(end + 1).joined()) {
            end += 2;
        }
        return end;
    }

    /**
     * "an initial £100m", "a further £16m in potential add-ons", "€4m (£3.5m) payable in bonuses":
     * the part of the price a sum is (purchase-parts.tsv). A part after the sum follows "in"; "up to
     * £36.5m with add-ons" is the whole.
     */
    static String part(List<Token> tokens, Candidate c, String thing) {
        Sentence s = c.sentence;
        for (int k = c.first - 1; k >= Math.max(s.first(), c.first - 3); k--) {
            String part = FrameLexicon.PURCHASE_PARTS.get(tokens.get(k).lower() + " before");
            if (part != null) {
                return thing + "-" + part;
            }
        }
        int k = c.last + 1;
        if (k < s.end() && tokens.get(k).is("(")) {
            while (k < s.end() && !tokens.get(k).is(")")) {
                k++; // "€4m (£3.5m) payable in add-ons": past the sum in another currency
            }
            k++;
        }
        boolean in = false;
        for (int limit = Math.min(s.end(), k + 4); k < limit; k++) {
            if (tokens.get(k).type() == Token.Type.PUNCT) {
                break;
            }
            in |= tokens.get(k).is("in");
            int end = hyphenatedEnd(tokens, k, s);
            String part = FrameLexicon.PURCHASE_PARTS.get(Token.phrase(tokens, k, end) + " after");
            if (part != null) {
                return in ? thing + "-" + part : thing + "-" + WHOLE_PRICE; // "£36.5m with add-ons"
            }
        }
        return c.qualifier == Qualifier.AT_MOST || nearTotal(tokens, c) ? thing + "-" + WHOLE_PRICE : thing;
    }

    /** "about €136m in total", "a total of €42m"; not "the total would surpass the £115m paid for" another. */
    private static boolean nearTotal(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        boolean after = c.last + 2 < s.end() && tokens.get(c.last + 1).is("in") && tokens.get(c.last + 2).is("total");
        boolean before = c.first - 2 >= s.first() && tokens.get(c.first - 2).is("total") && tokens.get(c.first - 1).is("of");
        return after || before;
    }
}
