package io.claimstream.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits tokens into sentences: at '.', '!' or '?' followed by a capitalised word, a number or a
 * quotation, but not after an abbreviation ("Feb. 15", "Gen. Syrskyi") or an initial; and always
 * at a paragraph break. A sentence never runs longer than {@value #MAX_TOKENS} tokens: a longer one
 * (an endless list, a text without full stops) is cut after its last comma, semicolon, colon or
 * dash before the cap, else at the cap, so that the rules that look across a sentence cost a
 * bounded time per figure whatever the text.
 */
final class SentenceSplitter {

    /** Longest sentence, in tokens: news sentences run to 60 or so, the longest in the corpus to about 120. */
    static final int MAX_TOKENS = 250;
    /** How far back from the cap a cut looks for a comma, semicolon, colon or dash. */
    private static final int SOFT_CUT_WINDOW = 50;

    private final Lexicon lexicon;

    SentenceSplitter(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    List<Sentence> split(List<Token> tokens) {
        List<Sentence> sentences = new ArrayList<>();
        int n = tokens.size();
        int first = 0;
        int paragraph = 0;
        for (int k = 0; k < n; k++) {
            if (k > first && tokens.get(k).paragraphStart()) {
                sentences.add(sentence(tokens, sentences.size(), first, k, paragraph));
                first = k;
                paragraph++;
            }
            if (k - first >= MAX_TOKENS) {
                int cut = softCut(tokens, first, k);
                sentences.add(sentence(tokens, sentences.size(), first, cut, paragraph));
                first = cut;
            }
            if (endsSentence(tokens, k)) {
                int end = k + 1;
                while (end < n && closes(tokens.get(end)) && tokens.get(end).joined()) {
                    end++;
                }
                sentences.add(sentence(tokens, sentences.size(), first, end, paragraph));
                first = end;
                k = end - 1;
            }
        }
        if (first < n) {
            sentences.add(sentence(tokens, sentences.size(), first, n, paragraph));
        }
        return sentences;
    }

    /** Where to cut a sentence that reached the cap at token {@code k}: after a clause break near it, else at it. */
    private static int softCut(List<Token> tokens, int first, int k) {
        for (int j = k - 1; j > Math.max(first, k - SOFT_CUT_WINDOW); j--) {
            Token t = tokens.get(j);
            if (t.is(",") || t.is(";") || t.is(":") || t.type() == Token.Type.DASH && !t.joined()) {
                return j + 1;
            }
        }
        return k;
    }

    private static Sentence sentence(List<Token> tokens, int index, int first, int end, int paragraph) {
        return new Sentence(index, first, end, tokens.get(first).start(), tokens.get(end - 1).end(), paragraph);
    }

    private boolean endsSentence(List<Token> tokens, int k) {
        Token t = tokens.get(k);
        // Asked of every token: most are words other than "a.m." or punctuation other than a stop,
        // and the type settles which of the two questions to ask.
        boolean stop = t.type() == Token.Type.PUNCT && (t.is(".") || t.is("!") || t.is("?") || t.is("…"));
        if (!stop && !(t.isWord() && (t.is("a.m.") || t.is("p.m.")))) {
            return false;
        }
        Token next = nextAfterClosers(tokens, k + 1);
        if (next == null || next.paragraphStart()) {
            return false; // the paragraph break (or the text's end) closes it anyway
        }
        if (t.isWord() && (t.is("a.m.") || t.is("p.m."))) {
            return next.isCapitalised() && !(next.word().timeClass() != null);
        }
        if (!(t.is(".") || t.is("!") || t.is("?") || t.is("…"))) {
            return false;
        }
        if (t.is(".") && k > 0 && isAbbreviation(tokens.get(k - 1)) && t.joined()) {
            return false;
        }
        return startsSentence(next);
    }

    private boolean isAbbreviation(Token t) {
        if (!t.isWord()) {
            return false;
        }
        return lexicon.abbreviations.contains(t.lower()) || (t.text().length() == 1 && t.isCapitalised());
    }

    private static boolean startsSentence(Token t) {
        return t.isCapitalised() || t.isNumber() || t.type() == Token.Type.QUOTE || t.type() == Token.Type.SYMBOL
            || t.is("(") || t.is("[");
    }

    private static Token nextAfterClosers(List<Token> tokens, int k) {
        while (k < tokens.size() && closes(tokens.get(k)) && tokens.get(k).joined()) {
            k++;
        }
        return k < tokens.size() ? tokens.get(k) : null;
    }

    private static boolean closes(Token t) {
        return t.type() == Token.Type.QUOTE || t.is(")") || t.is("]");
    }
}
