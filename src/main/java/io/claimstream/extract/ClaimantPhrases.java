package io.claimstream.extract;

import java.util.List;
import java.util.Set;

/**
 * Where a speaker phrase begins and ends: before a reporting verb ("the General Staff said"), in
 * an apposition ("X, a private forecaster, put"), after "according to" or "by", skipping adverbs
 * and times ("said on Monday") on the way. Which claimant a phrase names is {@link ClaimantNames}'.
 */
final class ClaimantPhrases {

    private final Lexicon lexicon;
    private final ClaimantNames names;

    ClaimantPhrases(Lexicon lexicon, ClaimantNames names) {
        this.lexicon = lexicon;
        this.names = names;
    }

    /**
     * Tokens {@code first..last} (inclusive) of a speaker phrase, or a pronoun; {@code from} is
     * where the phrase began before "the" and the like were trimmed.
     */
    record Phrase(int first, int last, String text, int from) {

        Phrase(int first, int last, String text) {
            this(first, last, text, first);
        }
    }

    /** The speaker before a verb: "the General Staff said", "AccuWeather, a private forecaster, put". */
    Phrase speakerBefore(ClaimantContext cx, Sentence s, int v) {
        List<Token> tokens = cx.tokens;
        int k = skipBackOverAdverbs(tokens, s, v - 1);
        k = skipBackOverTime(tokens, s, k);
        if (k < s.first()) {
            return null;
        }
        Token t = tokens.get(k);
        if (t.is("and") || t.is("but")) {
            String subject = sentenceSubject(cx, s, k);
            return subject == null ? null : new Phrase(k, k, "=" + subject);
        }
        if (t.is(",")) {
            return apposition(cx, s, k);
        }
        if ((t.is("which") || t.is("who")) && k - 1 >= s.first() && tokens.get(k - 1).is(",")) {
            return phraseBefore(cx, s, k - 2); // "according to the company, which estimates that ..."
        }
        return phraseBefore(cx, s, k);
    }

    /** "X, a private forecaster, put" -> X; "Ukraine's president, Volodymyr Zelensky, disputes" -> the name. */
    private Phrase apposition(ClaimantContext cx, Sentence s, int comma) {
        List<Token> tokens = cx.tokens;
        int open = comma - 1;
        while (open >= s.first() && !tokens.get(open).is(",")) {
            open--;
        }
        if (open < s.first() || comma - open < 2) {
            return null;
        }
        if (isPersonName(tokens, open + 1, comma - 1)) {
            return new Phrase(open + 1, comma - 1, cx.text(open + 1, comma - 1));
        }
        Phrase head = phraseBefore(cx, s, open - 1);
        // "The ship's manager, Athens-based Ionian Bulk, said": the name, not the role.
        if (head != null && !tokens.get(head.last()).isCapitalised() && tokens.get(comma - 1).isCapitalised()) {
            int nameStart = comma - 1;
            while (nameStart - 1 > open && tokens.get(nameStart - 1).isCapitalised()) {
                nameStart--;
            }
            return new Phrase(nameStart, comma - 1, cx.text(nameStart, comma - 1));
        }
        return head;
    }

    private boolean isPersonName(List<Token> tokens, int first, int last) {
        if (last - first < 1 || last - first > 4) {
            return false;
        }
        for (int k = first; k <= last; k++) {
            Token t = tokens.get(k);
            boolean joinedPart = t.type() == Token.Type.DASH && t.joined() || t.joined() && k > first
                && tokens.get(k - 1).type() == Token.Type.DASH;
            if (!(t.isCapitalised() || joinedPart || lexicon.speakerNameParticles.contains(t.lower()))
                || t.word().organisationHead() || lexicon.entities.get(t.text()) != null) {
                return false;
            }
        }
        return true;
    }

    /** The noun phrase that ends at token {@code k}, read backwards. */
    Phrase phraseBefore(ClaimantContext cx, Sentence s, int k) {
        List<Token> tokens = cx.tokens;
        int end = k;
        int start = k;
        while (start >= s.first() && continuesSpeaker(tokens, s, start)) {
            if (startsPhrase(tokens, s, start) && !afterGroup(tokens, s, start)) {
                start--;
                break; // a phrase starts at its article, unless the article sits inside a name
            }
            start--;
        }
        start++;
        int from = start;
        while (start <= end && isLeadingJoiner(tokens.get(start))) {
            start++;
        }
        if (start > end) {
            return null;
        }
        return new Phrase(start, end, cx.text(start, end), from);
    }

