package io.claimstream.extract;

import java.util.List;

/**
 * Marks figures that state a change: after a change verb ("rose 4%", "fell by about 1,200 MW",
 * "raised its key rate by 1 percentage point"), in a change noun ("an increase of 31"), or before
 * a comparative ("3% higher", "four more than on Friday"). A level reached ("rose to 12.9%",
 * "up from 11.2%") is not a change.
 */
final class ChangeDetector {

    private static final int VERB_WINDOW = 8;
    private static final int NOUN_WINDOW = 6;

    private final Lexicon lexicon;

    ChangeDetector(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** How far after a figure "than" may complete its "more": "4,000 more beds were open than a year ago". */
    private static final int COMPARISON_WINDOW = 6;
    /** Words that may stand between a figure and the noun of its change: "the 38% general wage increase". */
    private static final int NOUN_MODIFIERS = 3;
    /** Words of a comparison that may stand between two changes joined by "and" ({@link #carryOver}). */
    private static final java.util.Set<String> COMPARISON_WORDS = java.util.Set.of(",", "from", "on", "than", "compared",
        "with", "the", "a", "previous", "prior", "preceding", "same", "year", "quarter", "month", "week", "day", "earlier",
        "ago", "before", "last", "period");

    void detect(List<Token> tokens, Candidate c) {
        Change after = comparativeAfter(tokens, c);
        if (after != null) {
            c.change = after;
            return;
        }
        int k = c.first - 1;
        int floor = c.sentence.first();
        if (k - 1 >= floor && tokens.get(k).is("of") && lexicon.changeOfPhrases.contains(tokens.get(k - 1).lower())) {
            k -= 2;
        }
        for (int skipped = 0; k >= floor && skipped < 4 && lexicon.changeFillers.contains(tokens.get(k).lower()); skipped++) {
            k--;
        }
        if (k < floor) {
            return;
        }
        Token t = tokens.get(k);
        if (t.is("by")) {
            c.change = verbBefore(tokens, c, k - 1, VERB_WINDOW, true);
        } else if (t.is("of")) {
            c.change = nounBefore(tokens, c, k - 1);
        } else if (t.is("up") || t.is("down")) {
            c.change = upOrDown(tokens, c, k);
        } else if (c.qualifierCue < 0 || !lexicon.thresholdCues.contains(tokens.get(c.qualifierCue).lower())) {
            c.change = verbBefore(tokens, c, k, 1, false);
        }
    }

    /** "was up 5%", "exports, up 12%", "edged down 0.1%"; not "shot down 138" or "free up EUR650bn". */
    private Change upOrDown(List<Token> tokens, Candidate c, int k) {
        Change direction = lexicon.changeCue("comparative", tokens.get(k).lower());
        if (k == c.sentence.first()) {
            return direction;
        }
        Token before = tokens.get(k - 1);
        boolean movement = lexicon.changeCue("movement", before.lower()) != null;
        return movement || before.type() == Token.Type.PUNCT || before.type() == Token.Type.DASH ? direction : null;
    }

    /** "3% higher", "four more than on Friday", "25% less fuel", "a 12% rise", "a 38% wage increase". */
    private Change comparativeAfter(List<Token> tokens, Candidate c) {
        int k = c.last + 1;
        if (k >= c.sentence.end()) {
            return null;
        }
        String w = tokens.get(k).lower();
        Change direction = lexicon.changeCue("comparative", w);
        if (direction != null) {
            return direction;
        }
        direction = lexicon.changeCue("comparative-than", w);
        if (direction != null && (isShare(c) || k + 1 < c.sentence.end() && tokens.get(k + 1).is("than"))) {
            return direction;
        }
        Change within = comparedWithin(tokens, c);
        if (within != null) {
            return within;
        }
        Token before = c.first > c.sentence.first() ? tokens.get(c.first - 1) : null;
        boolean article = before != null && (before.is("a") || before.is("an") || before.is("the"));
        direction = lexicon.changeCue("noun", w);
        // "a 38% wage increase", "the 38% general wage increase": modifiers, then the noun of the change
        for (int j = k; direction == null && j < Math.min(c.sentence.end() - 1, k + NOUN_MODIFIERS); j++) {
            Token t = tokens.get(j);
            if (!t.isWord() || t.isCapitalised() || t.word().isFunction()) {
                break;
            }
            direction = lexicon.changeCue("noun", tokens.get(j + 1).lower());
        }
        return article && direction != null ? direction : null;
    }

    /**
     * "Sales rose 17% from the previous quarter and 94% from a year earlier", "rose 3% on the month
     * and 5% on the year": a figure joined by "and" to a change of the same kind, with only the
     * first one's comparison between them, is a change the same way.
     */
    void carryOver(List<Token> tokens, Candidate previous, Candidate c) {
        if (previous == null || previous.change == null || c.change != null || previous.sentence != c.sentence
            || previous.kind != c.kind || c.first - previous.last > COMPARISON_WINDOW + 2
            || !tokens.get(c.first - 1).is("and")) {
            return;
        }
        for (int k = previous.last + 1; k < c.first - 1; k++) {
            if (!COMPARISON_WORDS.contains(tokens.get(k).lower())) {
                return; // "rose 5% and margins were 12%": another clause
            }
        }
        c.change = previous.change;
    }

    /**
     * "1.7 million more people than last year", "4,000 more beds were open than a year ago", "600,000
     * fewer than at the same point": "more" or "fewer" written into the figure's phrase, then a
     * comparison with another time a few words on. Without it ("5,000 more soldiers") the figure is
     * an addition, not a change.
     */
    private Change comparedWithin(List<Token> tokens, Candidate c) {
        int k = c.numberLast + 1;
        if (k > c.last || k >= c.sentence.end()) {
            return null;
        }
        Change direction = lexicon.changeCue("comparative-than", tokens.get(k).lower());
        if (direction == null) {
            return null;
        }
        for (int j = c.last + 1; j < Math.min(c.sentence.end(), c.last + COMPARISON_WINDOW); j++) {
            Token t = tokens.get(j);
            if (t.type() == Token.Type.PUNCT) {
                return null;
            }
            if (t.is("than") || t.is("compared")) {
                return direction;
            }
        }
        return null;
    }

    /** A change verb within {@code window} tokens before the figure; {@code by}: the figure follows "by". */
    private Change verbBefore(List<Token> tokens, Candidate c, int from, int window, boolean by) {
        int floor = c.sentence.first();
        for (int k = from; k >= Math.max(floor, from - window + 1); k--) {
            Token t = tokens.get(k);
            if (t.type() == Token.Type.PUNCT || t.type() == Token.Type.QUOTE) {
                return null;
            }
            String w = t.lower();
            Change direction = lexicon.changeCue("verb", w);
            if (direction == null && by && (w.equals("up") || w.equals("down")) && k == from) {
                direction = lexicon.changeCue("comparative", w); // "up by 5%"
            }
            if (direction != null) {
                return direction;
            }
            direction = lexicon.changeCue("transitive-verb", w);
            if (direction != null) {
                return by || isShare(c) ? direction : null;
            }
            direction = lexicon.changeCue("share-verb", w);
            if (direction != null) {
                return isShare(c) ? direction : null;
            }
            direction = lexicon.changeCue("growth-verb", w);
            if (direction != null) {
                return aboutTheEconomy(tokens, k, floor) ? null : direction;
            }
        }
        return null;
    }

    private Change nounBefore(List<Token> tokens, Candidate c, int from) {
        int floor = c.sentence.first();
        for (int k = from; k >= Math.max(floor, from - NOUN_WINDOW + 1); k--) {
            Token t = tokens.get(k);
            String w = t.lower();
            String cls = lexicon.functionWords.get(w);
            if (!t.isWord() || "determiner".equals(cls) || "auxiliary".equals(cls)) {
                return null; // "avoided the emission of ...": the noun phrase ended
            }
            Change direction = lexicon.changeCue("noun", w);
            if (direction != null) {
                return direction;
            }
            direction = lexicon.changeCue("share-noun", w);
            if (direction != null) {
                return isShare(c) ? direction : null;
            }
            if (lexicon.changeCue("growth-noun", w) != null) {
                return null;
            }
        }
        return null;
    }

    /** The growth of an economy is reported as a rate, which is a level in its own right. */
    private boolean aboutTheEconomy(List<Token> tokens, int verb, int floor) {
        for (int k = verb - 1; k >= Math.max(floor, verb - VERB_WINDOW); k--) {
            if (lexicon.changeCue("economy", tokens.get(k).lower()) != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean isShare(Candidate c) {
        return c.kind == QuantityKind.PERCENT || c.kind == QuantityKind.FRACTION;
    }
}
