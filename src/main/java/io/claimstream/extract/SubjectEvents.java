package io.claimstream.extract;

import java.util.List;

/**
 * The measure of a subject, second half: what happened to what is counted ("killed",
 * "launched", "freed"), from the counted noun itself ("19 deaths") or the event word bound to
 * the figure ("46,000 soldiers killed", "shot down 34 of").
 */
final class SubjectEvents {

    private static final int EVENT_WINDOW = 4;
    private static final String NONE = SubjectFrame.NONE;

    private final Lexicon lexicon;

    SubjectEvents(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** "forced 12,000 people to leave": a causative verb right before the figure. */
    private static boolean caused(List<Token> tokens, Candidate c) {
        return c.first > c.sentence.first() && FrameLexicon.CAUSATIVE_VERBS.contains(tokens.get(c.first - 1).lower());
    }

    /** "19 deaths", "10,000-plus evacuees": the counted noun names the event itself. */
    String impliedEvent(Candidate c) {
        if (c.kind != QuantityKind.COUNT || c.unit == null || c.bareCount || c.pronounCount) {
            return NONE;
        }
        Lexicon.CountedNoun noun = lexicon.countedNouns.get(c.unit);
        return noun == null || noun.event() == null ? NONE : noun.event();
    }

    /**
     * The event word bound to the figure: right after it ("46,000 soldiers killed", "troops had
     * been wounded") or the verb right before it ("lost another 1,150", "shot down 34 of").
     * Words further away describe other things in the sentence.
     */
    String event(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        String near = null;
        for (int k = c.last + 1, taken = 0; k < s.end() && taken < 12; k++, taken++) {
            Token t = tokens.get(k);
            if (t.is(",") && continuesNounList(tokens, k, s)) {
                continue; // "150 soldiers, border guards and national guardsmen returned home"
            }
            // "3,000 of the soldiers sent to fight for Russia have been killed": what the part suffered
            // comes after the verb that describes the whole.
            boolean partOfGroup = c.partitive && near != null && (t.is("to") || t.is("for"))
                || t.is("to") && k == c.last + 1 && caused(tokens, c); // "forced 12,000 people to leave their homes"
            if (!partOfGroup && (t.is("to") || t.is("for")) || t.type() == Token.Type.PUNCT || t.is("after") || t.is("since")
                || t.is("because") || t.is("while") || t.is("when") || t.isNumber() || (t.word().number() != null)
                || (t.word().reportingForm() != null) && !lexicon.eventAuxiliaries.contains(tokens.get(k - 1).lower())
                || t.is("and") && !nounFollows(tokens, k, s)) {
                break; // another clause: "dispatched 1,000 troops to replace its losses", "... and said 600,000 ..."
            }
            PhraseTable.Match<String> m = lexicon.events.matchForward(tokens, k, s.end());
            if (m == null) {
                continue;
            }
            Token before = tokens.get(k - 1);
            if (lexicon.eventAuxiliaries.contains(before.lower())) {
                return m.value(); // the main verb: "soldiers sent to Russia have been killed"
            }
            if (near == null && k - c.last <= 4) {
                near = m.value();
            }
        }
        if (near != null) {
            return near;
        }
        // A bare figure takes the event its clause names ("the number of people killed ... has risen to 41").
        int window = c.bareCount ? Integer.MAX_VALUE / 2 : EVENT_WINDOW;
        for (int k = c.first - 1; k >= Math.max(s.first(), c.first - window); k--) {
            if (tokens.get(k).type() == Token.Type.PUNCT) {
                break;
            }
            PhraseTable.Match<String> m = lexicon.events.matchBackward(tokens, k, s.first());
            if (m != null) {
                return m.value();
            }
        }
        for (int k = c.first; k <= c.last; k++) {
            PhraseTable.Match<String> m = lexicon.events.matchForward(tokens, k, c.last + 1);
            if (m != null) {
                return m.value();
            }
        }
        return NONE;
    }

    /** "soldiers and national guardsmen returned": "and" joins nouns, not clauses. */
    private boolean nounFollows(List<Token> tokens, int and, Sentence s) {
        Token next = and + 1 < s.end() ? tokens.get(and + 1) : null;
        return next != null && next.isWord() && !next.isCapitalised() && !next.word().isFunction()
            && lexicon.events.get(next.lower()) == null && !(next.word().reportingForm() != null);
    }

    /** A comma inside a list of nouns: lower-case words and "and" up to the next comma or verb. */
    private boolean continuesNounList(List<Token> tokens, int comma, Sentence s) {
        int k = comma + 1;
        int words = 0;
        while (k < s.end() && tokens.get(k).isWord() && !tokens.get(k).isCapitalised()
            && lexicon.events.get(tokens.get(k).lower()) == null && words < 4) {
            if (tokens.get(k).word().isFunction() && !tokens.get(k).is("and")) {
                return false;
            }
            k++;
            words++;
        }
        return words > 0;
    }
}
