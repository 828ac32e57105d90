package io.claimstream.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into tokens with offsets. Numbers keep their thousands separators and decimal
 * point ("1,150", "3.5"); letters written against a number become their own joined token
 * ("1.2" "bn", "15" "th"); possessive 's is its own token; dotted abbreviations stay whole
 * ("U.S.", "a.m.").
 */
final class Tokenizer {

    private static final String SYMBOLS = "$€£¥₴₽₹₩₺%°#&@+=";
    private static final String QUOTES = "\"“”„«»‘’'`";
    private static final String DASHES = "-‐‑‒–—―";
    /**
     * Longest number token read as a figure, separators included: far more than any figure in
     * the news states ("1,000,000,000,000,000" has 25), far less than a digit run that would
     * overflow a double or cost time to parse.
     */
    static final int MAX_NUMBER_CHARS = 40;

    private Tokenizer() {
    }

    static List<Token> tokenize(String text) {
        return tokenize(text, null);
    }

    /** Tokens of {@code text}, each with what {@code lexicon} (if any) says about its word. */
    static List<Token> tokenize(String text, Lexicon lexicon) {
        List<Token> tokens = new ArrayList<>(Math.max(16, text.length() / 5));
        // The scan reads every character several times over: from an array, not through String#charAt
        // (news text is nearly always UTF-16, whose charAt checks the coder and the bounds each time).
        char[] chars = text.toCharArray();
        int n = chars.length;
        int i = 0;
        boolean joined = false;
        int newlines = 2; // the text's start counts as a paragraph start
        while (i < n) {
            char c = chars[i];
            if (isWhitespace(c)) {
                if (c == '\n') {
                    newlines++;
                }
                joined = false;
                i++;
                continue;
            }
            boolean lineStart = newlines > 0;
            boolean paragraphStart = newlines > 1;
            int start = i;
            if (isDigit(c)) {
                i = endOfNumber(chars, i);
                double value = parseNumber(chars, start, i);
                tokens.add(Token.of(text, chars, start, i, Token.Type.NUMBER, joined && !tokens.isEmpty(), lineStart, paragraphStart, value, lexicon));
            } else if (isLetter(c)) {
                i = endOfWord(chars, i);
                int letters = isDigit(chars[i - 1]) ? currencyBeforeDigits(chars, start, i, lexicon) : start;
                if (letters > start) {
                    i = letters; // "RM59 a month", "Rs500": the currency, then the figure as a number of its own
                }
                tokens.add(Token.of(text, chars, start, i, Token.Type.WORD, joined && !tokens.isEmpty(), lineStart, paragraphStart, Double.NaN, lexicon));
            } else if (isApostrophe(c) && isPossessiveAt(chars, i)) {
                i += 2;
                tokens.add(Token.of(text, chars, start, i, Token.Type.POSSESSIVE, true, lineStart, paragraphStart, Double.NaN, lexicon));
            } else {
                i++;
                tokens.add(Token.of(text, chars, start, i, typeOf(c), joined && !tokens.isEmpty(), lineStart, paragraphStart, Double.NaN, lexicon));
            }
            joined = true;
            newlines = 0;
        }
        return tokens;
    }

    private static Token.Type typeOf(char c) {
        if (SYMBOLS.indexOf(c) >= 0 || Character.getType(c) == Character.CURRENCY_SYMBOL) {
            return Token.Type.SYMBOL;
        }
        if (QUOTES.indexOf(c) >= 0) {
            return Token.Type.QUOTE;
        }
        if (DASHES.indexOf(c) >= 0) {
            return Token.Type.DASH;
        }
        return Token.Type.PUNCT;
    }

