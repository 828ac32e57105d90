package io.claimstream.extract;

import java.util.List;
import java.util.Set;

/**
 * The holder slot of a subject frame for the measures several named contenders share (seats,
 * votes, points, medals): which of the article's names ({@link ArticleNames}) acts on the figure
 * in its clause. In order: a possessive owning the figure's phrase; the nearest name before the
 * figure that is its clause's subject, a list item, a relative clause's antecedent or stated with
 * it past an apposition; a short form ("the party") for the name it refers back to. Persons,
 * places, objects of prepositions and the outlet are passed over; other figures keep the
 * country rules of {@link SubjectEntities}.
 */
final class Holders {

    /** How far before a figure a possessive may own it: "Nvidia's data centre revenue of $30.8bn". */
    private static final int POSSESSIVE_WINDOW = 7;
    /** How far before a figure its holder may be named: "Labour won 412 seats", "the Conservatives 121". */
    private static final int CLAUSE_WINDOW = 8;
    /** How far from a sum "for" may name what it buys: "for a British record fee of up to £116m". */
    private static final int PURCHASE_WINDOW = 9;
    /** A relative clause set off by commas ("Nordwind, which supplies Veltra, ...") names no holder. */
    private static final Set<String> RELATIVES = Set.of("which", "who", "whose", "where", "whom");
    /** Prepositions after which a name is the object of something, not whose figure it is. */
    private static final Set<String> HOLDING_PREPOSITIONS = Set.of("of", "for", "at");

    private final Lexicon lexicon;

