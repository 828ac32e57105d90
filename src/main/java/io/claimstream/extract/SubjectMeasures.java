package io.claimstream.extract;

import java.util.List;

/**
 * The measure of a subject, first half: what is quantified. For a count, the class of the
 * counted noun ("soldier", "person"); for a sum, share or measure, its topic ("inflation",
 * "revenue", "aid"), found in the phrase the figure modifies, the whole it is a share of, or the
 * nearest topic word; a measure also carries its dimension ("capacity-power"). The event that
 * completes the measure is {@link SubjectEvents}'.
 */
final class SubjectMeasures {

    private static final int TOPIC_WINDOW = 12;

    private final Lexicon lexicon;

    SubjectMeasures(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** The class of what is counted, or the topic a sum, share or measure is about. */
    String thing(List<Token> tokens, Candidate c) {
        if (c.kind == QuantityKind.COUNT) {
            String named = c.bareCount ? namedQuantity(tokens, c) : null;
            if (named != null) {
                return named; // "giving it a majority of 174", "a population of roughly 5,000"
            }
            if (c.unit == null) {
                return "count";
            }
            Lexicon.CountedNoun noun = lexicon.countedNouns.get(c.unit);
            if (noun == null && lexicon.demonymPlurals.get(c.unit + "s") != null) {
                return "person";
            }
            String cls = noun == null ? c.unit.replace(' ', '-') : noun.subjectClass();
            return refined(tokens, c, cls);
        }
        if (c.kind == QuantityKind.MONEY && perShare(tokens, c)) {
            return "eps";
        }
        String perUnit = c.kind == QuantityKind.MONEY ? perUnit(tokens, c) : null;
        if (perUnit != null) {
            return perUnit;
        }
        if ("point".equals(c.unit)) {
            return dimension(c); // an index level is the index's, whatever shares or sectors the sentence names
        }
        String ballot = BallotShares.measure(tokens, c);
        if (ballot != null) {
            return ballot; // "voted 64% to reject the offer": the ballot's result, whatever topic words stand near
        }
        String topic = c.kind == QuantityKind.MONEY ? topicAfterIn(tokens, c) : null;
        if (topic == null && (c.kind == QuantityKind.MONEY || c.kind == QuantityKind.PERCENT)) {
            topic = attributiveTopic(tokens, c);
        }
        if (topic == null) {
            topic = ofComplement(tokens, c);
        }
        if (topic == null) {
            topic = topic(tokens, c);
        }
        String dimension = dimension(c);
        if (c.kind == QuantityKind.PERCENT && "vote".equals(topic)) {
            return "share"; // "33.7% of the vote", "its share fell 4 points to 23.7%": one vote share
        }
        if (topic == null || topic.equals(dimension)) {
            return dimension;
        }
        return topic + (c.kind == QuantityKind.MEASURE ? "-" + dimension : "");
    }

    /** "18 gold medals", "44 silver": a word of the count's phrase that names a narrower measure (refined-measures.tsv). */
    private static String refined(List<Token> tokens, Candidate c, String cls) {
        for (int k = c.first; k <= Math.min(c.last + 1, c.sentence.end() - 1); k++) {
            String measure = FrameLexicon.REFINED_MEASURES.get(cls + " " + tokens.get(k).lower());
            if (measure != null) {
                return measure;
            }
        }
        return cls;
    }

    private String dimension(Candidate c) {
        return switch (c.kind) {
            case MONEY -> "money";
            case PERCENT -> c.unit.equals("percentage_point") ? "points" : "share";
            case FRACTION -> "share";
            default -> lexicon.unitDimensions.getOrDefault(c.unit, c.unit); // unit-dimensions.tsv
        };
    }

    /**
     * The topic word nearest before the figure in its sentence ("inflation rose to 12%", "the
     * rate ... from the 25% it had held"), else the nearest after it ("a EUR500 billion fund").
     * A measure's topic stands close to it ("generating capacity"), not across the sentence.
     */
    private String topic(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        int floor = c.kind == QuantityKind.MEASURE ? Math.max(s.first(), c.first - 6) : s.first();
        for (int k = c.first - 1; k >= floor; k--) {
            String topic = topicAt(tokens, k);
            if (topic != null) {
                return topic;
            }
        }
        for (int k = c.last + 1; k < Math.min(s.end(), c.last + TOPIC_WINDOW); k++) {
            String topic = topicAt(tokens, k);
            if (topic != null) {
                return topic;
            }
        }
        return null;
    }

    private String topicAt(List<Token> tokens, int k) {
        Token t = tokens.get(k);
        if (!t.isWord() || t.isCapitalised() && k > 0 && tokens.get(k - 1).isCapitalised()
            && !lexicon.timelessTopics.contains(String.valueOf(lexicon.topics.get(t.lower())))) {
            return null; // "the International Monetary Fund's board" names no topic; "Bank Rate" does
        }
        PhraseTable.Match<String> named = lexicon.entities.matchBackward(tokens, k, Math.max(0, k - 2));
        if (named != null && named.first() < k) {
            return null; // "prices in the euro area rose": "area" ends a name, not a topic
        }
        PhraseTable.Match<String> m = lexicon.topics.matchBackward(tokens, k, Math.max(0, k - 2));
        if (m != null && m.first() == m.last() && lexicon.deferringTopics.contains(t.lower()) && k > 0) {
            String before = lexicon.topics.get(tokens.get(k - 1).lower());
            if (before != null) {
                return before; // "military aid worth 0.25% of GDP" is aid
            }
        }
        if (m != null && t.is("level") && k > 0 && (tokens.get(k - 1).lower().endsWith("est") || tokens.get(k - 1).is("record"))) {
            return null; // "from 5.25%, the highest level since 2008": a remark on the figure, whose topic is named elsewhere
        }
        return m == null || isRatioBase(tokens, k) ? null : m.value();
    }

    /** "a majority of 174": a bare count after a named quantity and "of" is that quantity. */
    private String namedQuantity(List<Token> tokens, Candidate c) {
        int of = c.first - 1;
        if (of - 1 < c.sentence.first() || !tokens.get(of).is("of")) {
            return null;
        }
        return lexicon.topics.get(tokens.get(of - 1).lower());
    }

    /**
     * "€150bn in loans", "$2bn in new aid": the topic named after "in" is what the sum is, whatever
     * the sentence is about ("the plan includes €150bn in loans").
     */
    private String topicAfterIn(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        int k = c.last + 1;
        if (k + 1 >= s.end() || !tokens.get(k).is("in")) {
            return null;
        }
        for (int j = k + 1; j < Math.min(s.end(), k + 3); j++) {
            String topic = lexicon.topics.get(tokens.get(j).lower());
            if (topic != null) {
                return topic;
            }
            if (!tokens.get(j).isWord() || tokens.get(j).isCapitalised() || tokens.get(j).is("lost") || tokens.get(j).is("forgone")) {
                return null; // "C$9 million in lost revenue" is a loss, not revenue
            }
        }
        return null;
    }

    /**
     * Earnings per share, however worded: "$1.42 a share", "87 cents per share", "profit per share
     * of $1.42", "EPS of 81 cents": a sum per share is what a company earned for each share.
     */
    private static boolean perShare(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        int k = c.last + 1;
        if (k + 1 < s.end() && (tokens.get(k).is("a") || tokens.get(k).is("per")) && tokens.get(k + 1).is("share")) {
            return true;
        }
        for (int j = c.first - 1; j >= Math.max(s.first(), c.first - 6); j--) {
            Token t = tokens.get(j);
            if (t.type() == Token.Type.PUNCT) {
                return false;
            }
            if (t.is("eps") || t.is("share") && j > s.first() && tokens.get(j - 1).is("per")) {
                return true;
            }
        }
        return false;
    }

    /**
     * "$58.90 a barrel", "€32.10 per megawatt-hour", "£82 for every megawatt-hour": a sum for each
     * unit of a measure is a price; "146.20 per dollar", "80 to the dollar" a currency's exchange
     * rate. Sums for a period ("€85k a year") are rates the period rules read.
     */
    private String perUnit(List<Token> tokens, Candidate c) {
        if (currencyMoves(tokens, c)) {
            return "exchange-rate";
        }
        for (int k = c.first + 1; k <= c.last + 1 && k < c.sentence.end(); k++) {
            String per = perUnitAt(tokens, k, c.sentence);
            if (per != null) {
                return per; // after the figure, or inside its span: "146.20 per dollar"
            }
        }
        return null;
    }

    /**
     * "The pound fell 0.5% against the dollar to $1.2785", "sterling rose to $1.31": a currency
     * that moves to a sum in another is quoted at its exchange rate.
     */
    private boolean currencyMoves(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        for (int k = c.first - 1; k >= Math.max(s.first(), c.first - 8); k--) {
            Token t = tokens.get(k);
            if (t.is(",") || t.is(";") || t.is(":")) {
                return false;
            }
            boolean moves = k + 1 < c.first && lexicon.changeCue("verb", tokens.get(k + 1).lower()) != null; // "the pound fell"
            if (moves && t.isWord() && !t.isCapitalised() && lexicon.currenciesAfter.matchForward(tokens, k, s.end()) != null
                || t.is("against") && k + 2 < c.first && tokens.get(k + 1).is("the") && quotedAt(tokens, k + 2, c)) {
                return true;
            }
        }
        return false;
    }

    /** "against the dollar to $1.2785": the currency at {@code k}, and only "to" or "at" between it and the figure. */
    private boolean quotedAt(List<Token> tokens, int k, Candidate c) {
        PhraseTable.Match<String> currency = lexicon.currenciesAfter.matchForward(tokens, k, c.first);
        return currency != null && currency.last() + 2 == c.first
            && (tokens.get(c.first - 1).is("to") || tokens.get(c.first - 1).is("at"));
    }

    private String perUnitAt(List<Token> tokens, int k, Sentence s) {
        if (k + 1 < s.end() && tokens.get(k).is("for") && tokens.get(k + 1).is("every")) {
            k++;
        } else if (k + 1 < s.end() && tokens.get(k).is("to") && tokens.get(k + 1).is("the")) {
            k++;
        } else if (k >= s.end() || !(tokens.get(k).is("a") || tokens.get(k).is("an") || tokens.get(k).is("per"))) {
            return null;
        }
        k++;
        if (k >= s.end() || !tokens.get(k).isWord() || tokens.get(k).word().timeClass() != null) {
            return null;
        }
        if (lexicon.currenciesAfter.matchForward(tokens, k, s.end()) != null) {
            return "exchange-rate";
        }
        PhraseTable.Match<Lexicon.Unit> unit = lexicon.units.matchForward(tokens, k, s.end());
        return unit != null && unit.value().kind() == QuantityKind.MEASURE ? "prices" : null;
    }

    /** "$15.6 billion lending program", "a EUR100 billion special fund": the head of the noun phrase the sum modifies. */
    private String attributiveTopic(List<Token> tokens, Candidate c) {
        String topic = null;
        for (int k = c.last + 1; k < Math.min(c.sentence.end(), c.last + 4); k++) {
            Token t = tokens.get(k);
            if (!t.isWord() || t.isCapitalised() || t.word().isFunction()) {
                break;
            }
            String found = lexicon.topics.get(t.lower());
            topic = found == null ? topic : found;
        }
        return topic;
    }

    /** "27.4% of the vote", "95% of ballots": the whole a share is taken of says what it is about. */
    private String ofComplement(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        int k = c.last + 1;
        if (k >= s.end() || !tokens.get(k).is("of")) {
            return null;
        }
        int limit = Math.min(s.end(), k + 6);
        for (int j = k + 1; j < limit; j++) {
            Token t = tokens.get(j);
            if (!t.isWord()) {
                return null;
            }
            String w = t.lower();
            if ("determiner".equals(t.word().functionClass()) || t.isCapitalised() || t.type() == Token.Type.POSSESSIVE
                || lexicon.entities.get(t.text()) != null) {
                continue; // "of the", "of Ukraine's"
            }
            if (j + 1 < s.end() && tokens.get(j + 1).type() == Token.Type.POSSESSIVE) {
                int owned = skipFigure(tokens, j + 2, s);
                limit = Math.min(s.end(), owned + 3);
                j = owned - 1;
                continue; // "of the country's roughly 620,000 bridges": the possessor owns the thing
            }
            if (t.word().isFunction() || isRatioBase(tokens, j) || t.word().timeClass() != null) {
                return null; // "of them", "of GDP", "of gross domestic product", "of GDP next year"
            }
            String topic = lexicon.topics.get(w);
            if (topic != null) {
                return topic;
            }
            Token next = j + 1 < s.end() ? tokens.get(j + 1) : null;
            boolean pluralHead = w.endsWith("s") && next != null && !next.lower().endsWith("s"); // "of the shipments went"
            if (!pluralHead && next != null && next.isWord() && !next.isCapitalised() && !next.word().isFunction()
                && lexicon.events.get(next.lower()) == null) {
                continue; // "of fiscal room", "of domestic gas output": the head comes last
            }
            String singular = lexicon.singular(w);
            return singular == null ? w : singular;
        }
        return null;
    }

    /** The token after a qualifier and figure that may follow a possessive ("roughly 620,000"). */
    private int skipFigure(List<Token> tokens, int k, Sentence s) {
        int j = k;
        PhraseTable.Match<Qualifier> q = j < s.end() ? lexicon.qualifiersBefore.matchForward(tokens, j, s.end()) : null;
        if (q != null) {
            j = q.last() + 1;
        }
        while (j < s.end() && tokens.get(j).isNumber()) {
            j++;
        }
        return j;
    }

    /** "1.5% of GDP", "of gross domestic product": the base of a share, not what it is about. */
    private static boolean isRatioBase(List<Token> tokens, int k) {
        Token t = tokens.get(k);
        return t.is("gdp") || t.is("gross") && k + 1 < tokens.size() && tokens.get(k + 1).is("domestic")
            || t.is("output") && k >= 1 && (tokens.get(k - 1).is("of") || tokens.get(k - 1).is("economic"))
            || t.is("total");
    }
}