    private boolean continuesSpeaker(List<Token> tokens, Sentence s, int k) {
        Token t = tokens.get(k);
        switch (t.type()) {
            case POSSESSIVE:
                return true;
            case DASH:
                return t.joined() && k + 1 < s.end() && tokens.get(k + 1).joined();
            case WORD:
                break;
            default:
                return false;
        }
        String w = t.lower();
        String timeClass = lexicon.timeWords.get(w);
        if ("month".equals(timeClass) || "weekday".equals(timeClass)) {
            return false;
        }
        if (w.equals("he") || w.equals("she") || w.equals("it") || w.equals("they")) {
            return true;
        }
        if (lexicon.numberWords.containsKey(w) || lexicon.units.get(w) != null && t.isAllCaps()) {
            return false; // "Eight OPEC+ countries", "1.4 GW Dogger Ridge"
        }

        if (t.isCapitalised()) {
            return !(k == s.first() && lexicon.isFunctionWord(w) && !t.is("The"));
        }
        if (w.equals("of") || w.equals("for") || w.equals("the") || w.equals("in") || w.equals("and")
            || lexicon.speakerNameParticles.contains(w)) {
            return k > s.first();
        }
        if ((w.equals("with") || w.equals("at") || w.equals("from")) && k > s.first() && names.isGroup(tokens.get(k - 1))) {
            return true; // "scientists with the Global Carbon Project", "analysts at Hoshino Securities"
        }
        if (ClaimantNames.PERSON_PRONOUNS.contains(w) || ClaimantNames.THING_PRONOUNS.contains(w) || ClaimantNames.GROUP_PRONOUNS.contains(w)) {
            return !w.equals("its") && !w.equals("his") && !w.equals("her") && !w.equals("their");
        }
        return !lexicon.isFunctionWord(w) && !lexicon.reportingVerbs.containsKey(w) && lexicon.changeCue("verb", w) == null;
    }

    /** "scientists with the Global Carbon Project": the article sits in a group's phrase. */
    private boolean afterGroup(List<Token> tokens, Sentence s, int k) {
        return k - 2 >= s.first() && (tokens.get(k - 1).is("with") || tokens.get(k - 1).is("at") || tokens.get(k - 1).is("from"))
            && names.isGroup(tokens.get(k - 2));
    }

    private static boolean startsPhrase(List<Token> tokens, Sentence s, int k) {
        Token t = tokens.get(k);
        return (t.is("the") || t.is("a") || t.is("an")) && !(k > s.first()
            && Set.of("of", "for", "in", "and", "on").contains(tokens.get(k - 1).lower()));
    }

    private static boolean isLeadingJoiner(Token t) {
        return t.is("of") || t.is("for") || t.is("the") || t.is("a") || t.is("an") || t.is("in") || t.is("and")
            || t.type() == Token.Type.POSSESSIVE || t.type() == Token.Type.DASH;
    }

