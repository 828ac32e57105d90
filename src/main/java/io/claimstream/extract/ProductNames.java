package io.claimstream.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * The products an article names by model ("Galaxy S25 Ultra", "the S25+", "Pixel 9", "RTX 5090"),
 * each with a key under which outlets' forms of one model meet. A model written in letters and
 * digits is its own key, as outlets drop the family name ("Galaxy S25 Ultra" and "the S25 Ultra"
 * are {@code s25-ultra}); a bare number keeps the name before it ({@code pixel-9}); variants
 * follow (product-variants.tsv). A variant written alone after "the" ("the Ultra costs") is the
 * model of the story that has it.
 */
final class ProductNames {

    /** How far after a figure "for the S24 Ultra" may stand. */
    private static final int AFTER_WINDOW = 5;
    /** The longest model number: "RTX 5090", not a count or an amount. */
    private static final double MAX_MODEL_NUMBER = 99_999;

    /** Words before a product named only to be compared with. */
    private static final java.util.Set<String> COMPARING = java.util.Set.of("from", "on", "than", "in", "over", "against", "with", "for");

    record Mention(int first, int last, String key) {
    }

    private final List<Mention> mentions = new ArrayList<>();

    ProductNames(Lexicon lexicon, List<Token> tokens, List<Candidate> claims) {
        boolean[] claimed = new boolean[tokens.size()];
        for (Candidate c : claims) {
            for (int k = c.first; k <= c.last; k++) {
                claimed[k] = true;
            }
        }
        for (int k = 1; k < tokens.size(); k++) {
            if (claimed[k]) {
                continue;
            }
            boolean written = isModelWord(lexicon, tokens.get(k));
            String model = written ? tokens.get(k).lower() : numbered(lexicon, tokens, k);
            if (model != null) {
                int last = k;
                StringBuilder key = new StringBuilder(model);
                for (String v; last + 1 < tokens.size() && (v = variant(tokens.get(last + 1))) != null; last++) {
                    key.append('-').append(v);
                }
                mentions.add(new Mention(written ? k : k - 1, last, key.toString()));
                k = last;
            } else if (tokens.get(k).is("index") && indexName(tokens, k) < k) {
                int first = indexName(tokens, k);
                mentions.add(new Mention(first, k - 1, Token.phrase(tokens, first, k).toLowerCase(java.util.Locale.ROOT)
                    .replace(" - ", "-").replace(' ', '-'))); // "the Valmora Mid-Cap index": a market's index holds its level
            } else if (tokens.get(k - 1).is("the") && tokens.get(k).isCapitalised()) {
                String variant = variant(tokens.get(k));
                String alone = variant == null ? null : variantAlone(variant);
                if (alone != null) {
                    mentions.add(new Mention(k, k, alone)); // "the Ultra": the model with that variant
                }
            }
        }
    }

    /** "S25", "X7", "A17": one to three capitals and the digits written against them, not a known name ("G7"). */
    private static boolean isModelWord(Lexicon lexicon, Token t) {
        if (!t.isWord() || !t.hasDigit() || !t.isCapitalised()) {
            return false;
        }
        String w = t.text();
        int letters = 0;
        while (letters < w.length() && Character.isUpperCase(w.charAt(letters))) {
            letters++;
        }
        int digits = letters;
        while (digits < w.length() && Character.isDigit(w.charAt(digits))) {
            digits++;
        }
        return letters >= 1 && letters <= 3 && digits > letters && digits == w.length() && lexicon.entities.get(w) == null;
    }

    /**
     * "Pixel 9", "RTX 5090": a capitalised name, not a time, function word, country, place or
     * numbered class, and a plain number after it that is no year.
     */
    private static String numbered(Lexicon lexicon, List<Token> tokens, int k) {
        Token number = tokens.get(k);
        Token name = tokens.get(k - 1);
        if (!number.isPlainInteger() || number.joined() || number.number() > MAX_MODEL_NUMBER || !name.isWord()
            || !name.isCapitalised() || name.joined() || name.word().isFunction() || name.word().timeClass() != null) {
            return null; // "S&P 500" is joined: an index's name, not a model's
        }
        boolean year = number.text().length() == 4 && number.number() >= 1900 && number.number() <= 2100;
        if (year || lexicon.entities.get(name.text()) != null || lexicon.places.get(name.lower()) != null
            || lexicon.units.get(name.lower()) != null || lexicon.nonClaimCue("before", name.lower()) != null) {
            return null; // "Category 5", "Route 66", "Article 50": a numbered class or document, not a product
        }
        return name.lower() + "-" + number.text();
    }

