package io.claimstream.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * The attribution cues of a sentence and what each covers: "according to X", a source's document
 * ("by the General Staff's count", "its latest bulletin"), and a reporting verb with its speaker
 * ("X said", "..., X said.", "X estimates that"). A cue is an {@link Attribution}; its speaker
 * phrase is read by {@link ClaimantPhrases} and named by {@link ClaimantNames}.
 */
final class ClaimantCues {

    private final Lexicon lexicon;
    private final ClaimantPhrases phrases;
    private final ClaimantNames names;

    ClaimantCues(Lexicon lexicon, ClaimantPhrases phrases, ClaimantNames names) {
        this.lexicon = lexicon;
        this.phrases = phrases;
        this.names = names;
    }

    List<Attribution> attributions(ClaimantContext cx, Sentence s) {
        List<Attribution> found = new ArrayList<>();
        List<Token> tokens = cx.tokens;
        for (int k = s.first(); k < s.end(); k++) {
            Token t = tokens.get(k);
            if (!t.isWord()) {
                continue;
            }
            Attribution a = null;
            if (t.is("according") && k + 1 < s.end() && tokens.get(k + 1).is("to")) {
                a = accordingTo(cx, s, k);
            } else {
                if (t.word().documentWord()) {
                    a = documentCue(cx, s, k);
                }
                if (a == null && (t.word().reportingForm() != null) && !t.isCapitalised()) {
                    a = verbCue(cx, s, k, found);
                }
            }
            if (a != null) {
                found.add(a);
                cx.lastClaimant = a.claimant();
                cx.lastClaimantSentence = s.index();
            }
        }
        return found;
    }

    /**
     * "According to X, ..." covers what follows it; "..., according to X" covers what comes before,
     * not a later clause ("according to NATO, thanks largely to a EUR100 billion fund").
     */
    private Attribution accordingTo(ClaimantContext cx, Sentence s, int k) {
        ClaimantPhrases.Phrase speaker = phrases.speakerAfter(cx, s, k + 2);
        String claimant = speaker == null ? null : names.claimantOf(cx, s, speaker);
        if (claimant == null) {
            return null;
        }
        boolean opens = k == s.first() || cx.tokens.get(k - 1).type() == Token.Type.QUOTE;
        return new Attribution(k, opens ? k : Integer.MAX_VALUE, claimant, opens, !opens, false);
    }

    private Attribution sentenceWide(ClaimantContext cx, Sentence s, int cue, ClaimantPhrases.Phrase speaker) {
        String claimant = names.claimantOf(cx, s, speaker);
        return claimant == null ? null : new Attribution(cue, speaker.first(), claimant, true, true, true);
    }

    /** "By the General Staff's count", "its latest bulletin lists", "estimates by the Cabinet". */
    private Attribution documentCue(ClaimantContext cx, Sentence s, int k) {
        List<Token> tokens = cx.tokens;
        if (k + 1 < s.end() && tokens.get(k + 1).is("by")) {
            ClaimantPhrases.Phrase by = phrases.speakerAfter(cx, s, k + 2);
            return by == null ? null : sentenceWide(cx, s, k, by);
        }
        int j = k - 1;
        while (j >= s.first() && tokens.get(j).isWord() && !tokens.get(j).isCapitalised()
            && !tokens.get(j).word().isFunction()) {
            j--; // adjectives: "its latest bulletin", "the spy agency's first detailed accounting"
        }
        if (j < s.first()) {
            return null;
        }
        Token owner = tokens.get(j);
        if (owner.type() == Token.Type.POSSESSIVE) {
            ClaimantPhrases.Phrase possessor = phrases.phraseBefore(cx, s, j - 1);
            return possessor == null ? null : sentenceWide(cx, s, k, possessor);
        }
        int verb = j - 1;
        if ((owner.is("the") || owner.is("its")) && verb >= s.first() && lexicon.revisingVerbs.contains(tokens.get(verb).lower())) {
            ClaimantPhrases.Phrase subject = phrases.speakerBefore(cx, s, verb); // "AccuWeather raised its estimate", "the examiner raised the death toll"
            return subject == null ? null : sentenceWide(cx, s, k, subject);
        }
        if (owner.is("its") || owner.is("their") || owner.is("his") || owner.is("her")) {
            return sentenceWide(cx, s, k, new ClaimantPhrases.Phrase(j, j, owner.lower()));
        }
        return null;
    }