    /** The noun phrase starting at {@code k}: "according to the California Department of ..., known as ...". */
    Phrase speakerAfter(ClaimantContext cx, Sentence s, int k) {
        List<Token> tokens = cx.tokens;
        int start = k;
        while (start < s.end() && (tokens.get(start).is("the") || tokens.get(start).is("a") || tokens.get(start).is("an")
            || tokens.get(start).is("its") || tokens.get(start).is("their") || tokens.get(start).is("his")
            || tokens.get(start).is("her"))) {
            start++;
        }
        // "according to a list published by the organisers": the source behind the document
        if (start < s.end() && tokens.get(start).word().documentWord()) {
            for (int by = start + 1; by < Math.min(s.end(), start + 4); by++) {
                if (tokens.get(by).is("by") || tokens.get(by).is("from")) {
                    return speakerAfter(cx, s, by + 1);
                }
            }
        }
        int end = start;
        while (end < s.end()) {
            Token t = tokens.get(end);
            boolean ok;
            if (t.type() == Token.Type.POSSESSIVE) {
                ok = true;
            } else if (t.type() == Token.Type.DASH) {
                ok = t.joined() && end + 1 < s.end() && tokens.get(end + 1).joined();
            } else if (t.isWord() && t.joined() && end > start && tokens.get(end - 1).type() == Token.Type.DASH) {
                ok = true; // "commander-in-chief"
            } else if (t.isWord() && end > start && tokens.get(end - 1).word().documentWord() && !t.isCapitalised()
                && t.lower().endsWith("ed")) {
                ok = false; // "according to NHS England data published on Thursday": a participle describes the data
            } else if (t.isWord()) {
                String w = t.lower();
                ok = t.isCapitalised() && lexicon.timeWords.get(w) == null
                    || (w.equals("of") || w.equals("for") || w.equals("and") || w.equals("in") || w.equals("the"))
                        && end + 1 < s.end() && tokens.get(end + 1).isCapitalised() && end > start
                    || !lexicon.isFunctionWord(w) && !lexicon.reportingVerbs.containsKey(w) && !t.isCapitalised()
                        && !w.equals("known") && lexicon.timeWords.get(w) == null;
            } else {
                ok = false;
            }
            if (!ok) {
                break;
            }
            end++;
        }
        if (end == start) {
            return null;
        }
        int last = end - 1;
        // "according to Ukraine's commander-in-chief, Oleksandr Syrskyi": the name that follows the role.
        if (end + 2 < s.end() && tokens.get(end).is(",")) {
            int nameEnd = end + 1;
            while (nameEnd < s.end() && (tokens.get(nameEnd).isCapitalised() || tokens.get(nameEnd).type() == Token.Type.DASH)) {
                nameEnd++;
            }
            boolean closes = nameEnd >= s.end() || tokens.get(nameEnd).type() == Token.Type.PUNCT;
            if (closes && isPersonName(tokens, end + 1, nameEnd - 1) && !tokens.get(last).isCapitalised()) {
                return new Phrase(end + 1, nameEnd - 1, cx.text(end + 1, nameEnd - 1));
            }
        }
        // "agriculture ministry data": the source, not its data.
        while (last > start && tokens.get(last).word().documentWord()) {
            last--;
        }
        return new Phrase(start, last, cx.text(start, last));
    }

    private int skipBackOverTime(List<Token> tokens, Sentence s, int k) {
        if (k < s.first()) {
            return k;
        }
        Token t = tokens.get(k);
        String cls = t.word().timeClass();
        boolean timeWord = "weekday".equals(cls) || "month".equals(cls) || "duration".equals(cls)
            || t.is("yesterday") || t.is("today") || t.is("morning") || t.is("evening") || t.is("afternoon");
        if (!timeWord) {
            return k;
        }
        int j = k - 1;
        while (j >= s.first() && Set.of("on", "in", "at", "last", "this", "earlier", "late", "early", "next", "during",
            "the", "a", "previous").contains(tokens.get(j).lower())) {
            j--;
        }
        return j == k - 1 && !"duration".equals(cls) ? k : j;
    }

    /** The first person or organisation named in the sentence before {@code before}: the clause's subject. */
    String sentenceSubject(ClaimantContext cx, Sentence s, int before) {
        for (Mentions.Mention m : cx.mentions.between(s.first(), before)) {
            Entity e = m.entity();
            if (e.type() == Entity.Type.PERSON || e.type() == Entity.Type.ORGANISATION) {
                return e.name();
            }
        }
        return null;
    }

    /** The token before adverbs and auxiliaries that end at {@code k}: "has also said", "reportedly said". */
    static int skipBackOverAdverbs(List<Token> tokens, Sentence s, int k) {
        while (k >= s.first()) {
            Token t = tokens.get(k);
            String cls = t.word().functionClass();
            boolean auxiliary = "auxiliary".equals(cls) && (t.is("has") || t.is("have") || t.is("had") || t.is("does")
                || t.is("did") || t.is("do"));
            if ("adverb".equals(cls) || auxiliary || t.lower().endsWith("ly") && t.isWord() && !t.isCapitalised()
                && cls == null && t.text().length() > 4) {
                k--;
            } else {
                break;
            }
        }
        return k;
    }
}
