package io.claimstream.extract;

import java.util.List;

/**
 * Gives every count its unit, the singular of the noun it counts: from the noun phrase after
 * the figure ("10,127 Russian tanks" -> tank, "138 of the drones" -> drone), else from the
 * context a bare figure leans on ("93 votes in favour and 18 against" -> vote; "the number of
 * captives ... to 2,883" -> captive; "more than 3,000 of them" -> the antecedent's unit).
 */
final class CountedNouns {

    private static final int MAX_PHRASE = 10;

    private final Lexicon lexicon;

    CountedNouns(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** Resolves the counts of a whole article, in reading order, so bare figures can look back. */
    void resolve(List<Token> tokens, List<Candidate> candidates) {
        // The unit of the latest count before the current one, kept as the loop goes, so that a
        // bare count costs no walk back over the article's figures.
        String previousUnit = null;
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            if (c.kind == QuantityKind.COUNT && c.unit == null) {
                readNounPhrase(tokens, c);
                if (c.unit == null && isMarketLevel(tokens, candidates, i)) {
                    c.unit = "point";
                    c.kind = QuantityKind.MEASURE;
                } else if (c.unit == null) {
                    c.unit = fromContext(tokens, candidates, i, previousUnit);
                }
            }
            if ("point".equals(c.unit) && c.kind == QuantityKind.COUNT && c.value < MAX_PERCENTAGE_POINTS
                && besideAPercentage(tokens, candidates, i)) {
                c.unit = "percentage_point"; // "fell 19.9 points to 23.7%": points of a share
                c.kind = QuantityKind.PERCENT;
            }
            if (c.kind == QuantityKind.COUNT && c.unit != null) {
                previousUnit = c.unit;
            }
        }
    }

    /**
     * Above this a figure in points beside a percentage is an index level ("up 1.4% at 2,846.17
     * points"), not points of a share, which cannot move by a hundred.
     */
    private static final double MAX_PERCENTAGE_POINTS = 100;

    /** A percentage within a few tokens of the figure in its sentence: "19.9 points to 23.7%", "from 33.7% ... 1.6 points". */
    private static boolean besideAPercentage(List<Token> tokens, List<Candidate> candidates, int i) {
        Candidate c = candidates.get(i);
        for (int j = Math.max(0, i - 1); j <= Math.min(candidates.size() - 1, i + 1); j++) {
            Candidate other = candidates.get(j);
            if (j != i && other.sentence == c.sentence && other.kind == QuantityKind.PERCENT
                && !"percentage_point".equals(other.unit) && !"basis_point".equals(other.unit)
                && Math.min(Math.abs(other.first - c.last), Math.abs(c.first - other.last)) <= 4) {
                return true;
            }
        }
        return false;
    }

    /**
     * "the DAX lost 2.3% to 18,083.05", "closed down 1.0% at 8,283.36", "the index closed at 18,083":
     * a bare figure after "to" or "at" that follows a percentage move, or a close, is the level an
     * index reached, in points.
     */
    private static boolean isMarketLevel(List<Token> tokens, List<Candidate> candidates, int i) {
        Candidate c = candidates.get(i);
        int k = c.first - 1;
        if (k <= c.sentence.first() || !(tokens.get(k).is("to") || tokens.get(k).is("at"))) {
            return false;
        }
        Candidate previous = i > 0 ? candidates.get(i - 1) : null;
        if (previous != null && previous.sentence == c.sentence && previous.kind == QuantityKind.PERCENT
            && k - previous.last <= 3) {
            return true;
        }
        Token verb = tokens.get(k - 1);
        return verb.is("closed") || verb.is("ended") || verb.is("finished") || verb.is("opened");
    }