    private Attribution verbCue(ClaimantContext cx, Sentence s, int v, List<Attribution> earlier) {
        List<Token> tokens = cx.tokens;
        String verb = tokens.get(v).lower();
        int k = ClaimantPhrases.skipBackOverAdverbs(tokens, s, v - 1);
        if (k >= s.first()) {
            Token before = tokens.get(k);
            if (lexicon.verbCueBlockers.contains(before.lower())
                || "determiner".equals(before.word().functionClass()) || before.type() == Token.Type.POSSESSIVE) {
                return null; // "will announce", "is expected", "the estimate", "Kyiv's claims"
            }
        }
        if ((verb.equals("put") || verb.equals("puts") || verb.equals("putting")) && !hasAfter(tokens, s, v, "at")) {
            return null;
        }
        if ("finite-noun".equals(lexicon.reportingVerbs.get(verb)) && (v + 1 >= s.end()
            || tokens.get(v + 1).type() == Token.Type.PUNCT || tokens.get(v + 1).is("and") || tokens.get(v + 1).is("or"))) {
            return null; // "above Wall Street estimates, and ...": a noun
        }
        if (v + 1 < s.end() && tokens.get(v + 1).is("by") && verb.endsWith("ed")) {
            ClaimantPhrases.Phrase agent = phrases.speakerAfter(cx, s, v + 2); // "announced by the US Department of Transportation"
            return agent == null ? null : sentenceWide(cx, s, v, agent);
        }
        if ("that-clause".equals(lexicon.reportingVerbs.get(verb)) && !(v + 1 < s.end() && tokens.get(v + 1).is("that"))
            && !opensTail(cx, s, v)) {
            return null; // "announced EUR300 million of aid": the announcement is the act itself
        }
        if ("participle".equals(lexicon.reportingVerbs.get(verb))) {
            String subject = !earlier.isEmpty() ? earlier.get(earlier.size() - 1).claimant() : phrases.sentenceSubject(cx, s, v);
            return subject == null ? null : new Attribution(v, v, subject, true, false, false);
        }
        boolean inverted = false;
        ClaimantPhrases.Phrase speaker = null;
        if (k >= s.first() && (tokens.get(k).is(",") || tokens.get(k).type() == Token.Type.QUOTE) && k == v - 1) {
            speaker = phrases.speakerAfter(cx, s, v + 1); // "..., said Bernardo Alcaraz, spokesman for ..."
            inverted = speaker != null && tokens.get(speaker.first()).isCapitalised();
            speaker = inverted ? speaker : null;
        }
        if (speaker == null) {
            speaker = phrases.speakerBefore(cx, s, v);
        }
        if (speaker == null) {
            return null;
        }
        String claimant = names.claimantOf(cx, s, speaker);
        if (claimant == null) {
            return null;
        }
        boolean backward = inverted || (opensTail(cx, s, v) && setOff(tokens, s, documentStart(tokens, s, speaker.from())));
        int first = inverted ? v : speaker.first();
        return new Attribution(v, first, claimant, true, backward, false);
    }

    /**
     * ", X said", "...," X said" and "1,294 sq km that Syrskyi reported": a speaker after a comma,
     * a closing quotation mark or a relative word, whose cue covers what comes before it.
     */
    private static boolean setOff(List<Token> tokens, Sentence s, int speakerFrom) {
        if (speakerFrom <= s.first()) {
            return false;
        }
        Token before = tokens.get(speakerFrom - 1);
        return before.is(",") || before.type() == Token.Type.QUOTE || before.is(";") || before.is("—")
            || before.is("that") || before.is("as");
    }

    /** "flash estimates from Eurostat showed": the phrase starts at the document that names its source. */
    private int documentStart(List<Token> tokens, Sentence s, int from) {
        int k = from - 1;
        if (k < s.first() || !(tokens.get(k).is("from") || tokens.get(k).is("by") || tokens.get(k).is("of"))) {
            return from;
        }
        int j = k - 1;
        while (j >= s.first() && tokens.get(j).isWord() && !tokens.get(j).word().isFunction()
            && !tokens.get(j).isCapitalised()) {
            j--;
        }
        boolean document = false;
        for (int d = j + 1; d < k; d++) {
            document |= tokens.get(d).word().documentWord();
        }
        return document ? j + 1 : from;
    }

    /** After the verb comes the end of the sentence or a circumstance, not a reported clause. */
    private boolean opensTail(ClaimantContext cx, Sentence s, int v) {
        List<Token> tokens = cx.tokens;
        int j = v + 1;
        if (lexicon.objectVerbs.contains(tokens.get(v).lower())) {
            while (j < s.end() && (tokens.get(j).isWord() || tokens.get(j).type() == Token.Type.POSSESSIVE)
                && !lexicon.tailStarts.contains(tokens.get(j).lower()) && !tokens.get(j).is("that")) {
                j++;
            }
        }
        if (j >= s.end()) {
            return true;
        }
        Token t = tokens.get(j);
        if (t.type() == Token.Type.PUNCT || t.type() == Token.Type.DASH || t.type() == Token.Type.QUOTE) {
            return !t.is(":");
        }
        return t.isWord() && lexicon.tailStarts.contains(t.lower()) && !t.is("that");
    }

    private static boolean hasAfter(List<Token> tokens, Sentence s, int v, String word) {
        for (int j = v + 1; j < s.end(); j++) {
            if (tokens.get(j).is(word)) {
                return true;
            }
        }
        return false;
    }
}
