package io.claimstream.extract;

import java.util.List;
import java.util.Locale;

/**
 * One token of an article's text with its character offsets. {@code joined} means no
 * whitespace separates it from the previous token ("F-16", "$1.2bn", "15th"). {@code shape}
 * holds the {@link #CAPITALISED}, {@link #ALL_CAPS} and {@link #DIGIT} bits, worked out once
 * here because the rules ask them of the same token many times over; {@code lowerHash} is
 * {@code lower.hashCode()}, so that {@link #is} turns away a different word without reading it.
 */
record Token(int start, int end, Type type, String text, String lower, boolean joined,
             boolean lineStart, boolean paragraphStart, double number, Lexicon.Word word, int shape, int lowerHash) {

    enum Type { WORD, NUMBER, SYMBOL, PUNCT, QUOTE, DASH, POSSESSIVE }

    /** A word whose first character is upper case. */
    static final int CAPITALISED = 1;
    /** A word of two or more characters whose letters are all upper case ("NATO", "F16"). */
    static final int ALL_CAPS = 2;
    /** Text with a digit in it. */
    static final int DIGIT = 4;

    /** One shared string for each single character seen (punctuation, quotes, dashes, symbols): no copy per token. */
    private static final String[] SINGLE_CHARACTERS = new String[0x2100];

    /** {@code chars} holds the characters of {@code source}, which the tokenizer reads from an array. */
    static Token of(String source, char[] chars, int start, int end, Type type, boolean joined,
                    boolean lineStart, boolean paragraphStart, double number, Lexicon lexicon) {
        if (type == Type.WORD) {
            Token ascii = asciiWord(source, chars, start, end, joined, lineStart, paragraphStart, number,
                lexicon == null ? null : lexicon.wordTable());
            if (ascii != null) {
                return ascii;
            }
        }
        String text;
        if (end - start == 1 && type != Type.WORD && chars[start] < SINGLE_CHARACTERS.length) {
            char c = chars[start];
            text = SINGLE_CHARACTERS[c];
            if (text == null) {
                // A race here only interns the same string twice: the array holds one of them.
                text = String.valueOf(c).intern();
                SINGLE_CHARACTERS[c] = text;
            }
        } else if (type == Type.NUMBER && lexicon != null) {
            // Digits, separators and a point: no case, no lexicon entry, and a digit first.
            text = source.substring(start, end);
            return new Token(start, end, type, text, text, joined, lineStart, paragraphStart, number,
                Lexicon.Word.UNKNOWN, DIGIT, text.hashCode());
        } else {
            text = source.substring(start, end);
        }
        String lower = text.toLowerCase(Locale.ROOT); // the same instance when nothing is upper case
        Lexicon.Word word = lexicon == null ? Lexicon.Word.UNREAD
            : type != Type.WORD ? Lexicon.Word.UNKNOWN : lexicon.word(lower);
        if (word.form() != null) {
            // The lexicon's own instance: rules compare it with theirs by identity first.
            text = text == lower ? word.form() : text;
            lower = word.form();
        }
        return new Token(start, end, type, text, lower, joined, lineStart, paragraphStart, number, word,
            shapeOf(type, text), lower.hashCode());
    }

    /**
     * A word written in ASCII, read in one pass over its characters: the hash of its lower-case
     * form (to find it in {@code table}), whether it has capitals, digits and lower-case letters
     * (its shape, as {@link #shapeOf} gives it for ASCII); null for a word with any other character.
     * Without a table (a text read without the lexicon) the word is {@link Lexicon.Word#UNREAD}.
     */
    private static Token asciiWord(String source, char[] chars, int start, int end, boolean joined, boolean lineStart,
                                   boolean paragraphStart, double number, WordTable table) {
        int h = 0;
        boolean upper = false;
        boolean lowerLetter = false;
        boolean digit = false;
        for (int i = start; i < end; i++) {
            char c = chars[i];
            if (c >= 0x80) {
                return null;
            }
            if (c >= 'A' && c <= 'Z') {
                upper = true;
                c += 'a' - 'A';
            } else if (c >= 'a' && c <= 'z') {
                lowerLetter = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            }
            h = 31 * h + c; // String#hashCode of the lower-case form
        }
        char first = chars[start];
        int shape = digit ? DIGIT : 0;
        if (first >= 'A' && first <= 'Z') {
            shape |= CAPITALISED;
            if (end - start >= 2 && !lowerLetter) {
                shape |= ALL_CAPS;
            }
        }
        int slot = table == null ? WordTable.ABSENT : table.find(h, chars, start, end);
        if (slot >= 0) {
            // A known word: the lexicon's instance is its lower-case form, and its text too when it
            // is written in lower case (no capital: the characters are the lexicon's own).
            Lexicon.Word word = table.word(slot);
            String text = upper ? source.substring(start, end) : word.form();
            return new Token(start, end, Type.WORD, text, word.form(), joined, lineStart, paragraphStart, number, word,
                shape, h);
        }
        String text = source.substring(start, end);
        String lower = upper ? asciiLowerCase(chars, start, end) : text;
        return new Token(start, end, Type.WORD, text, lower, joined, lineStart, paragraphStart, number,
            table == null ? Lexicon.Word.UNREAD : Lexicon.Word.UNKNOWN, shape, h);
    }

    /**
     * {@code String#toLowerCase(Locale.ROOT)} of an ASCII word, which maps A-Z only: read straight
     * from the characters, without the general case mapping's per-character table look-ups.
     */
    private static String asciiLowerCase(char[] chars, int start, int end) {
        char[] lower = new char[end - start];
        for (int i = start; i < end; i++) {
            char c = chars[i];
            lower[i - start] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return new String(lower);
    }

    private static int shapeOf(Type type, String text) {
        int shape = 0;
        if (type == Type.WORD && Character.isUpperCase(text.charAt(0))) {
            shape |= CAPITALISED;
            if (text.length() >= 2) {
                shape |= ALL_CAPS;
            }
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isDigit(c)) {
                shape |= DIGIT;
            } else if ((shape & ALL_CAPS) != 0 && Character.isLetter(c) && !Character.isUpperCase(c)) {
                shape &= ~ALL_CAPS;
            }
        }
        return shape;
    }

    /**
     * Whether this token is {@code lowerText}, in any case. The rules ask it of nearly every token,
     * mostly of words the token is not: the hashes (both kept by their strings) settle those.
     */
    boolean is(String lowerText) {
        return lowerHash == lowerText.hashCode() && lower.equals(lowerText);
    }

    boolean isWord() {
        return type == Type.WORD;
    }

    boolean isNumber() {
        return type == Type.NUMBER;
    }

    boolean isCapitalised() {
        return (shape & CAPITALISED) != 0;
    }

    boolean isAllCaps() {
        return (shape & ALL_CAPS) != 0;
    }

    boolean hasDigit() {
        return (shape & DIGIT) != 0;
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
