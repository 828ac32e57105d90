package io.claimstream.extract;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Finds who an article attributes each figure to. Attribution cues are reporting verbs ("X
 * said", "..., X said.", "X estimates that"), "according to X", a source's document ("by the
 * General Staff's count", "agriculture ministry data showed", "estimates by X") and quotations
 * (a figure inside quotation marks belongs to the quoted speaker). The speaker is resolved to
 * the full name the article first uses. A figure with no cue in its own sentence is the
 * outlet's: attribution does not carry over to the next sentence.
 */
final class ClaimantResolver {

    private static final Set<String> MODALS = Set.of("will", "would", "could", "may", "might", "shall", "should",
        "can", "must", "to");
    private static final Set<String> BE = Set.of("is", "are", "was", "were", "be", "been", "being");
    /** Verbs whose object comes before the tail: "..., South Korea's spy agency told lawmakers on Monday." */
    private static final Set<String> OBJECT_VERBS = Set.of("told", "tells", "tell", "informed", "briefed");
    /** Words that may start what follows ", X said" without starting a reported clause. */
    private static final Set<String> TAIL_STARTS = Set.of("on", "in", "at", "during", "after", "before", "from",
        "with", "via", "through", "last", "this", "earlier", "later", "late", "when", "as", "while", "over", "since",
        "without", "for", "early", "yesterday", "today", "tonight", "overnight", "citing", "adding", "saying",
        "noting", "warning", "although", "but", "and", "amid", "because", "where", "who", "which", "days",
        "hours", "weeks", "separately", "also", "again", "previously", "recently", "now", "then", "according",
        "by", "under", "following", "ahead", "despite", "thereby");
    /** Verbs by which a source revises its own figure: "raised the death toll to at least 11". */
    private static final Set<String> REVISING_VERBS = Set.of("raised", "raises", "revised", "revises", "lowered",
        "lowers", "updated", "updates", "increased", "cut", "cuts", "put", "puts", "trimmed", "lifted");
    private static final Set<String> PERSON_PRONOUNS = Set.of("he", "she", "him", "her", "his");
    private static final Set<String> THING_PRONOUNS = Set.of("it", "its");
    private static final Set<String> GROUP_PRONOUNS = Set.of("they", "their", "them");
    private static final Set<String> DESCRIPTOR_ENDINGS = Set.of("ministry", "service", "agency", "office",
        "department", "administration", "force", "forces", "staff", "bank", "fund", "government", "authority",
        "authorities", "intelligence", "examiner", "commission", "council", "police", "military", "army");

    /** A cue in one sentence: who is speaking, and which figures of the sentence it covers. */
    private record Attribution(int cue, int speakerFirst, String claimant, boolean forward, boolean backward,
                               boolean sentenceWide) {

        boolean covers(int token) {
            return sentenceWide || (forward && token > cue) || (backward && token < speakerFirst && token < cue);
        }
    }

    private final Lexicon lexicon;

    ClaimantResolver(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    void resolve(ArticleText article, List<Token> tokens, List<Sentence> sentences, List<Candidate> claims) {
        String text = article.text();
        Context cx = new Context(text, tokens, new Mentions(lexicon, text, tokens, article.source()));
        List<int[]> quotes = quotations(tokens);
        int claimIndex = 0;
        List<Attribution> previous = List.of();
        for (Sentence s : sentences) {
            cx.mentions.scan(s);
            boolean hasClaims = claimIndex < claims.size() && claims.get(claimIndex).sentence == s;
            // Cues matter where there are figures, and in the sentence before one (a quotation's voice).
            boolean needed = hasClaims || claimIndex < claims.size() && claims.get(claimIndex).sentence.index() == s.index() + 1;
            List<Attribution> found = needed ? cx.attributionsOf(s, () -> attributions(cx, s)) : List.of();
            while (claimIndex < claims.size() && claims.get(claimIndex).sentence == s) {
                Candidate c = claims.get(claimIndex++);
                String quoted = quotedSpeaker(cx, quotes, sentences, s, c, found, previous);
                Attribution a = nearest(found, c.numberFirst);
                if (quoted != null) {
                    c.claimant = quoted;
                } else if (a != null) {
                    c.claimant = a.claimant;
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
            boolean framing = a.backward && !a.sentenceWide && token < a.speakerFirst;
            int d = Math.abs(token - a.cue) + (a.sentenceWide ? 1000 : 0) - (framing ? 500 : 0);
            if (d < bestDistance) {
                best = a;
                bestDistance = d;
            }
        }
        return best;
    }

    // ---- cues ----

    private List<Attribution> attributions(Context cx, Sentence s) {
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
                cx.lastClaimant = a.claimant;
                cx.lastClaimantSentence = s.index();
            }
        }
        return found;
    }

    /**
     * "According to X, ..." covers what follows it; "..., according to X" covers what comes before,
     * not a later clause ("according to NATO, thanks largely to a EUR100 billion fund").
     */
    private Attribution accordingTo(Context cx, Sentence s, int k) {
        Phrase speaker = speakerAfter(cx, s, k + 2);
        String claimant = speaker == null ? null : claimantOf(cx, s, speaker);
        if (claimant == null) {
            return null;
        }
        boolean opens = k == s.first() || cx.tokens.get(k - 1).type() == Token.Type.QUOTE;
        return new Attribution(k, opens ? k : Integer.MAX_VALUE, claimant, opens, !opens, false);
    }

    private Attribution sentenceWide(Context cx, Sentence s, int cue, Phrase speaker) {
        String claimant = claimantOf(cx, s, speaker);
        return claimant == null ? null : new Attribution(cue, speaker.first, claimant, true, true, true);
    }

    /** "By the General Staff's count", "its latest bulletin lists", "estimates by the Cabinet". */
    private Attribution documentCue(Context cx, Sentence s, int k) {
        List<Token> tokens = cx.tokens;
        if (k + 1 < s.end() && tokens.get(k + 1).is("by")) {
            Phrase by = speakerAfter(cx, s, k + 2);
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
            Phrase possessor = phraseBefore(cx, s, j - 1);
            return possessor == null ? null : sentenceWide(cx, s, k, possessor);
        }
        int verb = j - 1;
        if ((owner.is("the") || owner.is("its")) && verb >= s.first() && REVISING_VERBS.contains(tokens.get(verb).lower())) {
            Phrase subject = speakerBefore(cx, s, verb); // "AccuWeather raised its estimate", "the examiner raised the death toll"
            return subject == null ? null : sentenceWide(cx, s, k, subject);
        }
        if (owner.is("its") || owner.is("their") || owner.is("his") || owner.is("her")) {
            return sentenceWide(cx, s, k, new Phrase(j, j, owner.lower()));
        }
        return null;
    }

    private Attribution verbCue(Context cx, Sentence s, int v, List<Attribution> earlier) {
        List<Token> tokens = cx.tokens;
        String verb = tokens.get(v).lower();
        int k = skipBackOverAdverbs(tokens, s, v - 1);
        if (k >= s.first()) {
            Token before = tokens.get(k);
            if (MODALS.contains(before.lower()) || BE.contains(before.lower())
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
            Phrase agent = speakerAfter(cx, s, v + 2); // "announced by the US Department of Transportation"
            return agent == null ? null : sentenceWide(cx, s, v, agent);
        }
        if ("that-clause".equals(lexicon.reportingVerbs.get(verb)) && !(v + 1 < s.end() && tokens.get(v + 1).is("that"))
            && !opensTail(cx, s, v)) {
            return null; // "announced EUR300 million of aid": the announcement is the act itself
        }
        if ("participle".equals(lexicon.reportingVerbs.get(verb))) {
            String subject = !earlier.isEmpty() ? earlier.get(earlier.size() - 1).claimant : sentenceSubject(cx, s, v);
            return subject == null ? null : new Attribution(v, v, subject, true, false, false);
        }
        boolean inverted = false;
        Phrase speaker = null;
        if (k >= s.first() && (tokens.get(k).is(",") || tokens.get(k).type() == Token.Type.QUOTE) && k == v - 1) {
            speaker = speakerAfter(cx, s, v + 1); // "..., said Bernardo Alcaraz, spokesman for ..."
            inverted = speaker != null && tokens.get(speaker.first).isCapitalised();
            speaker = inverted ? speaker : null;
        }
        if (speaker == null) {
            speaker = speakerBefore(cx, s, v);
        }
        if (speaker == null) {
            return null;
        }
        String claimant = claimantOf(cx, s, speaker);
        if (claimant == null) {
            return null;
        }
        boolean backward = inverted || (opensTail(cx, s, v) && setOff(tokens, s, documentStart(tokens, s, speaker.from)));
        int first = inverted ? v : speaker.first;
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
    private boolean opensTail(Context cx, Sentence s, int v) {
        List<Token> tokens = cx.tokens;
        int j = v + 1;
        if (OBJECT_VERBS.contains(tokens.get(v).lower())) {
            while (j < s.end() && (tokens.get(j).isWord() || tokens.get(j).type() == Token.Type.POSSESSIVE)
                && !TAIL_STARTS.contains(tokens.get(j).lower()) && !tokens.get(j).is("that")) {
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
        return t.isWord() && TAIL_STARTS.contains(t.lower()) && !t.is("that");
    }

    private static boolean hasAfter(List<Token> tokens, Sentence s, int v, String word) {
        for (int j = v + 1; j < s.end(); j++) {
            if (tokens.get(j).is(word)) {
                return true;
            }
        }
        return false;
    }

    private int skipBackOverAdverbs(List<Token> tokens, Sentence s, int k) {
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

    // ---- speaker phrases ----

    /**
     * Tokens {@code first..last} (inclusive) of a speaker phrase, or a pronoun; {@code from} is
     * where the phrase began before "the" and the like were trimmed.
     */
    private record Phrase(int first, int last, String text, int from) {

        Phrase(int first, int last, String text) {
            this(first, last, text, first);
        }
    }

    /** The speaker before a verb: "the General Staff said", "AccuWeather, a private forecaster, put". */
    private Phrase speakerBefore(Context cx, Sentence s, int v) {
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
    private Phrase apposition(Context cx, Sentence s, int comma) {
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
        if (head != null && !tokens.get(head.last).isCapitalised() && tokens.get(comma - 1).isCapitalised()) {
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
            if (!(t.isCapitalised() || joinedPart || Set.of("von", "der", "de", "van", "bin", "al").contains(t.lower()))
                || t.word().organisationHead() || lexicon.entities.get(t.text()) != null) {
                return false;
            }
        }
        return true;
    }

    /** The noun phrase that ends at token {@code k}, read backwards. */
    private Phrase phraseBefore(Context cx, Sentence s, int k) {
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
            || Set.of("von", "der", "de", "van", "bin", "al").contains(w)) {
            return k > s.first();
        }
        if ((w.equals("with") || w.equals("at") || w.equals("from")) && k > s.first() && isGroup(tokens.get(k - 1))) {
            return true; // "scientists with the Global Carbon Project", "analysts at Hoshino Securities"
        }
        if (PERSON_PRONOUNS.contains(w) || THING_PRONOUNS.contains(w) || GROUP_PRONOUNS.contains(w)) {
            return !w.equals("its") && !w.equals("his") && !w.equals("her") && !w.equals("their");
        }
        return !lexicon.isFunctionWord(w) && !lexicon.reportingVerbs.containsKey(w) && lexicon.changeCue("verb", w) == null;
    }

    /** "scientists with the Global Carbon Project": the article sits in a group's phrase. */
    private boolean afterGroup(List<Token> tokens, Sentence s, int k) {
        return k - 2 >= s.first() && (tokens.get(k - 1).is("with") || tokens.get(k - 1).is("at") || tokens.get(k - 1).is("from"))
            && isGroup(tokens.get(k - 2));
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
    private Phrase speakerAfter(Context cx, Sentence s, int k) {
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
    private String sentenceSubject(Context cx, Sentence s, int before) {
        for (Mentions.Mention m : cx.mentions.between(s.first(), before)) {
            Entity e = m.entity();
            if (e.type() == Entity.Type.PERSON || e.type() == Entity.Type.ORGANISATION) {
                return e.name();
            }
        }
        return null;
    }

    // ---- from phrase to claimant ----

    /** The claimant a speaker phrase names: a resolved entity's full name, or the phrase itself. */
    private String claimantOf(Context cx, Sentence s, Phrase p) {
        if (p.text.startsWith("=")) {
            return p.text.substring(1);
        }
        List<Token> tokens = cx.tokens;
        String w = tokens.get(p.first).lower();
        if (p.first == p.last) {
            if (PERSON_PRONOUNS.contains(w)) {
                return nameOf(cx.mentions.latest(p.first, EnumSet.of(Entity.Type.PERSON)));
            }
            if (THING_PRONOUNS.contains(w)) {
                return nameOf(cx.latestSource(p.first));
            }
            if (GROUP_PRONOUNS.contains(w)) {
                return cx.lastClaimant != null && cx.lastClaimantSentence == s.index() ? cx.lastClaimant
                    : nameOf(cx.latestSource(p.first));
            }
        }
        int last = p.last;
        while (last > p.first && tokens.get(last).word().documentWord()) {
            last--; // "agriculture ministry data showed": the ministry
        }
        if (tokens.get(last).word().documentWord()) {
            boolean definite = p.from < p.first || p.from > s.first() && tokens.get(p.from - 1).is("the");
            // "the update said": the source named before; "figures showed": nobody in particular
            return definite || p.from != p.first ? nameOf(cx.latestSource(p.first)) : null;
        }
        int possessive = possessiveIn(tokens, p.first, last);
        if (possessive > p.first && possessive < last && !canSpeak(tokens, possessive + 1, last)) {
            last = possessive - 1; // "the agency's daily update said": the agency
        } else if (last < p.last && !canSpeak(tokens, p.first, last)) {
            last = p.last; // "industry data show": the data is all the article names
            return cx.text(p.first, last);
        }
        if (!canSpeak(tokens, p.first, last)) {
            return null;
        }
        int first = stripDescriptor(tokens, p.first, last);
        String phrase = cx.text(first, last);
        Entity e = cx.mentions.resolve(phrase, first);
        if (e != null && cx.mentions.isOutlet(e)) {
            return null; // the outlet's own data: its own voice
        }
        if (e != null) {
            cx.spoke(e, first);
            return e.name();
        }
        if (phrase.isBlank() || lexicon.isFunctionWord(phrase.toLowerCase(java.util.Locale.ROOT))) {
            return null;
        }
        Entity registered = cx.mentions.register(phrase, isGroup(tokens.get(last)) ? Entity.Type.GROUP
            : Entity.Type.ORGANISATION, first);
        cx.spoke(registered, first);
        return phrase;
    }

    private static int possessiveIn(List<Token> tokens, int first, int last) {
        for (int k = last; k >= first; k--) {
            if (tokens.get(k).type() == Token.Type.POSSESSIVE) {
                return k;
            }
        }
        return -1;
    }

    /**
     * Whether a phrase can name a source: a name, an organisation ("agriculture ministry"), a
     * group ("open-source analysts") or a title ("the president"); not "the resolution".
     */
    private boolean canSpeak(List<Token> tokens, int first, int last) {
        for (int k = first; k <= last; k++) {
            Token t = tokens.get(k);
            if (t.isCapitalised() && !t.word().isFunction() || t.word().organisationHead()
                || (t.word().titleClass() != null)) {
                return true;
            }
        }
        String phrase = Token.phrase(tokens, first, last + 1);
        return isGroup(tokens.get(last)) || lexicon.genericOrganisations.contains("the " + phrase)
            || lexicon.genericOrganisations.contains(phrase);
    }

    private boolean isGroup(Token head) {
        return !head.isCapitalised() && lexicon.singular(head.lower()) != null;
    }

    /**
     * Drops titles and descriptions before a name: "Energy Minister Herman Halushchenko" ->
     * "Herman Halushchenko", "Grid operator Ukrenergo" -> "Ukrenergo"; keeps lower-case
     * organisations whole ("Russia's defence ministry").
     */
    private int stripDescriptor(List<Token> tokens, int first, int last) {
        int lastLower = -1;
        for (int k = first; k <= last; k++) {
            Token t = tokens.get(k);
            if (t.isWord() && (!t.isCapitalised() || (t.word().titleClass() != null))
                && !Set.of("von", "der", "de", "van", "bin", "al", "of", "for", "and", "the", "in").contains(t.lower())) {
                lastLower = k;
            }
            if (t.type() == Token.Type.DASH && k > first) {
                continue;
            }
        }
        if (lastLower < first || lastLower >= last) {
            return first;
        }
        Token descriptor = tokens.get(lastLower);
        if (DESCRIPTOR_ENDINGS.contains(descriptor.lower()) && !(descriptor.word().titleClass() != null)) {
            return first; // "Ukraine's military intelligence agency": an organisation, not a description
        }
        for (int k = lastLower + 1; k <= last; k++) {
            if (tokens.get(k).word().organisationHead()) {
                return first; // "General Staff of ...": the title word is part of the organisation's name
            }
        }
        int k = lastLower + 1;
        while (k <= last && tokens.get(k).type() == Token.Type.DASH) {
            k++;
        }
        return k <= last && tokens.get(k).isCapitalised() ? k : first;
    }

    private static String nameOf(Entity e) {
        return e == null ? null : e.name();
    }

    // ---- quotations ----

    /** Token ranges [open, close] of double-quoted passages. */
    private static List<int[]> quotations(List<Token> tokens) {
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
    private String quotedSpeaker(Context cx, List<int[]> quotes, List<Sentence> sentences, Sentence s, Candidate c,
                                 List<Attribution> found, List<Attribution> previous) {
        for (int[] q : quotes) {
            if (c.numberFirst <= q[0] || c.numberFirst >= q[1]) {
                continue;
            }
            if (q[1] - q[0] < 6) {
                return null; // a quoted term, not a quotation
            }
            Sentence closing = sentenceOf(sentences, q[1]);
            List<Attribution> cues = closing == s ? found : cx.attributionsOf(closing, () -> attributions(cx, closing));
            for (Attribution a : cues) {
                if (a.cue > q[1] && a.cue - q[1] <= 8) {
                    return a.claimant;
                }
            }
            Sentence opening = sentenceOf(sentences, q[0]);
            List<Attribution> before = opening == s ? found : opening.index() == s.index() - 1 ? previous : List.of();
            for (Attribution a : before) {
                if (a.cue < q[0] && q[0] - a.cue <= 4) {
                    return a.claimant;
                }
            }
            // A quotation that opens a sentence right after an attributed one goes on in that voice:
            // '"...," Kjeldgaard told reporters. "Roughly two-thirds of the money ..."'
            if (opening == s && q[0] == s.first() && !previous.isEmpty()) {
                return previous.get(previous.size() - 1).claimant;
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

    /** Per-article state: the text, its mentions, and who spoke last. */
    private static final class Context {
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

        Context(String text, List<Token> tokens, Mentions mentions) {
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
}
