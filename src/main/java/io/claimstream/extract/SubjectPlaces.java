package io.claimstream.extract;

import java.util.List;

/**
 * The scope of a subject: a named place or event the figure belongs to ("in the Kursk region",
 * "The Palisades fire"), rendered as a key part ("kursk", "palisades-fire").
 */
final class SubjectPlaces {

    private final Lexicon lexicon;

    SubjectPlaces(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /**
     * A named place or event the figure belongs to: "in the Kursk region", "in Kentucky" after
     * the figure, or "The Palisades fire ... has burned" before it. Countries are entities, not places.
     */
    String place(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        for (int k = c.last + 1; k < Math.min(s.end(), c.last + 9); k++) {
            Token t = tokens.get(k);
            if (t.type() == Token.Type.PUNCT) {
                break;
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
        return "";
    }

    /** The capitalised name at {@code k} as a key part, when it is a place (or, with a place noun, an event). */
    private String nameAt(List<Token> tokens, int k, Sentence s, boolean needsPlaceNoun) {
        if (k >= s.end() || !tokens.get(k).isCapitalised() || k == s.first() || tokens.get(k).word().isFunction()) {
            return null;
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
