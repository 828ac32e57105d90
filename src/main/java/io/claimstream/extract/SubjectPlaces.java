package io.claimstream.extract;

import java.util.List;

/**
 * The scope of a subject: a named place or event the figure belongs to ("in the Kursk region",
 * "The Palisades fire"), rendered as a key part ("kursk", "palisades-fire").
 */
final class SubjectPlaces {

    /** Words between a place and the figure it is stated with: "California accounts for 37", "Washington with 11". */
    private static final java.util.Set<String> STATING = java.util.Set.of(
        "with", "on", "at", "accounts", "accounted", "account", "for", "had", "has", "reported", "recorded", "saw", "logged");

    /** Words that open another clause after the figure: a place named after them is that clause's. */
    private static final java.util.Set<String> CLAUSE_OPENERS = java.util.Set.of("since", "when", "while", "after", "before", "because");

    private final Lexicon lexicon;

    SubjectPlaces(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /**
     * A named place or event the figure belongs to: "in the Kursk region", "in Kentucky" after
     * the figure, or "The Palisades fire ... has burned" before it. Countries are entities, not places.
     */
    String place(List<Token> tokens, Candidate c, String title) {
        Sentence s = c.sentence;
        for (int k = c.last + 1; k < Math.min(s.end(), c.last + 9); k++) {
            Token t = tokens.get(k);
            if (t.type() == Token.Type.PUNCT || CLAUSE_OPENERS.contains(t.lower())) {
                break; // "16 states since it was first confirmed in Texas": another clause's place
            }
            if ((t.is("in") || t.is("near") || t.is("around") || t.is("across")) && k + 1 < s.end()) {
                int name = tokens.get(k + 1).is("the") ? k + 2 : k + 1;
                String place = nameAt(tokens, name, s, false);
                if (place != null) {
                    return place;
                }
            }
        }
        for (int k = c.first - 1; k >= Math.max(s.first(), c.first - 20); k--) {
            String place = nameAt(tokens, k, s, true);
            if (place != null) {
                return place;
            }
        }
        String stated = statedWith(tokens, c);
        if (stated == null) {
            stated = opener(tokens, c);
        }
        return stated == null || headlineWords(title).contains(stated) ? "" : stated; // read only when a place is stated
    }

    /**
     * "California accounts for 37 of the cases, followed by Washington with 11": a known place
     * (places.tsv) stated with the figure, as the subject of its clause or an item of its list.
     */
    private String statedWith(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        int k = c.first - 1;
        int floor = Math.max(s.first(), c.first - 4);
        while (k >= floor && STATING.contains(tokens.get(k).lower())) {
            k--;
        }
        if (k < floor || k == c.first - 1) {
            return null;
        }
        PhraseTable.Match<String> place = lexicon.places.matchBackward(tokens, k, s.first());
        return place == null ? null : Token.phrase(tokens, place.first(), place.last() + 1).replace(' ', '-');
    }

    /** How far before a figure the name of its clause may stand: "Drummond remains the worst-hit province, with 612 cases". */
    private static final int BREAKDOWN_WINDOW = 12;

    /**
     * "Drummond remains the worst-hit province, with 612 cases and 19 deaths", "The Sel Coast has
     * recorded 401 cases", "and the Northern Lakes 271 cases": the name a clause opens on, when no
     * known place is stated with the figure, a name no lexicon knows. It scopes the figure only as
     * one of several in a breakdown ({@link SubjectKeys}), as a single such name may well be the
     * figure's holder rather than a part of it.
     */
    String breakdownName(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        int k = c.first - 1;
        int floor = Math.max(s.first(), c.first - BREAKDOWN_WINDOW);
        while (k >= floor && !tokens.get(k).isCapitalised()) {
            Token t = tokens.get(k);
            if (t.word().reportingForm() != null && !STATING.contains(t.lower()) || t.is("while") || t.is(";") || t.is(":") || t.is("(")) {
                return null; // "it said 12 died", a clause of its own
            }
            k--;
        }
        if (k < floor) {
            return null;
        }
        int end = k + 1;
        while (k > s.first() && tokens.get(k - 1).isCapitalised() && !tokens.get(k - 1).word().isFunction()) {
            k--;
        }
        int opening = k > s.first() && tokens.get(k - 1).is("the") ? k - 1 : k;
        Token before = opening == s.first() ? null : tokens.get(opening - 1);
        // "and the Northern Lakes 271", "came from Nordvik Energi, which will build 12 GW, followed by Halstrom Power with 8.5 GW"
        boolean opensClause = before == null || before.is("and") || before.is(",") || before.is("from") || before.is("by");
        boolean introductory = opening == s.first() && end == k + 1 && end < s.end() && tokens.get(end).is(","); // "Nationally, cases rose"
        if (!opensClause || introductory || end < s.end() && tokens.get(end).type() == Token.Type.POSSESSIVE) {
            return null;
        }
        for (int j = k; j < end; j++) {
            Lexicon.Word w = tokens.get(j).word();
            boolean companyName = w.organisationHead() && j == end - 1 && j > k; // "Halstrom Power 8.5 GW"
            if (w.isFunction() || w.timeClass() != null || w.organisationHead() && !companyName || w.titleClass() != null
                || w.reportingForm() != null) {
                return null;
            }
        }
        if (lexicon.entities.get(Token.phrase(tokens, k, end, true)) != null) {
            return null; // a country holds its figures
        }
        return Token.phrase(tokens, k, end).replace(' ', '-');
    }

    /**
     * "In Sabuan the toll stood at 14", "In Halvern, 27 people died": a place that opens the
     * sentence after "in" scopes its figures. Countries hold figures rather than scope them.
     */
    private String opener(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        if (!tokens.get(s.first()).is("in") || s.first() + 1 >= c.first) {
            return null;
        }
        return nameAt(tokens, s.first() + 1, s, false, true);
    }

    /**
     * The headline's capitalised words and pairs of them as key parts ("alberta", "la-ronge"): a
     * place the headline names is the story's own, which a figure of the story is not a part of.
     */
    private static java.util.Set<String> headlineWords(String title) {
        java.util.Set<String> words = new java.util.HashSet<>();
        List<Token> headline = Tokenizer.tokenize(title == null ? "" : title);
        for (int k = 0; k < headline.size(); k++) {
            if (headline.get(k).isWord() && headline.get(k).isCapitalised()) {
                words.add(headline.get(k).lower());
                if (k + 1 < headline.size() && headline.get(k + 1).isWord() && headline.get(k + 1).isCapitalised()) {
                    words.add(headline.get(k).lower() + "-" + headline.get(k + 1).lower());
                }
            }
        }
        return words;
    }

    /** The capitalised name at {@code k} as a key part, when it is a place (or, with a place noun, an event). */
    private String nameAt(List<Token> tokens, int k, Sentence s, boolean needsPlaceNoun) {
        return nameAt(tokens, k, s, needsPlaceNoun, false);
    }

    private String nameAt(List<Token> tokens, int k, Sentence s, boolean needsPlaceNoun, boolean opensSentence) {
        if (k >= s.end() || !tokens.get(k).isCapitalised() || k == s.first() || tokens.get(k).word().isFunction()) {
            return null;
        }
        if (opensSentence && (tokens.get(k).word().timeClass() != null || lexicon.entities.get(tokens.get(k).text()) != null)) {
            return null; // "In March, ...", "In Ukraine, ...": a time, or a country that holds the figure
        }
        if (k > s.first() && tokens.get(k - 1).isCapitalised() && !tokens.get(k - 1).word().isFunction()) {
            return null; // counted from the name's first word
        }
        int end = k;
        while (end < s.end() && tokens.get(end).isCapitalised() && tokens.get(end).word().timeClass() == null) {
            end++;
        }
        boolean placeNoun = end < s.end() && lexicon.placeNouns.contains(tokens.get(end).lower());
        if (end == k || needsPlaceNoun && !placeNoun || end < s.end() && tokens.get(end).type() == Token.Type.POSSESSIVE) {
            return null;
        }
        if (lexicon.entities.get(Token.phrase(tokens, k, end, true)) != null) {
            return null;
        }
        for (int j = k; j < end; j++) {
            if (tokens.get(j).word().organisationHead() || (tokens.get(j).word().titleClass() != null)) {
                return null; // a source, not a place
            }
        }
        return Token.phrase(tokens, k, end).replace(' ', '-');
    }
}