    private static int endOfNumber(char[] text, int i) {
        int n = text.length;
        boolean decimal = false;
        while (i < n) {
            char c = text[i];
            if (isDigit(c)) {
                i++;
            } else if (c == ',' && !decimal && digitsFollow(text, i + 1, 3) && !Character.isDigit(charAt(text, i + 4))) {
                i += 4;
            } else if (c == '.' && !decimal && Character.isDigit(charAt(text, i + 1))) {
                decimal = true;
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    /**
     * Where a word written against digits ends when its letters are a currency written before a
     * figure ("RM59", "Rs500", "USD40"), or {@code from} when they are not: "A330", "H5N1" stay whole.
     */
    private static int currencyBeforeDigits(char[] text, int from, int to, Lexicon lexicon) {
        if (lexicon == null) {
            return from;
        }
        int letters = from;
        while (letters < to && isLetter(text[letters])) {
            letters++;
        }
        if (letters - from < 2 || letters == to) {
            return from;
        }
        for (int k = letters; k < to; k++) {
            if (!isDigit(text[k])) {
                return from; // "B3s", "4G5": not a figure after the letters
            }
        }
        String code = new String(text, from, letters - from).toLowerCase(java.util.Locale.ROOT);
        return lexicon.currenciesBefore.get(code) != null ? letters : from;
    }

    private static int endOfWord(char[] text, int i) {
        int n = text.length;
        int start = i;
        while (i < n && isLetter(text[i])) {
            i++;
        }
        // Dotted abbreviations: "U.S.", "a.m.", "e.g." (single letters joined by full stops).
        if (i - start == 1 && charAt(text, i) == '.' && Character.isLetter(charAt(text, i + 1)) && charAt(text, i + 2) == '.') {
            int j = i;
            while (charAt(text, j) == '.' && Character.isLetter(charAt(text, j + 1)) && charAt(text, j + 2) == '.') {
                j += 2;
            }
            return j + 1;
        }
        if (start > 0 && text[start - 1] == '$' && i - start <= 3 && i < n && Character.isDigit(text[i])
            && isUpperCase(text, start, i)) {
            return i; // "$US42 billion", "$A3.2bn": the currency's country, then the figure
        }
        while (i < n) {
            char c = text[i];
            if (isLetterOrDigit(c)) {
                i++;
            } else if (isApostrophe(c) && Character.isLetter(charAt(text, i + 1)) && !isPossessiveAt(text, i)) {
                i += 2; // "don't", "N'Djamena", "o'clock"
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean isUpperCase(char[] text, int from, int to) {
        for (int k = from; k < to; k++) {
            if (!Character.isUpperCase(text[k])) {
                return false;
            }
        }
        return true;
    }

    /** 's or ’s followed by a non-letter: a possessive, not a contraction or a quote. */
    private static boolean isPossessiveAt(char[] text, int i) {
        return i > 0 && Character.isLetterOrDigit(text[i - 1])
            && Character.toLowerCase(charAt(text, i + 1)) == 's' && !Character.isLetter(charAt(text, i + 2));
    }

    // The character classes the scan asks of every character, settled by ranges for ASCII (as
    // Character's methods settle them) and by Character's methods for the rest.

    private static boolean isWhitespace(char c) {
        return c < 0x80 ? c == ' ' || c >= '\t' && c <= '\r' || c >= '\u001C' && c <= '\u001F' : Character.isWhitespace(c);
    }

    private static boolean isDigit(char c) {
        return c < 0x80 ? c >= '0' && c <= '9' : Character.isDigit(c);
    }

    private static boolean isLetter(char c) {
        return c < 0x80 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' : Character.isLetter(c);
    }

    private static boolean isLetterOrDigit(char c) {
        return c < 0x80 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' || c >= '0' && c <= '9' : Character.isLetterOrDigit(c);
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '’';
    }

    private static boolean digitsFollow(char[] text, int from, int count) {
        for (int k = 0; k < count; k++) {
            if (!Character.isDigit(charAt(text, from + k))) {
                return false;
            }
        }
        return true;
    }

    private static char charAt(char[] text, int i) {
        return i >= 0 && i < text.length ? text[i] : ' ';
    }

    /**
     * The value of a number token over {@code text[start, end)}, whatever the script of its digits
     * (Arabic-Indic, Devanagari, fullwidth, ... are read through {@link Character#digit}), or NaN
     * for a number that is no figure: longer than {@value #MAX_NUMBER_CHARS} characters, or too
     * large for a double. A NaN token is never read as a quantity.
     */
    /** Powers of ten that a double holds exactly. */
    private static final double[] EXACT_POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22};
    /** Largest integer up to which every integer is a double (2^53). */
    private static final long EXACT_INTEGERS = 1L << 53;

    /**
     * The value of an ASCII number of at most 15 significant digits without building a string:
     * its digits as a whole number divided by a power of ten. Both are exact doubles, and one
     * division rounds correctly, so this is the double {@link Double#parseDouble} gives (the
     * fast path of correctly rounded decimal conversion). NaN for any other number, which takes
     * the general way.
     */
    private static double parseAsciiNumber(char[] text, int start, int end) {
        long digits = 0;
        boolean any = false;
        int decimals = -1; // digits after the point; -1 before one
        for (int i = start; i < end; i++) {
            char c = text[i];
            if (c >= '0' && c <= '9') {
                any = true;
                digits = digits * 10 + (c - '0');
                if (digits >= EXACT_INTEGERS / 10) {
                    return Double.NaN; // too many digits to be sure of: the general way
                }
                if (decimals >= 0) {
                    decimals++;
                }
            } else if (c == '.' && decimals < 0) {
                decimals = 0;
            } else if (c != ',') {
                return Double.NaN;
            }
        }
        if (!any || decimals == 0) {
            return Double.NaN; // no digit, or none after the point: the general way decides
        }
        if (decimals < 0) {
            return digits;
        }
        return decimals < EXACT_POWERS_OF_TEN.length ? digits / EXACT_POWERS_OF_TEN[decimals] : Double.NaN;
    }

    static double parseNumber(char[] text, int start, int end) {
        if (end - start > MAX_NUMBER_CHARS) {
            return Double.NaN;
        }
        double fast = parseAsciiNumber(text, start, end);
        if (!Double.isNaN(fast)) {
            return fast;
        }
        StringBuilder ascii = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = text[i];
            if (c == '.') {
                ascii.append('.');
            } else if (c != ',') {
                int d = Character.digit(c, 10);
                if (d < 0) {
                    return Double.NaN;
                }
                ascii.append((char) ('0' + d));
            }
        }
        try {
            double value = Double.parseDouble(ascii.toString());
            return Double.isFinite(value) ? value : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
