package io.claimstream.extract;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Multi-word lookup over tokens ("sq km", "km/h", "more than", "North Korea"). Phrases are kept
 * as tries of their tokens, forwards and backwards, so matching walks the text's own tokens
 * without building strings; the longest phrase wins. Spacing counts: "a$" is the Australian
 * dollar, "a $5bn buyback" is not.
 */
final class PhraseTable<V> {

    /** A trie node: the phrase ending here, if any, and the tokens that may follow, apart or joined. */
    private static final class Node<V> {
        private final Map<String, Node<V>> spaced = new HashMap<>(4);
        private final Map<String, Node<V>> joined = new HashMap<>(2);
        private V value;

        Node<V> child(String key, boolean written) {
            return (written ? joined : spaced).computeIfAbsent(key, k -> new Node<>());
        }

        Node<V> next(String key, boolean written) {
            return (written ? joined : spaced).get(key);
        }
    }

    private final Map<String, V> entries = new HashMap<>();
    private final Node<V> forward = new Node<>();
    private final Node<V> backward = new Node<>();
    private final boolean caseSensitive;
    private boolean frozen;
    /**
     * This table's bits in {@link Lexicon.Word#phraseEdges}: whether a word starts or ends one of
     * its phrases. Most tokens start none, and one AND turns them away before a map is probed.
     * Zero for a table that no lexicon indexes: then every token is looked up.
     */
    private long startBit;
    private long endBit;
    /**
     * The single characters (below {@link #CHARACTERS}) that start or end a phrase as a token of
     * their own ("$", "%", "("): punctuation and numbers are in no word list, and most of them
     * start nothing, so this turns them away as the word bits do words.
     */
    private final long[] startCharacters = new long[CHARACTERS / Long.SIZE];
    private final long[] endCharacters = new long[CHARACTERS / Long.SIZE];
    private static final int CHARACTERS = 0x2100;
    /** Whether a number token ("1,000", "24") starts or ends a phrase: in most tables none does. */
    private boolean numberStarts;
    private boolean numberEnds;

    PhraseTable() {
        this(false);
    }

    /** A case-sensitive table tells "US" (a country) from "us", "WHO" from "who". */
    PhraseTable(boolean caseSensitive) {
        this.caseSensitive = caseSensitive;
    }

    /** Adds a phrase; the first value given for a phrase stays. Refused once the table is {@link #freeze frozen}. */
    void put(String phrase, V value) {
        if (frozen) {
            throw new IllegalStateException("phrase table is read-only: " + phrase);
        }
        String key = caseSensitive ? String.join(" ", phrase.trim().split("\\s+")) : normalise(phrase);
        if (entries.putIfAbsent(key.intern(), value) != null) {
            return;
        }
        List<Token> tokens = Tokenizer.tokenize(key);
        Node<V> f = forward;
        for (int i = 0; i < tokens.size(); i++) {
            f = f.child(storedKeyOf(tokens.get(i)), i > 0 && tokens.get(i).joined());
        }
        f.value = value;
        // Backwards, a step from token i+1 to token i is joined when token i+1 was written against it.
        Node<V> b = backward;
        for (int i = tokens.size() - 1; i >= 0; i--) {
            b = b.child(storedKeyOf(tokens.get(i)), i < tokens.size() - 1 && tokens.get(i + 1).joined());
        }
        b.value = value;
    }

    /**
     * Makes the table read-only: lookups only from now on (the lexicon's tables, once loaded). It
     * becomes the {@code index}th table of {@code edges}, which gains the lower-case form of every
     * word of its phrases, with this table's start or end bit if the word starts or ends one.
     */
    void freeze(int index, Map<String, Long> edges) {
        if (index < 0 || index >= Long.SIZE / 2) {
            throw new IllegalArgumentException("phrase table index out of range: " + index);
        }
        frozen = true;
        startBit = 1L << (2 * index);
        endBit = 1L << (2 * index + 1);
        // The first step of a match is never a joined one: the roots' spaced keys are all there is.
        for (String key : forward.spaced.keySet()) {
            edges.merge(key.toLowerCase(Locale.ROOT).intern(), startBit, (a, b) -> a | b);
        }
        for (String key : backward.spaced.keySet()) {
            edges.merge(key.toLowerCase(Locale.ROOT).intern(), endBit, (a, b) -> a | b);
        }
        addWords(forward, edges);
        for (String key : forward.spaced.keySet()) {
            mark(startCharacters, key);
            numberStarts |= Character.isDigit(key.charAt(0));
        }
        for (String key : backward.spaced.keySet()) {
            mark(endCharacters, key);
            numberEnds |= Character.isDigit(key.charAt(0));
        }
    }

