package io.claimstream.extract;

import java.util.Map;

/**
 * The lexicon's words, looked up straight from the characters of the text: the tokenizer finds a
 * known word without first copying and lower-casing it, and a known word that is written in lower
 * case needs no copy at all (its token shares the lexicon's instance). Open addressing over
 * arrays; only words written in ASCII take this path, since for them lower-casing is per
 * character ({@code A-Z} to {@code a-z}), exactly as {@link String#toLowerCase} does it.
 */
final class WordTable {

    /** {@link #find}: an ASCII word the lexicon does not know. */
    static final int ABSENT = -1;

    /** Each key's characters (null for an empty slot), compared without String#charAt's checks. */
    private final char[][] keys;
    private final Lexicon.Word[] words;
    private final int[] hashes;
    private final int mask;

    /** A table of {@code words}, each keyed by its lower-case form. */
    WordTable(Map<String, Lexicon.Word> words) {
        int capacity = Integer.highestOneBit(Math.max(16, words.size() * 3)) << 1; // at most a third full
        this.keys = new char[capacity][];
        this.words = new Lexicon.Word[capacity];
        this.hashes = new int[capacity];
        this.mask = capacity - 1;
        for (Map.Entry<String, Lexicon.Word> e : words.entrySet()) {
            int h = e.getKey().hashCode();
            int i = spread(h) & mask;
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = e.getKey().toCharArray();
            this.words[i] = e.getValue();
            hashes[i] = h;
        }
    }

    /**
     * The slot of the ASCII word written at {@code text[start, end)} in any case, whose lower-case
     * form has the hash {@code h}, or {@link #ABSENT}: for a caller that has read the characters
     * already (the tokenizer, from its copy of the text).
     */
    int find(int h, char[] text, int start, int end) {
        int length = end - start;
        for (int i = spread(h) & mask; keys[i] != null; i = (i + 1) & mask) {
            if (hashes[i] == h && keys[i].length == length && sameLowerCase(keys[i], text, start)) {
                return i;
            }
        }
        return ABSENT;
    }

    Lexicon.Word word(int slot) {
        return words[slot];
    }

    private static boolean sameLowerCase(char[] key, char[] text, int start) {
        for (int i = 0; i < key.length; i++) {
            if (key[i] != lower(text[start + i])) {
                return false;
            }
        }
        return true;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
