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

    /**
     * What a tariff or tax figure is levied on: "a 10% duty on lentils" (lentil), "a 25% tariff on
     * imports from Mexico", "on Mexican imports" (mexico), "the lentil duty at 5%", "30% pea tariff"
     * (pea), "lentils face a 10% duty, yellow peas 30%" (pea); or "".
     */
    String levied(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        for (int k = c.last + 1; k < Math.min(s.end() - 1, c.last + 6); k++) {
            Token t = tokens.get(k);
            if (t.type() == Token.Type.PUNCT) {
                break;
            }
            if (t.is("on")) {
                return goods(tokens, k + 1, s);
            }
        }
        // "the tariff on chickpeas would stay at 40%": the levy named before the figure in its clause
        for (int k = c.first - 1; k > Math.max(s.first(), c.first - 10); k--) {
            Token t = tokens.get(k);
            if (t.type() == Token.Type.PUNCT) {
                break;
            }
            if (t.isWord() && isLevy(t.lower()) && tokens.get(k + 1).is("on")) {
                String goods = goods(tokens, k + 2, s);
                if (!goods.isEmpty()) {
                    return goods;
                }
            }
        }
        // "the lentil duty at 5%", "a 30% pea tariff": the noun before the tariff word
        for (int k = Math.max(s.first() + 1, c.first - 6); k < Math.min(s.end(), c.last + 3); k++) {
            Token t = tokens.get(k);
            if (k >= c.first && k <= c.last || !t.isWord() || !isLevy(t.lower())) {
                continue;
            }
            Token before = tokens.get(k - 1);
            if (before.isWord() && !before.word().isFunction() && !before.isCapitalised() && !isLevy(before.lower())
                && WORDS.get(before.lower()) == null && before.word().timeClass() == null
                && !before.lower().endsWith("ed") && lexicon.topics.get(before.lower()) == null) {
                return singular(before.lower());
            }
        }
        // "..., yellow peas 30% and chickpeas 40%": a list of goods, each named just before its rate
        int k = c.first - 1;
        if (k - 1 > s.first() && isGoodsWord(tokens.get(k))) {
            int j = isGoodsWord(tokens.get(k - 1)) ? k - 2 : k - 1;
            if (j >= s.first() && (tokens.get(j).is(",") || tokens.get(j).is("and"))) {
                return singular(tokens.get(k).lower());
            }
        }
        return "";
    }

    private boolean isGoodsWord(Token t) {
        return t.isWord() && !t.isCapitalised() && !t.word().isFunction() && lexicon.events.get(t.lower()) == null
            && t.word().reportingForm() == null && lexicon.topics.get(t.lower()) == null && t.word().timeClass() == null
            && !FrameLexicon.HOLDER_VERBS.contains(t.lower()) && !t.lower().endsWith("ed"); // not "revenues rose 14%"
    }

    private boolean isLevy(String w) {
        String topic = lexicon.topics.get(w);
        return topic != null && FrameLexicon.LEVIED_MEASURES.contains(topic);
    }

    /** The goods after "on": their country when named by origin, else the head noun, singular. */
    private String goods(List<Token> tokens, int k, Sentence s) {
        int head = -1;
        for (int j = k; j < Math.min(s.end(), k + 6); j++) {
            Token t = tokens.get(j);
            PhraseTable.Match<String> country = lexicon.entities.matchForward(tokens, j, s.end());
            if (country != null) {
                return country.value(); // "Mexican imports", "imports from Mexico"
            }
            if (t.isNumber() || t.type() == Token.Type.SYMBOL || t.word().timeClass() != null || t.word().number() != null) {
                if (head < 0) {
                    return ""; // "on C$155 billion of goods", "on Wednesday": no goods named
                }
                break; // "on yellow peas from December 1"
            }
            if (!t.isWord() || t.is("and") || t.is("to") || t.is("by") || t.is("at") || t.is("in")) {
                break;
            }
            if (t.text().length() == 1) {
                continue; // the "C" of "C$155 billion"
            }
            if (t.word().isFunction() && !t.is("from")) {
                continue; // "on all", "on most", "on the"
            }
            if (t.is("from")) {
                continue;
            }
            if (head < 0 || j == head + 1 && !tokens.get(head).is("from")) {
                head = j;
            }
        }
        return head < 0 || tokens.get(head).word().number() != null ? "" : singular(tokens.get(head).lower());
    }

    private String singular(String w) {
        String singular = lexicon.singular(w);
        return singular == null ? w : singular;
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
