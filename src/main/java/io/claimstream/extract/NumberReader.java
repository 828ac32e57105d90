package io.claimstream.extract;

import java.util.List;

/**
 * Reads one number at a token position: digits with an optional scale ("1.3 million", "$1.2bn"),
 * spelled-out numbers ("a hundred and fifty", "two dozen", "one and a half million") and
 * fractions ("two-thirds", "a quarter of a million"). Plural scale words ("hundreds of",
 * "dozens of") are vague and never read as numbers.
 */
final class NumberReader {

    enum Form { DIGITS, WORDS, FRACTION }

    /** A number over tokens {@code first..last} (inclusive). {@code scaled} when a scale word applied. */
    record NumberMatch(int first, int last, double value, Form form, boolean scaled) {
    }

    private final Lexicon lexicon;

    NumberReader(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** True when a number may start at token {@code i}. */
    boolean startsNumber(List<Token> tokens, int i, int limit) {
        if (i >= limit) {
            return false;
        }
        Token t = tokens.get(i);
        if (t.isNumber()) {
            return Double.isFinite(t.number()); // a digit run too long to be a figure is none
        }
        if (!t.isWord()) {
            return false;
        }
        String w = t.lower();
        if (t.word().number() != null || w.equals("half")) {
            return true;
        }
        return (w.equals("a") || w.equals("an")) && i + 1 < limit
            && ((tokens.get(i + 1).word().number() != null) || (tokens.get(i + 1).word().fraction() != null));
    }

    NumberMatch read(List<Token> tokens, int i, int limit, boolean money) {
        if (i >= limit) {
            return null;
        }
        Token t = tokens.get(i);
        if (t.isNumber()) {
            return digits(tokens, i, limit, money);
        }
        if (!t.isWord()) {
            return null;
        }
        NumberMatch fraction = fraction(tokens, i, limit);
        if (fraction != null) {
            return fraction;
        }
        return words(tokens, i, limit);
    }

    private NumberMatch digits(List<Token> tokens, int i, int limit, boolean money) {
        double value = tokens.get(i).number();
        if (!Double.isFinite(value)) {
            return null;
        }
        if (i + 1 < limit) {
            Token next = tokens.get(i + 1);
            Lexicon.Scale scale = next.isWord() ? lexicon.scales.get(next.lower()) : null;
            if (scale != null && (next.joined() || (!scale.attachedOnly() && !scale.moneyOnly()))
                && (!scale.moneyOnly() || money) && Double.isFinite(value * scale.multiplier())) {
                return new NumberMatch(i, i + 1, value * scale.multiplier(), Form.DIGITS, true);
            }
        }
        return new NumberMatch(i, i, value, Form.DIGITS, false);
    }

    /** Spelled-out whole numbers: "twelve", "Twenty-three", "a hundred and fifty", "two dozen". */
    private NumberMatch words(List<Token> tokens, int i, int limit) {
        double total = 0;
        double current = 0;
        String lastRole = null;
        boolean scaled = false;
        int last = -1;
        int k = i;
        while (k < limit) {
            Token t = tokens.get(k);
            String w = t.lower();
            if (lastRole == null && (w.equals("a") || w.equals("an")) && k + 1 < limit && isMultiplierWord(tokens.get(k + 1).lower())) {
                current = 1;
                lastRole = "article";
                k++;
                continue;
            }
            Lexicon.NumberWord nw = t.isWord() ? lexicon.numberWords.get(w) : null;
            if (nw == null) {
                if (last >= 0 && isAndAHalf(tokens, k, limit)) {
                    current += 0.5;
                    last = k + 2;
                    lastRole = "unit";
                    k += 3;
                    continue;
                }
                boolean joiner = (w.equals("and") && (lastRole.equals("hundred") || lastRole.equals("multiplier")))
                    || (t.type() == Token.Type.DASH && t.joined() && lastRole.equals("tens"));
                if (last >= 0 && joiner && k + 1 < limit && isSmallNumberWord(tokens.get(k + 1).lower())) {
                    k++;
                    continue;
                }
                break;
            }
            if (!follows(nw.role(), lastRole) || (lastRole == null && !nw.role().equals("unit") && !nw.role().equals("tens"))) {
                break; // "several dozen", "a few hundred": a bare scale word is no number
            }
            switch (nw.role()) {
                case "unit", "tens" -> current += nw.value();
                case "hundred" -> current = (current == 0 ? 1 : current) * 100;
                case "dozen" -> current = (current == 0 ? 1 : current) * 12;
                default -> {
                    total += (current == 0 ? 1 : current) * nw.value();
                    current = 0;
                    scaled = true;
                }
            }
            lastRole = nw.role();
            last = k;
            k++;
        }
        if (last < 0) {
            return null;
        }
        return finish(i, last, total + current, scaled);
    }

    /** Whether a number word of {@code role} may follow one of {@code previous} in one number. */
    private static boolean follows(String role, String previous) {
        if (previous == null) {
            return true;
        }
        return switch (role) {
            case "unit" -> previous.equals("tens") || previous.equals("hundred") || previous.equals("multiplier");
            case "tens" -> previous.equals("hundred") || previous.equals("multiplier");
            case "hundred" -> previous.equals("unit") || previous.equals("article");
            case "dozen" -> previous.equals("unit") || previous.equals("tens") || previous.equals("article");
            default -> true;
        };
    }

    private static NumberMatch finish(int first, int last, double value, boolean scaled) {
        return new NumberMatch(first, last, value, Form.WORDS, scaled);
    }

    /**
     * Fractions: "half", "a third", "one-quarter", "two-thirds", "three quarters"; and fractions of
     * a scale, which are whole numbers: "half a million", "a quarter of a million".
     */
    private NumberMatch fraction(List<Token> tokens, int i, int limit) {
        Token t = tokens.get(i);
        String w = t.lower();
        int last;
        double value;
        if (w.equals("half")) {
            last = i;
            value = 0.5;
        } else if ((w.equals("a") || w.equals("an") || w.equals("one")) && i + 1 < limit
            && isSingularFraction(tokens, i + 1)) {
            last = i + 1;
            value = tokens.get(i + 1).word().fraction();
        } else {
            Lexicon.NumberWord nw = lexicon.numberWords.get(w);
            if (nw == null || !nw.role().equals("unit") || nw.value() < 1) {
                return null;
            }
            int k = i + 1;
            if (k < limit && tokens.get(k).type() == Token.Type.DASH && tokens.get(k).joined()) {
                k++;
            }
            if (k >= limit || !isPluralFraction(tokens.get(k).lower()) && !(nw.value() == 1 && isSingularFraction(tokens, k))) {
                return null;
            }
            last = k;
            value = nw.value() * tokens.get(k).word().fraction();
        }
        return scaledFraction(tokens, i, last, value, limit);
    }

    private NumberMatch scaledFraction(List<Token> tokens, int first, int last, double value, int limit) {
        int k = last + 1;
        if (k < limit && tokens.get(k).is("of")) {
            k++;
        }
        if (k + 1 < limit && (tokens.get(k).is("a") || tokens.get(k).is("an"))) {
            Lexicon.NumberWord scale = tokens.get(k + 1).word().number();
            if (scale != null && scale.role().equals("multiplier")) {
                return new NumberMatch(first, k + 1, value * scale.value(), Form.WORDS, true);
            }
        }
        return new NumberMatch(first, last, value, Form.FRACTION, false);
    }

    private boolean isSingularFraction(List<Token> tokens, int k) {
        String w = tokens.get(k).lower();
        return lexicon.fractions.containsKey(w) && !w.endsWith("s");
    }

    private boolean isPluralFraction(String w) {
        return lexicon.fractions.containsKey(w) && w.endsWith("s") && !w.equals("halves");
    }

    private boolean isMultiplierWord(String w) {
        Lexicon.NumberWord nw = lexicon.numberWords.get(w);
        return nw != null && (nw.role().equals("hundred") || nw.role().equals("dozen") || nw.role().equals("multiplier"));
    }

    private boolean isSmallNumberWord(String w) {
        Lexicon.NumberWord nw = lexicon.numberWords.get(w);
        return nw != null && (nw.role().equals("unit") || nw.role().equals("tens"));
    }

    private static boolean isAndAHalf(List<Token> tokens, int k, int limit) {
        return k + 2 < limit && tokens.get(k).is("and") && tokens.get(k + 1).is("a") && tokens.get(k + 2).is("half");
    }
}