    /** The first word of the capitalised name before "index" at {@code k}, or {@code k} when there is none. */
    private static int indexName(List<Token> tokens, int k) {
        int first = k;
        while (first - 1 >= 0 && k - first < 4 && (tokens.get(first - 1).isCapitalised()
            && (!tokens.get(first - 1).word().isFunction() || tokens.get(first).type() == Token.Type.DASH) // "All-Share"
            || tokens.get(first - 1).type() == Token.Type.DASH && first - 2 >= 0 && tokens.get(first - 2).isCapitalised())) {
            first--;
        }
        return first;
    }

    private static String variant(Token t) {
        boolean written = t.isCapitalised() || t.is("+") && t.joined();
        return written ? FrameLexicon.PRODUCT_VARIANTS.get(t.lower()) : null;
    }

    /** The key of the last model named with this variant, else null. */
    private String variantAlone(String variant) {
        for (int i = mentions.size() - 1; i >= 0; i--) {
            if (mentions.get(i).key().endsWith("-" + variant)) {
                return mentions.get(i).key();
            }
        }
        return null;
    }

    /**
     * The product a figure is stated for, in this order: one named after it with "for", "on" or
     * "in" ("232g for the S24 Ultra", "up from 4,700mAh in the Orbit X6"); one whose possessive
     * the figure follows ("the Orbit X7's 5,200mAh"); the nearest named before it in its sentence
     * that is not the object of a comparison ("the S25+ at $999.99", not "up from 128GB on last
     * year's X6"), in its clause; for a measure in units in a sentence that opens on "it", the
     * product of the sentence before ("It has a 6.3-inch display"). Null when none is named there.
     */
    String holder(List<Token> tokens, Candidate c, List<Sentence> sentences) {
        Sentence s = c.sentence;
        for (int k = c.last + 1; k < Math.min(s.end() - 1, c.last + AFTER_WINDOW); k++) {
            Token t = tokens.get(k);
            if (t.type() == Token.Type.PUNCT) {
                break;
            }
            if (t.is("for") || t.is("on") || t.is("in")) {
                Mention m = startingAt(tokens, tokens.get(k + 1).is("the") ? k + 2 : k + 1);
                if (m != null) {
                    return m.key();
                }
            }
        }
        Mention before = nearestBefore(tokens, clauseStart(tokens, c), c.first);
        boolean pronoun = tokens.get(s.first()).is("it") || tokens.get(s.first()).is("its");
        if (before == null && pronoun && c.kind == QuantityKind.MEASURE && s.index() > 0) {
            Sentence previous = sentences.get(s.index() - 1);
            before = nearestBefore(tokens, previous.first(), previous.end());
        }
        return before == null ? null : before.key();
    }

    /** "The Corona 40 fell 0.2%, while the Mid-Cap index added 0.5% to 11,459.60": the figure's own clause. */
    private static int clauseStart(List<Token> tokens, Candidate c) {
        for (int k = c.first - 1; k > c.sentence.first(); k--) {
            Token t = tokens.get(k);
            if (t.is("while") || t.is("whereas") || t.is(";") || t.is(":")) {
                return k + 1;
            }
        }
        return c.sentence.first();
    }

    private Mention nearestBefore(List<Token> tokens, int from, int to) {
        Mention nearest = null;
        for (Mention m : mentions) {
            if (m.first() < from || m.last() >= to) {
                continue;
            }
            boolean owns = m.last() + 1 < to && tokens.get(m.last() + 1).type() == Token.Type.POSSESSIVE && m.last() + 3 >= to;
            if (owns) {
                return m; // "the Orbit X7's 5,200mAh"
            }
            if (!compared(tokens, m, from)) {
                nearest = m;
            }
        }
        return nearest;
    }

    /** "up from 128GB on last year's Orbit X6", "heavier than the X7": a product named to compare with. */
    private static boolean compared(List<Token> tokens, Mention m, int from) {
        for (int k = m.first() - 1; k >= Math.max(from, m.first() - 5); k--) {
            Token t = tokens.get(k);
            if (COMPARING.contains(t.lower())) {
                return true;
            }
            boolean family = k == m.first() - 1 && t.isCapitalised(); // "Orbit" of "Orbit X6"; not "In Germany the S25"
            if (!(family || t.is("the") || t.is("last") || t.is("year") || t.type() == Token.Type.POSSESSIVE)) {
                return false;
            }
        }
        return false;
    }

    private Mention startingAt(List<Token> tokens, int k) {
        for (Mention m : mentions) {
            if (m.first() == k || m.first() == k + 1 && tokens.get(k).isCapitalised()) {
                return m; // "the Galaxy S25": the model after its family's name
            }
        }
        return null;
    }
}