    private static void mark(long[] characters, String key) {
        if (key.length() == 1 && key.charAt(0) < CHARACTERS) {
            characters[key.charAt(0) >>> 6] |= 1L << key.charAt(0);
        }
    }

    private static void addWords(Node<?> node, Map<String, Long> edges) {
        for (Map<String, ? extends Node<?>> children : List.of(node.spaced, node.joined)) {
            for (Map.Entry<String, ? extends Node<?>> child : children.entrySet()) {
                edges.putIfAbsent(child.getKey().toLowerCase(Locale.ROOT).intern(), 0L);
                addWords(child.getValue(), edges);
            }
        }
    }

    /**
     * False when {@code t} starts (or, with {@code bit} the end bit, ends) no phrase of this table:
     * a word by its lexicon entry, a number by whether any phrase has one there, a one-character
     * token by {@code characters}; other tokens, and
     * tokens read without the lexicon, may.
     */
    private boolean mayEdge(Token t, long bit, long[] characters, boolean numbers) {
        if (bit == 0) {
            return true;
        }
        if (t.type() == Token.Type.WORD) {
            return (t.word().phraseEdges() & bit) != 0;
        }
        if (t.type() == Token.Type.NUMBER) {
            return numbers; // a number token's text starts with a digit: so must the phrase's key
        }
        String text = t.text();
        if (text.length() != 1 || text.charAt(0) >= CHARACTERS) {
            return true;
        }
        char c = text.charAt(0);
        return (characters[c >>> 6] & 1L << c) != 0;
    }

    /** The value of a whole phrase written with single spaces ("sq km", "the agency"), or null. */
    V get(String phrase) {
        return entries.get(phrase);
    }

    boolean contains(String phrase) {
        return entries.containsKey(phrase);
    }

    private String keyOf(Token t) {
        return caseSensitive ? t.text() : t.lower();
    }

    /** The key a phrase's token is stored under: one shared instance of it (see {@link LexiconFile#rows}). */
    private String storedKeyOf(Token t) {
        return keyOf(t).intern();
    }

    /** Longest phrase starting at token {@code from}, not running past {@code limit} (exclusive). */
    Match<V> matchForward(List<Token> tokens, int from, int limit) {
        if (from >= limit || !mayEdge(tokens.get(from), startBit, startCharacters, numberStarts)) {
            return null;
        }
        Node<V> node = forward;
        Match<V> longest = null;
        for (int k = from; k < limit; k++) {
            node = node.next(keyOf(tokens.get(k)), k > from && tokens.get(k).joined());
            if (node == null) {
                break;
            }
            if (node.value != null) {
                longest = new Match<>(from, k, node.value);
            }
        }
        return longest;
    }

    /** Longest phrase ending at token {@code to}, not starting before {@code floor}. */
    Match<V> matchBackward(List<Token> tokens, int to, int floor) {
        if (to < floor || !mayEdge(tokens.get(to), endBit, endCharacters, numberEnds)) {
            return null;
        }
        Node<V> node = backward;
        Match<V> longest = null;
        for (int k = to; k >= floor; k--) {
            node = node.next(keyOf(tokens.get(k)), k < to && tokens.get(k + 1).joined());
            if (node == null) {
                break;
            }
            if (node.value != null) {
                longest = new Match<>(k, to, node.value);
            }
        }
        return longest;
    }

    static String normalise(String phrase) {
        return String.join(" ", phrase.toLowerCase(Locale.ROOT).trim().split("\\s+"));
    }

    /** A phrase found over tokens {@code first..last} (inclusive). */
    record Match<V>(int first, int last, V value) {
    }
}