    private void readNounPhrase(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        int j = c.last + 1;
        if (j < s.end() && tokens.get(j).is("of")) {
            Token next = at(tokens, j + 1, s);
            if (next != null && isPronoun(next)) {
                c.pronounCount = true;
                c.last = j + 1;
                return;
            }
            c.partitive = next != null && (next.is("the") || next.is("these") || next.is("those") || next.is("its")
                || next.is("their"));
            j = skipDeterminer(tokens, j + 1, s);
        }
        String compound = compoundNoun(tokens, c, j, s);
        if (compound != null) {
            c.unit = compound;
            c.last = j + 1;
            return;
        }
        int head = -1;
        int runStart = j;
        int k = j;
        // The head is the first plural noun: a plural rarely modifies another noun, while a verb
        // may follow ("two dozen landslides blocked roads").
        int named = -1; // a capitalised plural ("Dreamliners") counts only when no common noun follows
        int lastWord = -1; // for "one": the last word of its phrase ("one gold medal")
        for (int taken = 0; k < s.end() && taken < MAX_PHRASE && head < 0; k++, taken++) {
            Token t = tokens.get(k);
            if (!continuesPhrase(tokens, k, s)) {
                break;
            }
            if (NOT_NOUNS.contains(t.lower())) {
                break; // "one gold medal ahead": the phrase ends before the adverb
            }
            lastWord = t.isWord() && !t.isCapitalised() && !t.word().isFunction() ? k : -1;
            boolean counted = t.isWord() && isPluralNoun(t) || (c.value == 1 && t.isWord() && lexicon.countedNouns.get(t.lower()) != null);
            if (counted && t.isCapitalised() && lexicon.demonymPlurals.get(t.lower()) == null) {
                named = named < 0 ? k : named;
            } else if (counted) {
                head = k;
            }
        }
        if (head < 0) {
            head = named;
        }
        if (head < 0 && c.value == 1 && c.valueHigh == null && lastWord >= 0 && singularNoun(tokens.get(lastWord))) {
            head = lastWord; // "won one gold medal": a singular noun no lexicon lists ends the phrase
        }
        if (head < 0) {
            c.bareCount = true;
            return;
        }
        c.unit = unitOf(tokens, runStart, head);
        c.last = head;
    }

    /** "a 240-member parliament", "a three-party coalition": the noun joined to the figure is its unit. */
    private String compoundNoun(List<Token> tokens, Candidate c, int j, Sentence s) {
        if (j + 1 >= s.end() || tokens.get(j).type() != Token.Type.DASH || !tokens.get(j).joined()) {
            return null;
        }
        Token noun = tokens.get(j + 1);
        if (!noun.isWord() || !noun.joined() || noun.word().isFunction() || (noun.word().timeClass() != null)
            || lexicon.qualifiersAfter.get(noun.lower()) != null
            || (noun.word().number() != null) || j + 2 < s.end() && tokens.get(j + 2).type() == Token.Type.DASH) {
            return null;
        }
        String singular = lexicon.singular(noun.lower());
        return singular == null ? noun.lower() : singular;
    }

    /**
     * Skips what stands between "of" and the counted noun: "the", "their", "NATO's 32", "the
     * Bank of Japan's", "the country's 6.6 million".
     */
    private int skipDeterminer(List<Token> tokens, int j, Sentence s) {
        Token t = at(tokens, j, s);
        if (t == null) {
            return j;
        }
        int k = j;
        if ("determiner".equals(t.word().functionClass())) {
            k++;
        }
        for (int p = k; p < Math.min(s.end(), k + 6); p++) {
            Token w = tokens.get(p);
            if (w.type() == Token.Type.POSSESSIVE) {
                int after = p + 1;
                while (after < s.end() && (tokens.get(after).isNumber() || lexicon.scales.containsKey(tokens.get(after).lower())
                    || (tokens.get(after).word().number() != null))) {
                    after++;
                }
                return after;
            }
            if (!w.isWord() || (w.word().isFunction() && !w.is("of"))) {
                break;
            }
        }
        return k;
    }

