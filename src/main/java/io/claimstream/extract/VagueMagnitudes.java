package io.claimstream.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Magnitudes stated without a number: "tens of millions of euros", "hundreds of thousands of
 * people", "dozens of homes". They are not claims (no outlet commits to a figure), but a general
 * quantity extractor reports them, so with {@code --all-quantities} they are quantities of kind
 * {@link QuantityKind#VAGUE} with the least value they can mean ("tens of millions" is at least
 * 10,000,000) and the counted word after them as their unit. The words and their lower bounds are
 * data ({@code vague-magnitudes.tsv}).
 */
final class VagueMagnitudes {

    private static final Map<String, Double> LOWER_BOUNDS = lowerBounds();

    private VagueMagnitudes() {
    }

    /** The vague magnitudes among {@code tokens} of {@code text}, in text order; one pass. */
    static List<Quantity> find(List<Token> tokens, String text) {
        List<Quantity> found = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            Double bound = bound(tokens.get(i));
            if (bound == null || (i > 0 && tokens.get(i - 1).isNumber())) {
                i++;
                continue;
            }
            int first = i;
            double value = bound;
            int last = i;
            // "tens of millions of": each further magnitude joined by "of" multiplies the bound.
            while (last + 2 < tokens.size() && tokens.get(last + 1).is("of") && bound(tokens.get(last + 2)) != null) {
                value *= bound(tokens.get(last + 2));
                last += 2;
            }
            String unit = null;
            if (last + 2 < tokens.size() && tokens.get(last + 1).is("of") && tokens.get(last + 2).isWord()) {
                last += 2;
                unit = tokens.get(last).lower();
            }
            int start = tokens.get(first).start();
            int end = tokens.get(last).end();
            found.add(new Quantity(start, end, text.substring(start, end), value, null, unit, QuantityKind.VAGUE,
                Qualifier.AT_LEAST, null));
            i = last + 1;
        }
        return found;
    }

    private static Double bound(Token t) {
        return t.isWord() ? LOWER_BOUNDS.get(t.lower()) : null;
    }

    private static Map<String, Double> lowerBounds() {
        Map<String, Double> bounds = new HashMap<>();
        for (String[] row : LexiconFile.rows("vague-magnitudes.tsv", 2)) {
            bounds.put(row[0], Double.parseDouble(row[1]));
        }
        return Map.copyOf(bounds);
    }
}