    Holders(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /**
     * The organisation that holds the claim's figure, or null when none is named for it (the
     * country rules decide then). In order: a possessive owning the figure's phrase, then the
     * nearest name before the figure in its clause that is not the object of a preposition, a
     * person or a place; a country found first means the figure is not an organisation's.
     */
    String holder(ArticleNames index, List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        if (c.first > s.first() && tokens.get(c.first - 1).is("the")) {
            return null; // "of the 650 seats", "the 326-seat mark": a total, not a contender's
        }
        String owner = possessiveOwner(index, tokens, c);
        if (owner != null) {
            return owner;
        }
        String beneficiary = forName(index, tokens, c);
        if (beneficiary != null) {
            return beneficiary;
        }
        int k = c.first - 1;
        int floor = Math.max(s.first(), c.first - CLAUSE_WINDOW);
        while (k >= floor) {
            Token t = tokens.get(k);
            if (t.is(",")) {
                k = skipRelativeClause(tokens, k, s);
                k--;
                continue;
            }
            if (t.is(";") || t.is(":")) {
                return null;
            }
            ArticleNames.Name n = index.endingAt(k);
            if (n != null) {
                if (governed(tokens, n.first(), s)) {
                    k = n.first() - 1;
                    continue;
                }
                boolean acts = actsAsSubject(tokens, n.last(), s) || listsFigure(tokens, n.last(), c)
                    || opensRelativeClause(tokens, n.last(), s);
                switch (n.kind()) {
                    case ORGANISATION:
                        if (!acts) {
                            k = n.first() - 1;
                            continue; // "the Palisades fire", "Iskander missiles": a name that modifies a noun
                        }
                        return speaks(tokens, n.last(), s) ? null : n.key();
                    case COUNTRY:
                        return acts ? n.key() : null; // "ahead of Australia on 18
                    default:
                        k = n.first() - 1;
                        continue;
                }
            }
            if ((t.is("it") || t.is("they")) && (k == s.first() || !tokens.get(k - 1).isWord())) {
                return index.latestHolderBefore(k); // "It flew 24.6 million passengers": the holder named before
            }
            PhraseTable.Match<Set<String>> generic = lexicon.genericOrganisations.matchBackward(tokens, k, s.first());
            if (generic != null && !governed(tokens, generic.first(), s)) {
                return index.latestBefore(generic.first(), generic.value());
            }
            k--;
        }
        return null;
    }

    /**
     * What a sum is paid for: "as much as €150m for Florian Wirtz", "sign Florian Wirtz for a fee of
     * up to £116m", "sold Jeremie Frimpong to Liverpool for €35m", "paid $69bn for Activision". The
     * player, company or asset bought is the figure's holder, whoever pays or receives it; null when
     * no name follows "for" next to the figure.
     */
    /** Whether "for" stands next to the figure where {@link #purchased} looks, so the article's names are worth finding. */
    static boolean saysFor(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        for (int k = Math.max(s.first(), c.first - PURCHASE_WINDOW + 1); k < Math.min(s.end() - 1, c.last + PURCHASE_WINDOW); k++) {
            if (tokens.get(k).is("for")) {
                return true;
            }
        }
        return false;
    }

    String purchased(ArticleNames index, List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        for (int k = c.last + 1; k < Math.min(s.end() - 1, c.last + PURCHASE_WINDOW); k++) {
            Token t = tokens.get(k);
            if (t.type() == Token.Type.PUNCT && !t.is("(") && !t.is(")")) {
                break;
            }
            if (t.is("for")) {
                return purchasedAfterFor(index, tokens, k, s);
            }
        }
        for (int k = c.first - 1; k > Math.max(s.first(), c.first - PURCHASE_WINDOW); k--) {
            Token t = tokens.get(k);
            if (!t.isWord() && t.type() != Token.Type.DASH || t.isNumber()) {
                return null; // "for a club-record fee of": words and their hyphens only
            }
            if (t.is("for")) {
                ArticleNames.Name n = index.endingAt(k - 1);
                if (n != null && n.first() - 2 > s.first() && (tokens.get(n.first() - 1).is("to") || tokens.get(n.first() - 1).is("from"))) {
                    n = index.endingAt(n.first() - 2); // "Jeremie Frimpong to Liverpool for": the player, not the club
                }
                return n == null ? null : purchasable(tokens, n);
            }
        }
        return null;
    }

    /**
     * "Liverpool completed the signing of Germany midfielder Florian Wirtz ... in a deal worth up to
     * £116m", "its acquisition of Activision for $69bn": the name after the purchase verb at
     * {@code verb} ({@link #purchaseVerbBefore}); null when none is named there.
     */
    String bought(ArticleNames index, List<Token> tokens, Candidate c, int verb) {
        return purchasedAfterFor(index, tokens, verb + 1 < c.first && tokens.get(verb + 1).is("of") ? verb + 1 : verb, c.sentence);
    }

    /** Where the nearest purchase verb before the sum in its sentence stands, or -1: the article's names are found only then. */
    static int purchaseVerbBefore(List<Token> tokens, Candidate c) {
        for (int k = c.first - 1; k >= c.sentence.first(); k--) {
            if (FrameLexicon.PURCHASE_VERBS.contains(tokens.get(k).lower())) {
                return k;
            }
        }
        return -1;
    }

    /**
     * "for Florian Wirtz", "for the Italian midfielder Luca Ferrante": the name after "for", past
     * "the" and the words that describe it.
     */
    private String purchasedAfterFor(ArticleNames index, List<Token> tokens, int k, Sentence s) {
        for (int start = k + 1; start < Math.min(s.end(), k + 5); start++) {
            Token t = tokens.get(start);
            if (t.type() == Token.Type.PUNCT || t.isNumber()) {
                return null;
            }
            if (!t.isCapitalised()) {
                continue;
            }
            ArticleNames.Name n = nameStartingAt(index, tokens, start, s);
            String bought = n == null ? null : purchasable(tokens, n);
            if (bought != null || start + 1 >= s.end() || tokens.get(start + 1).isCapitalised()) {
                return bought; // a name that is not bought ("for Germany"), or the next word goes on with it
            }
        }
        return null;
    }

    /**
     * The key of what is bought: a person by surname, as outlets name a player after the first
     * mention ("Florian Wirtz", "Wirtz"); an organisation by its key.
     */
    private String purchasable(List<Token> tokens, ArticleNames.Name n) {
        boolean other = n.kind() == ArticleNames.Kind.OTHER && personLike(tokens, n); // "Moises Caicedo", named once
        if (n.kind() != ArticleNames.Kind.PERSON && n.kind() != ArticleNames.Kind.ORGANISATION && !other) {
            return null;
        }
        // A person by surname, as outlets name a player after the first mention; a name no rule
        // knows as a person's ("Moises Caicedo", "Brightline Software") whole, as it is written at the deal.
        return n.kind() != ArticleNames.Kind.OTHER && personLike(tokens, n) ? tokens.get(n.last()).lower() : n.key();
    }

    /** Two or three capitalised words, none an organisation's head word, a suffix or an acronym: "Florian Wirtz". */
    private boolean personLike(List<Token> tokens, ArticleNames.Name n) {
        if (n.kind() == ArticleNames.Kind.PERSON) {
            return true;
        }
        if (n.last() == n.first() || n.last() - n.first() > 2) {
            return false;
        }
        for (int k = n.first(); k <= n.last(); k++) {
            Token t = tokens.get(k);
            if (!t.isWord() || t.isAllCaps() || t.word().organisationHead() || t.word().isFunction()
                || lexicon.nameSuffixes.contains(t.lower()) || lexicon.organisationHeads.contains(t.lower())) {
                return false;
            }
        }
        return true;
    }

    /** The name whose first token is {@code first}, looking a few tokens on for its end. */
    private static ArticleNames.Name nameStartingAt(ArticleNames index, List<Token> tokens, int first, Sentence s) {
        for (int j = first; j < Math.min(s.end(), first + 5); j++) {
            ArticleNames.Name n = index.endingAt(j);
            if (n != null && n.first() < first && tokens.get(first).isCapitalised()) {
                // "Brighton for Moises Caicedo" read as one name, as "for" joins "Bank for International
                // Settlements": what the sum is for is the part after it.
                return new ArticleNames.Name(first, n.last(), Token.phrase(tokens, first, n.last() + 1).replace(' ', '-'),
                    ArticleNames.Kind.OTHER);
            }
            if (n != null) {
                return n.first() == first ? n : null;
            }
        }
        return null;
    }

    /** "39 golds to 38 for the United States", "two for the Greens": the name a bare figure is for. */
    private static String forName(ArticleNames index, List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        int k = c.last + 1;
        if (!c.bareCount || k + 1 >= s.end() || !tokens.get(k).is("for")) {
            return null;
        }
        int first = tokens.get(k + 1).is("the") ? k + 2 : k + 1;
        for (int j = first; j < Math.min(s.end(), first + 5); j++) {
            ArticleNames.Name n = index.endingAt(j);
            if (n != null) {
                boolean holds = n.first() == first
                    && (n.kind() == ArticleNames.Kind.ORGANISATION || n.kind() == ArticleNames.Kind.COUNTRY);
                return holds ? n.key() : null;
            }
        }
        return null;
    }

    /** "Nvidia's quarterly revenue of $35bn", "the company's 81 cents": a possessive that owns the figure's phrase. */
    private String possessiveOwner(ArticleNames index, List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        for (int k = c.first - 1; k >= Math.max(s.first() + 1, c.first - POSSESSIVE_WINDOW); k--) {
            Token t = tokens.get(k);
            if (t.type() == Token.Type.PUNCT || t.word().reportingForm() != null) {
                return null;
            }
            if (t.is("its") || t.is("their")) {
                return index.latestHolderBefore(k);
            }
            if (t.type() != Token.Type.POSSESSIVE) {
                if (index.endingAt(k) != null) {
                    return null; // "Nigel Farage's Reform UK won": the nearer name, not its owner
                }
                continue;
            }
            ArticleNames.Name n = index.endingAt(k - 1);
            if (n != null) {
                return n.kind() == ArticleNames.Kind.ORGANISATION || n.kind() == ArticleNames.Kind.COUNTRY ? n.key() : null;
            }
            PhraseTable.Match<Set<String>> generic = lexicon.genericOrganisations.matchBackward(tokens, k - 1, s.first());
            return generic == null ? null : index.latestBefore(generic.first(), generic.value());
        }
        return null;
    }

    /**
     * "Nvidia reported", "Labour won", "Boeing has offered": the name is followed by a verb, so it
     * is the subject of its clause. Without a part-of-speech model a verb is a word the lexicons
     * call an event or a reporting verb, an auxiliary, or a past or present form by its ending.
     */
    private boolean actsAsSubject(List<Token> tokens, int last, Sentence s) {
        int k = last + 1;
        if (k < s.end() && tokens.get(k).is(",")) {
            return false;
        }
        if (k >= s.end() || !tokens.get(k).isWord() || tokens.get(k).isCapitalised()) {
            return false;
        }
        Token t = tokens.get(k);
        String w = t.lower();
        if ("auxiliary".equals(t.word().functionClass()) || t.word().reportingForm() != null
            || lexicon.events.get(w) != null || FrameLexicon.HOLDER_VERBS.contains(w)) {
            return true;
        }
        boolean noun = lexicon.topics.get(w) != null || lexicon.countedNouns.get(w) != null
            || lexicon.placeNouns.contains(w) || lexicon.organisationHeads.contains(w);
        return !noun && !t.word().isFunction() && (w.endsWith("ed") || w.endsWith("es") || w.length() > 3 && w.endsWith("s")
            && !w.endsWith("ss"));
    }

    /** "Brackwater Rovers, who have 64 points", "Renewal, which holds 36 seats": the clause is about the name. */
    private static boolean opensRelativeClause(List<Token> tokens, int last, Sentence s) {
        return last + 2 < s.end() && tokens.get(last + 1).is(",") && RELATIVES.contains(tokens.get(last + 2).lower());
    }

    /** "Labour 412, the Conservatives 121", "Australia on 18", "France with 16": a name stated with its figure. */
    private static boolean listsFigure(List<Token> tokens, int last, Candidate c) {
        int k = last + 1;
        if (k < c.first && tokens.get(k).is(",")) {
            int close = k + 1;
            while (close < Math.min(c.first, k + 6) && !tokens.get(close).is(",")) {
                close++;
            }
            if (close < c.first && tokens.get(close).is(",")) {
                k = close + 1; // "France, the host nation, on 16": past the apposition
            }
        }
        if (k < c.first && (tokens.get(k).is("on") || tokens.get(k).is("with") || tokens.get(k).is("at"))) {
            k++;
        }
        return k == c.first || k == c.numberFirst;
    }

    /** "the agency said", "Nordwind, the carmaker, estimated": the name is the speaker of what follows. */
    private boolean speaks(List<Token> tokens, int last, Sentence s) {
        int k = last + 1;
        if (k < s.end() && tokens.get(k).type() == Token.Type.POSSESSIVE) {
            return false;
        }
        for (int seen = 0; k < s.end() && seen < 3; k++, seen++) {
            Token t = tokens.get(k);
            if (lexicon.speechVerbs.contains(t.lower())) {
                return true;
            }
            if (!(t.is("has") || t.is("had") || t.is("also") || t.is("on") || t.is("have"))) {
                return false;
            }
        }
        return false;
    }

    /** A name right after a preposition other than "of", "for" or "at" is that preposition's object. */
    private boolean governed(List<Token> tokens, int first, Sentence s) {
        int k = first - 1;
        if (k >= s.first() && tokens.get(k).is("the")) {
            k--;
        }
        if (k < s.first()) {
            return false;
        }
        Token before = tokens.get(k);
        return "preposition".equals(before.word().functionClass()) && !HOLDING_PREPOSITIONS.contains(before.lower())
            || before.is("than") || before.is("and") && k - 1 >= s.first() && tokens.get(k - 1).is("between");
    }

    /** At a comma scanning backwards: before an earlier ", which ... ," clause, or where we are. */
    private static int skipRelativeClause(List<Token> tokens, int comma, Sentence s) {
        for (int k = comma - 1; k >= Math.max(s.first(), comma - 20); k--) {
            if (tokens.get(k).is(",")) {
                return k + 1 < comma && RELATIVES.contains(tokens.get(k + 1).lower()) ? k : comma;
            }
        }
        return comma;
    }

}
