package io.claimstream.extract;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scope of a company's revenue when it is a segment's: "gaming revenue grew 15% to $3.28bn",
 * "the snacks division brought in $1.96 billion", "Warehouse automation, Castellan's largest unit,
 * lifted revenue 27%". The segment is keyed by the first word of its name, singular ("data" for
 * "data centre revenue" and "the data center business"), so that outlets' wordings meet; the
 * words are segment-words.tsv's.
 */
final class SubjectSegments {

    /** How far back in its sentence a segment may be named for the figure, past a relative clause. */
    private static final int WINDOW = 30;
    private static final Map<String, String> WORDS = words();

    private final Lexicon lexicon;

    SubjectSegments(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** The segment the revenue figure is about, or "" for the company's whole revenue. */
    String segment(List<Token> tokens, Candidate c) {
        String named = named(tokens, c);
        return named.isEmpty() ? opening(tokens, c) : named;
    }

    private String named(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        for (int k = c.first - 1; k >= Math.max(s.first(), c.first - WINDOW); k--) {
            Token t = tokens.get(k);
            if (t.is(";") || t.is(":")) {
                return "";
            }
            if (!t.isWord()) {
                continue;
            }
            String w = t.lower();
            if (isRevenueWord(w)) {
                String segment = modifier(tokens, k, s); // "gaming revenue", "frozen foods revenue"
                if (!segment.isEmpty()) {
                    return segment;
                }
                continue; // "Warehouse automation, Castellan's largest unit, lifted revenue 27%"
            }
            if ("head".equals(WORDS.get(w))) {
                String segment = modifier(tokens, k, s);
                return segment.isEmpty() ? apposed(tokens, k, s) : segment;
            }
        }
        return "";
    }

    private boolean isRevenueWord(String w) {
        return "revenue".equals(lexicon.topics.get(w)) && !w.equals("brought") && !w.equals("bring");
    }

    /**
     * The first word of the run of nouns right before {@code head}: "[data centre] revenue", "the
     * [snacks] division". Not a time, a whole or a name's possessive ("Nordwind's revenue").
     */
    private String modifier(List<Token> tokens, int head, Sentence s) {
        int first = head;
        for (int k = head - 1; k >= Math.max(s.first(), head - 3); k--) {
            Token t = tokens.get(k);
            if (!t.isWord() || t.word().isFunction() || t.word().timeClass() != null || t.word().number() != null
                || WORDS.containsKey(t.lower()) || t.lower().endsWith("est") || isRevenueWord(t.lower())
                || t.lower().endsWith("ed") || lexicon.events.get(t.lower()) != null || t.word().reportingForm() != null
                || t.isCapitalised() && k > s.first()) {
                break;
            }
            first = k;
        }
        if (first == head) {
            return "";
        }
        String w = tokens.get(first).lower();
        String singular = lexicon.singular(w);
        return singular == null ? w : singular;
    }

    /**
     * "Data centres, the engine of the boom, contributed $30.8 billion": a sentence that opens with
     * a segment set off by an apposition, and whose figure's clause is a verb and the figure.
     */
    private String opening(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        int comma = c.first - 1;
        while (comma > s.first() && !tokens.get(comma).is(",") && comma >= c.first - 3) {
            comma--;
        }
        if (comma <= s.first() || !tokens.get(comma).is(",")) {
            return "";
        }
        int end = s.first();
        while (end < comma && tokens.get(end).isWord() && !tokens.get(end).is(",")) {
            end++;
        }
        if (end == s.first() || end - s.first() > 3 || !tokens.get(end).is(",")) {
            return "";
        }
        for (int j = s.first(); j < end; j++) {
            Token t = tokens.get(j);
            if (t.word().isFunction() || t.word().timeClass() != null || WORDS.containsKey(t.lower())
                || isRevenueWord(t.lower()) || lexicon.topics.get(t.lower()) != null || j > s.first() && t.isCapitalised()
                || t.isAllCaps()) {
                return "";
            }
        }
        String w = tokens.get(s.first()).lower();
        String singular = lexicon.singular(w);
        return singular == null ? w : singular;
    }

    /** "Warehouse automation, Castellan's largest unit, ...": the segment opens the sentence, the head is its apposition. */
    private String apposed(List<Token> tokens, int head, Sentence s) {
        int k = head - 1;
        while (k > s.first() && !tokens.get(k).is(",")) {
            k--;
        }
        if (k <= s.first() || k < head - 8) {
            return "";
        }
        Token opening = tokens.get(s.first());
        if (!opening.isWord() || opening.word().isFunction()) {
            return "";
        }
        for (int j = s.first(); j < k; j++) {
            if (!tokens.get(j).isWord() || j > s.first() && tokens.get(j).isCapitalised()) {
                return ""; // a name, not a segment
            }
        }
        String w = opening.lower();
        String singular = lexicon.singular(w);
        return singular == null ? w : singular;
    }

    private static Map<String, String> words() {
        Map<String, String> words = new HashMap<>();
        for (String[] r : LexiconFile.rows("segment-words.tsv", 2)) {
            words.put(r[0], r[1]);
        }
        return Map.copyOf(words);
    }
}