    private boolean continuesPhrase(List<Token> tokens, int k, Sentence s) {
        Token t = tokens.get(k);
        switch (t.type()) {
            case WORD:
                if (t.word().isFunction()) {
                    return t.is("more") || t.is("other") || isIdentifierCoordination(tokens, k, s);
                }
                return !(t.word().timeClass() != null) || t.isCapitalised();
            case DASH:
                return t.joined() && k + 1 < s.end() && tokens.get(k + 1).joined();
            case NUMBER:
                // "KN-23", "Boeing 787"
                return k > 0 && (t.joined() && tokens.get(k - 1).type() == Token.Type.DASH || tokens.get(k - 1).isCapitalised());
            case SYMBOL:
                return t.is("+") && t.joined(); // "OPEC+ countries"
            default:
                return false;
        }
    }

    /** "KN-23 and KN-24 ballistic missiles": "and" between two model names stays in the phrase. */
    private static boolean isIdentifierCoordination(List<Token> tokens, int k, Sentence s) {
        Token t = tokens.get(k);
        return (t.is("and") || t.is("or")) && k > 0 && k + 1 < s.end()
            && (tokens.get(k - 1).isNumber() || tokens.get(k - 1).hasDigit()) && tokens.get(k + 1).isCapitalised();
    }

    /** Adverbs after a figure that end its phrase without the -ly of most: "one medal ahead", "one point behind". */
    private static final java.util.Set<String> NOT_NOUNS = java.util.Set.of(
        "ahead", "behind", "apart", "away", "clear", "short", "ago", "earlier", "later", "each");

    /** A word that may be a singular noun: not a verb's -ed or -ing form, an adverb's -ly, or a plural. */
    private boolean singularNoun(Token t) {
        String w = t.lower();
        return !(w.endsWith("ed") || w.endsWith("ing") || w.endsWith("ly") || isPluralNoun(t) || t.word().timeClass() != null);
    }

    boolean isPluralNoun(Token t) {
        String w = t.lower();
        String verb = lexicon.reportingVerbs.get(w);
        if (lexicon.isFunctionWord(w) || lexicon.timeWords.containsKey(w) || verb != null && !verb.equals("finite-noun")
            || lexicon.documentWords.contains(w)) {
            return false;
        }
        if (lexicon.irregularPlurals.containsKey(w)) {
            return !lexicon.irregularPlurals.get(w).equals("-");
        }
        if (t.isCapitalised() && !isAcronymPlural(t)) {
            // Nationals ("Ukrainians") and named things ("Dreamliners") count; a proper name does not.
            return lexicon.demonymPlurals.get(w) != null
                || lexicon.entities.get(t.text()) == null && lexicon.isPlural(w) && !w.endsWith("'s");
        }
        return lexicon.isPlural(w);
    }

