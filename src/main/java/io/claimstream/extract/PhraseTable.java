package io.claimstream.extract;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-word lookup over tokens: keys are lower-case phrases as written ("sq km", "km/h",
 * "us$"), matched against the tokens' own spacing, longest first.
 */
final class PhraseTable<V> {

    private final Map<String, V> entries = new HashMap<>();
    /** First and last tokens of every phrase: most tokens start or end none, and are turned away at once. */
    private final java.util.Set<String> firstTokens = new java.util.HashSet<>();
    private final java.util.Set<String> lastTokens = new java.util.HashSet<>();
    private final boolean caseSensitive;
    private int maxTokens = 1;

    PhraseTable() {
        this(false);
    }

    /** A case-sensitive table tells "US" (a country) from "us", "WHO" from "who". */
    PhraseTable(boolean caseSensitive) {
        this.caseSensitive = caseSensitive;
    }

    void put(String phrase, V value) {
        String key = caseSensitive ? String.join(" ", phrase.trim().split("\\s+")) : normalise(phrase);
        entries.putIfAbsent(key, value);
        List<Token> tokens = Tokenizer.tokenize(key);
        maxTokens = Math.max(maxTokens, tokens.size());
        firstTokens.add(caseSensitive ? tokens.get(0).text() : tokens.get(0).lower());
        lastTokens.add(caseSensitive ? tokens.get(tokens.size() - 1).text() : tokens.get(tokens.size() - 1).lower());
    }

    private String keyOf(Token t) {
        return caseSensitive ? t.text() : t.lower();
    }

    V get(String phrase) {
        return entries.get(phrase);
    }

    boolean contains(String phrase) {
        return entries.containsKey(phrase);
    }

    /** Longest phrase starting at token {@code from}, not running past {@code limit} (exclusive). */
    Match<V> matchForward(List<Token> tokens, int from, int limit) {
        if (from >= limit || !firstTokens.contains(keyOf(tokens.get(from)))) {
            return null;
        }
        int last = Math.min(limit, from + maxTokens) - 1;
        for (int end = last; end >= from; end--) {
            V v = entries.get(Token.phrase(tokens, from, end + 1, caseSensitive));
            if (v != null) {
                return new Match<>(from, end, v);
            }
        }
        return null;
    }

    /** Longest phrase ending at token {@code to}, not starting before {@code floor}. */
    Match<V> matchBackward(List<Token> tokens, int to, int floor) {
        if (to < floor || !lastTokens.contains(keyOf(tokens.get(to)))) {
            return null;
        }
        int first = Math.max(floor, to - maxTokens + 1);
        for (int start = first; start <= to; start++) {
            V v = entries.get(Token.phrase(tokens, start, to + 1, caseSensitive));
            if (v != null) {
                return new Match<>(start, to, v);
            }
        }
        return null;
    }

    static String normalise(String phrase) {
        return String.join(" ", phrase.toLowerCase(java.util.Locale.ROOT).trim().split("\\s+"));
    }

    /** A phrase found over tokens {@code first..last} (inclusive). */
    record Match<V>(int first, int last, V value) {
    }
}
