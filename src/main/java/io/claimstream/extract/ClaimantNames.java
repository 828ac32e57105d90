package io.claimstream.extract;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * From a speaker phrase to the claimant: a pronoun to the person or source it refers to, a
 * document to its source ("the agency's daily update" -> the agency), a title or description
 * stripped from a name ("Energy Minister Herman Halushchenko" -> "Herman Halushchenko"), and a
 * name resolved to the full name the article first uses, or registered as a new organisation.
 */
final class ClaimantNames {

    static final Set<String> PERSON_PRONOUNS = Set.of("he", "she", "him", "her", "his");
    static final Set<String> THING_PRONOUNS = Set.of("it", "its");
    static final Set<String> GROUP_PRONOUNS = Set.of("they", "their", "them");

    private final Lexicon lexicon;

    ClaimantNames(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** The claimant a speaker phrase names: a resolved entity's full name, or the phrase itself. */
    String claimantOf(ClaimantContext cx, Sentence s, ClaimantPhrases.Phrase p) {
        if (p.text().startsWith("=")) {
            return p.text().substring(1);
        }
        List<Token> tokens = cx.tokens;
        String w = tokens.get(p.first()).lower();
        if (p.first() == p.last()) {
            if (PERSON_PRONOUNS.contains(w)) {
                return nameOf(cx.mentions.latest(p.first(), EnumSet.of(Entity.Type.PERSON)));
            }
            if (THING_PRONOUNS.contains(w)) {
                return nameOf(cx.latestSource(p.first()));
            }
            if (GROUP_PRONOUNS.contains(w)) {
                return cx.lastClaimant != null && cx.lastClaimantSentence == s.index() ? cx.lastClaimant
                    : nameOf(cx.latestSource(p.first()));
            }
        }
        int last = p.last();
        while (last > p.first() && tokens.get(last).word().documentWord()) {
            last--; // "agriculture ministry data showed": the ministry
        }
        if (tokens.get(last).word().documentWord()) {
            boolean definite = p.from() < p.first() || p.from() > s.first() && tokens.get(p.from() - 1).is("the");
            // "the update said": the source named before; "figures showed": nobody in particular
            return definite || p.from() != p.first() ? nameOf(cx.latestSource(p.first())) : null;
        }
        int possessive = possessiveIn(tokens, p.first(), last);
        if (possessive > p.first() && possessive < last && !canSpeak(tokens, possessive + 1, last)) {
            last = possessive - 1; // "the agency's daily update said": the agency
        } else if (last < p.last() && !canSpeak(tokens, p.first(), last)) {
            last = p.last(); // "industry data show": the data is all the article names
            return cx.text(p.first(), last);
        }
        if (!canSpeak(tokens, p.first(), last)) {
            return null;
        }
        int first = stripDescriptor(tokens, p.first(), last);
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

    boolean isGroup(Token head) {
        return !head.isCapitalised() && lexicon.isPlural(head.lower());
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
                && !lexicon.speakerNameJoiners.contains(t.lower())) {
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
        if (lexicon.descriptorEndings.contains(descriptor.lower()) && !(descriptor.word().titleClass() != null)) {
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
}