    /** "PCs", "SUVs": an acronym with a plural s. */
    private static boolean isAcronymPlural(Token t) {
        String s = t.text();
        if (s.length() < 3 || !s.endsWith("s")) {
            return false;
        }
        for (int i = 0; i < s.length() - 1; i++) {
            if (!Character.isUpperCase((int) s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Singular of the head, or the compound it ends ("service member", "North Korean"). */
    private String unitOf(List<Token> tokens, int runStart, int head) {
        PhraseTable.Match<String> demonym = lexicon.demonymPlurals.matchBackward(tokens, head, runStart);
        if (demonym != null) {
            return demonym.value();
        }
        String singular = singularOf(tokens.get(head));
        for (int k = Math.max(runStart, head - 3); k < head; k++) {
            String phrase = Token.phrase(tokens, k, head) + " " + singular;
            Lexicon.CountedNoun noun = lexicon.countedNouns.get(phrase);
            if (noun != null && noun.compound()) {
                return phrase;
            }
        }
        return singular;
    }

    String singularOf(Token t) {
        String singular = lexicon.singular(t.lower());
        return singular == null ? t.lower() : singular;
    }

    private String fromContext(List<Token> tokens, List<Candidate> candidates, int index, String previousUnit) {
        Candidate c = candidates.get(index);
        Candidate compared = comparedWithEarlier(tokens, c) ? earlierCountInSentence(tokens, candidates, index) : null;
        if (compared != null) {
            return compared.unit; // "Almost 12,000 people ..., up from about 7,000"
        }
        if (!c.pronounCount) {
            String named = namedInSentence(tokens, c);
            if (named != null) {
                return named;
            }
        }
        return previousUnit;
    }

    /** The nearest claimed count before it in its sentence: "in the two countries" between them counts places, not the figure. */
    private static Candidate earlierCountInSentence(List<Token> tokens, List<Candidate> candidates, int index) {
        Candidate c = candidates.get(index);
        Candidate located = null;
        for (int i = index - 1; i >= 0 && candidates.get(i).sentence == c.sentence; i--) {
            Candidate p = candidates.get(i);
            if (p.isClaim() && p.kind == QuantityKind.COUNT && p.unit != null) {
                boolean locative = p.first > p.sentence.first()
                    && (tokens.get(p.first - 1).is("in") || tokens.get(p.first - 1).is("across"));
                if (!locative) {
                    return p;
                }
                located = located == null ? p : located;
            }
        }
        return located; // "866 dairy herds in 16 states, up from 865": the herds, not the states they are in
    }

    /** "the number of captives ... to 2,883", "a population of roughly 5,000", "losses ... at 856,660". */
    private String namedInSentence(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        for (int k = c.first - 1; k >= s.first(); k--) {
            Token t = tokens.get(k);
            if (t.is("number") || t.is("total") || t.is("tally") || t.is("count")) {
                String counted = countedAfterOf(tokens, k + 1, c.first, s);
                if (counted != null) {
                    return counted;
                }
                if (k + 1 < c.first && !tokens.get(k + 1).is("of")) {
                    return null; // "the number is nearly 4,000": the figure of a count named earlier
                }
            }
        }
        for (int k = c.first - 1; k >= s.first(); k--) {
            Token t = tokens.get(k);
            PhraseTable.Match<String> context = lexicon.contextUnits.matchBackward(tokens, k, s.first());
            if (context != null) {
                return context.value();
            }
            // "the Rural People's Party 19" counts no people; "People under 30" opening a quote does
            boolean inName = t.isCapitalised() && k > s.first() && tokens.get(k - 1).isWord();
            if (t.isWord() && !inName && isPluralNoun(t) && isCountedNoun(t)) {
                return unitOf(tokens, Math.max(s.first(), k - 3), k);
            }
        }
        return null;
    }

    private String countedAfterOf(List<Token> tokens, int k, int limit, Sentence s) {
        if (k >= limit || !tokens.get(k).is("of")) {
            return null;
        }
        for (int j = k + 1; j < Math.min(limit, k + 6); j++) {
            Token t = tokens.get(j);
            if (t.isWord() && isPluralNoun(t)) {
                return unitOf(tokens, k + 1, j);
            }
            if (!t.isWord() && t.type() != Token.Type.DASH) {
                return null;
            }
        }
        return null;
    }

    /** "up from about 7,000", "down from", "compared with": the figure restates an earlier one's count. */
    private static boolean comparedWithEarlier(List<Token> tokens, Candidate c) {
        int k = c.first - 1;
        if (k < c.sentence.first()) {
            return false;
        }
        Token before = tokens.get(k);
        Token beforeThat = k - 1 >= c.sentence.first() ? tokens.get(k - 1) : null;
        return before.is("from") && beforeThat != null && (beforeThat.is("up") || beforeThat.is("down"))
            || before.is("with") && beforeThat != null && beforeThat.is("compared") || before.is("than");
    }

    private boolean isCountedNoun(Token t) {
        String singular = singularOf(t);
        return lexicon.countedNouns.get(singular) != null || lexicon.demonymPlurals.get(t.lower()) != null;
    }

    private boolean isPronoun(Token t) {
        return t.is("them") || t.is("which") || t.is("whom") || t.is("those") || t.is("these") || t.is("it")
            || t.is("us");
    }

    private static Token at(List<Token> tokens, int k, Sentence s) {
        return k >= s.first() && k < s.end() ? tokens.get(k) : null;
    }
}
