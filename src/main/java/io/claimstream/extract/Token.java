package io.claimstream.extract;

import java.util.List;
import java.util.Locale;

/**
 * One token of an article's text with its character offsets. {@code joined} means no
 * whitespace separates it from the previous token ("F-16", "$1.2bn", "15th").
 */
record Token(int start, int end, Type type, String text, String lower, boolean joined,
             boolean lineStart, boolean paragraphStart, double number, Lexicon.Word word) {

    enum Type { WORD, NUMBER, SYMBOL, PUNCT, QUOTE, DASH, POSSESSIVE }

    static Token of(String source, int start, int end, Type type, boolean joined,
                    boolean lineStart, boolean paragraphStart, double number, Lexicon lexicon) {
        String text = source.substring(start, end);
        String lower = text.toLowerCase(Locale.ROOT);
        Lexicon.Word word = lexicon == null || type != Type.WORD ? Lexicon.Word.UNKNOWN : lexicon.word(lower);
        return new Token(start, end, type, text, lower, joined, lineStart, paragraphStart, number, word);
    }

    boolean is(String lowerText) {
        return lower.equals(lowerText);
    }

    boolean isWord() {
        return type == Type.WORD;
    }

    boolean isNumber() {
        return type == Type.NUMBER;
    }

    boolean isCapitalised() {
        return type == Type.WORD && Character.isUpperCase(text.charAt(0));
    }

    boolean isAllCaps() {
        if (type != Type.WORD || text.length() < 2) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c) && !Character.isUpperCase(c)) {
                return false;
            }
        }
        return true;
    }

    boolean hasDigit() {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** True for a whole number written with digits only ("2024", not "2,024" or "3.5"). */
    boolean isPlainInteger() {
        if (type != Type.NUMBER) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Lower-case text of tokens {@code from..to} (exclusive) with their own spacing. */
    static String phrase(List<Token> tokens, int from, int to) {
        return phrase(tokens, from, to, false);
    }

    /** Text of tokens {@code from..to} (exclusive) with their own spacing, as written or lower-cased. */
    static String phrase(List<Token> tokens, int from, int to, boolean asWritten) {
        if (to - from == 1) {
            Token t = tokens.get(from);
            return asWritten ? t.text : t.lower;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            Token t = tokens.get(i);
            if (i > from && !t.joined) {
                sb.append(' ');
            }
            sb.append(asWritten ? t.text : t.lower);
        }
        return sb.toString();
    }
}
