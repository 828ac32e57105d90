package io.claimstream.extract;

import java.util.List;

/**
 * The disaster an article's tolls belong to: a storm or fire named in it ("Cyclone Irelle",
 * "Hurricane Helene", "the Laronge fire"), when it names exactly one. The people a disaster kills,
 * injures, leaves missing or drives from their homes are its own figures (disasters.tsv), so
 * outlets that name other countries or bodies beside the toll (donors, insurers, a dateline)
 * still meet under the disaster, and two storms in one country stay apart.
 */
final class NamedDisasters {

    private NamedDisasters() {
    }

    /** The one disaster the article names, as a key part ("irelle", "laronge"), or null. */
    static String of(List<Token> tokens) {
        String found = null;
        for (int k = 0; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            String role = t.isWord() ? FrameLexicon.DISASTER_WORDS.get(t.lower()) : null;
            String name = null;
            if ("before".equals(role) && t.isCapitalised() && k + 1 < tokens.size()) {
                name = nameAt(tokens, k + 1); // "Cyclone Irelle"
            } else if ("after".equals(role) && !t.isCapitalised() && k > 0) {
                name = nameAt(tokens, k - 1); // "the Laronge fire"
            }
            if (name == null) {
                continue;
            }
            if (found != null && !found.equals(name)) {
                return null; // two storms: which one a toll is is for the sentence to say
            }
            found = name;
        }
        return found;
    }

    /** Whether a figure of this event is the disaster's, not the country's where it struck. */
    static boolean holds(String event) {
        return "event".equals(FrameLexicon.DISASTER_WORDS.get(event));
    }

    /** A single capitalised word that names nothing the lexicons know as a function or time word. */
    private static String nameAt(List<Token> tokens, int k) {
        Token t = tokens.get(k);
        if (!t.isWord() || !t.isCapitalised() || t.isAllCaps() || t.word().isFunction() || t.word().timeClass() != null) {
            return null;
        }
        return t.lower();
    }
}
