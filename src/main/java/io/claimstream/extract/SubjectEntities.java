package io.claimstream.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * The holder of a subject when it is a country or another entity of the lexicon: an entity in
 * the claim ("Russian tanks"), the owner named right after it, the nearest entity before it that
 * does not own a source, the country a speaker speaks for, or the article's dominant entity.
 * Holders that are in no lexicon (parties, companies) are {@link Holders}'.
 */
final class SubjectEntities {

    private static final int ENTITY_WINDOW = 25;
    private static final String NONE = SubjectFrame.NONE;
    /** Endings that make a place's demonym: "Tavarian", "Kaloan", "Valmoran". */
    private static final List<String> DEMONYM_SUFFIXES = List.of("ian", "an", "n");

    private final Lexicon lexicon;
    private final CountedNouns countedNouns;

    SubjectEntities(Lexicon lexicon, CountedNouns countedNouns) {
        this.lexicon = lexicon;
        this.countedNouns = countedNouns;
    }

    /** Where the article names entities, built once per article. */
    EntityIndex index(List<Token> tokens) {
        return new EntityIndex(tokens);
    }

    /**
     * Whose figure it is: an entity in the claim; for a part of a group named before ("3,000 of
     * them", "half of them", "including about 300 dead") that group's; else the nearest entity
     * before it in the sentence, the country a speaker speaks for, or the article's own.
     */
    String entity(List<Token> tokens, EntityIndex index, Candidate c, SubjectFrame antecedent, boolean share,
                  String dominant) {
        String entity = entityInClaim(tokens, index, c);
        if (!entity.equals(NONE)) {
            return entity;
        }
        boolean sameSentence = antecedent != null && antecedent.sentence() == c.sentence.index();
        if (antecedent != null && (c.pronounCount || c.partitive || share || c.bareCount && sameSentence)) {
            return antecedent.entity();
        }
        entity = entityBefore(tokens, index, c);
        if (entity.equals(NONE) && antecedent != null && c.bareCount) {
            entity = antecedent.entity();
        }
        if (entity.equals(NONE)) {
            entity = sourceOwner(tokens, index, c); // "The Ukrainian leader ... said 43,000 soldiers had died"
        }
        return entity.equals(NONE) ? dominant : entity;
    }

    /** Words after which a country names where goods come from: "imports from Mexico", "a levy on Chinese products". */
    private static final java.util.Set<String> ORIGIN_WORDS = java.util.Set.of("on", "from", "of");
    /** Words before the country goods go to, which levies their tariff: "cars entering the United States", "exports to India". */
    private static final java.util.Set<String> DESTINATION_WORDS = java.util.Set.of("entering", "into", "to");
    private static final int DESTINATION_WINDOW = 10;
    /** Verbs whose subject bears a levy: "Australian exporters face a 10% tariff". */
    private static final java.util.Set<String> BEARING_VERBS = java.util.Set.of("face", "faces", "facing", "faced", "pay", "pays");

    /**
     * Who levies a tariff or tax: a country written between the rate and its levy word ("a 10% US
     * tariff"), else the nearest country before it in its sentence that is neither the goods'
     * origin ("on imports from Mexico", "on Chinese products", the levy's scope) nor the subject
     * of "face" ("Australian exporters face a 10% tariff"), else the dateline's ("WASHINGTON —
     * Trump ordered a 25% tariff on imports from Mexico"), else {@code found} unless it is the origin.
     */
    String levying(List<Token> tokens, EntityIndex index, Candidate c, String origin, String found) {
        Sentence s = c.sentence;
        int after = c.last + 1;
        if (after < s.end() && index.key[after] != null && index.end[after] + 1 < s.end()
            && tokens.get(index.end[after] + 1).isWord() && !index.key[after].equals(origin)) {
            return index.key[after]; // "a 10% US tariff"
        }
        for (int k = after; k < Math.min(s.end() - 1, after + DESTINATION_WINDOW); k++) {
            if (tokens.get(k).type() == Token.Type.PUNCT) {
                break;
            }
            String destination = destinationAt(tokens, index, k + 1, s);
            if (DESTINATION_WORDS.contains(tokens.get(k).lower()) && destination != null) {
                return destination; // "a 15% tariff on Japanese cars entering the United States"
            }
        }
        for (int k = c.first - 1; k >= s.first(); k--) {
            String key = index.key[k];
            if (key == null || key.equals(origin)) {
                continue;
            }
            Token before = k > s.first() ? tokens.get(k - 1) : null;
            if (before != null && DESTINATION_WORDS.contains(before.lower())) {
                return key; // "a bigger Australian export to India, already face a 40% levy"
            }
            if (before != null && ORIGIN_WORDS.contains(before.lower()) || bears(tokens, index.end[k], c.first)) {
                continue;
            }
            return key;
        }
        String dateline = index.datelineEntity();
        if (!dateline.equals(NONE) && !dateline.equals(origin)) {
            return dateline;
        }
        return found.equals(origin) ? NONE : found;
    }

    /** "entering the United States", "into India": the country at {@code k}, after an optional "the", or null. */
    private static String destinationAt(List<Token> tokens, EntityIndex index, int k, Sentence s) {
        int at = k < s.end() && tokens.get(k).is("the") ? k + 1 : k;
        return at < s.end() ? index.key[at] : null;
    }

    /** "Australian lentil exporters face": a bearing verb within a few words after the name. */
    private static boolean bears(List<Token> tokens, int end, int limit) {
        for (int j = end + 1; j < Math.min(limit, end + 4); j++) {
            if (BEARING_VERBS.contains(tokens.get(j).lower())) {
                return true;
            }
        }
        return false;
    }

    /**
     * An entity inside the claim ("Russian tanks", "of Pyongyang's soldiers"), its owner right after
     * it ("9 gigawatts of Ukraine's generating capacity"), or what "their"/"its" in it refers to.
     */
    private String entityInClaim(List<Token> tokens, EntityIndex index, Candidate c) {
        for (int k = c.first; k <= c.last; k++) {
            if (index.key[k] != null && index.end[k] <= c.last && !namesCurrency(tokens, k, c)) {
                return index.key[k];
            }
        }
        Sentence s = c.sentence;
        int k = c.last + 1;
        if (k < s.end() && tokens.get(k).is("(")) {
            while (k < s.end() && !tokens.get(k).is(")")) {
                k++; // "roughly 9 gigawatts (9,000 megawatts) of Ukraine's capacity"
            }
            k++;
        }
        if (k + 2 < s.end() && tokens.get(k).is("of") && index.key[k + 1] != null) {
            int after = index.end[k + 1] + 1;
            if (after < s.end() && tokens.get(after).type() == Token.Type.POSSESSIVE) {
                return index.key[k + 1];
            }
        }
        for (int j = c.first; j <= c.last; j++) {
            if (tokens.get(j).is("their") || tokens.get(j).is("its")) {
                for (int b = c.first - 1; b >= 0; b--) {
                    if (index.key[b] != null) {
                        return index.key[b]; // "Almost 250,000 of their soldiers": the last country named
                    }
                }
            }
        }
        return NONE;
    }

    /** "US$4.2bn", "11 billion US dollars": the country names the currency, not what is counted. */
    private boolean namesCurrency(List<Token> tokens, int k, Candidate c) {
        int limit = c.sentence.end();
        return lexicon.currenciesBefore.matchForward(tokens, k, limit) != null
            || lexicon.currenciesAfter.matchForward(tokens, k, limit) != null;
    }

    private String entityBefore(List<Token> tokens, EntityIndex index, Candidate c) {
        // The nearest entity before the figure in its sentence that does not own a source.
        Sentence s = c.sentence;
        for (int k = c.first - 1; k >= Math.max(s.first(), c.first - ENTITY_WINDOW); k--) {
            if (index.key[k] != null && !index.ownsSource(k, s)) {
                return index.key[k];
            }
        }
        return NONE;
    }

    /** "The Ukrainian leader said ...", "Ukraine's president ...": the country a speaker speaks for. */
    private String sourceOwner(List<Token> tokens, EntityIndex index, Candidate c) {
        Sentence s = c.sentence;
        for (int k = s.first(); k < s.end(); k++) {
            if (index.key[k] != null && index.ownsSource(k, s) && !speaks(tokens, index, k, s)) {
                return index.key[k];
            }
        }
        return NONE;
    }

    /** "The IMF expects": the entity itself is the speaker, not the owner of one. */
    private boolean speaks(List<Token> tokens, EntityIndex index, int k, Sentence s) {
        int next = index.end[k] + 1;
        return next < s.end() && tokens.get(next).type() != Token.Type.POSSESSIVE
            && !(tokens.get(next).word().titleClass() != null) && !tokens.get(next).word().organisationHead()
            && !tokens.get(next).isCapitalised();
    }

    /**
     * Where the article names entities: {@code key[k]} is the entity a name starting at token
     * {@code k} names and {@code end[k]} its last token. Built once per article.
     */
    final class EntityIndex {
        final String[] key;
        final int[] end;
        private final List<Token> tokens;
        private final Boolean[] owns;
        private java.util.Set<String> words;
        /** Countries of the places the article names ("Saskatchewan", "Kentucky"). */
        private final List<String> placeCountries = new ArrayList<>();

        EntityIndex(List<Token> tokens) {
            this.tokens = tokens;
            int n = tokens.size();
            key = new String[n];
            end = new int[n];
            owns = new Boolean[n];
            for (int k = 0; k < n; k++) {
                if (!tokens.get(k).isCapitalised()) {
                    PhraseTable.Match<String> lower = tokens.get(k).isWord() ? lexicon.entities.matchForward(tokens, k, n) : null;
                    if (lower != null) { // "the euro area": the few names the lexicon writes in lower case
                        key[k] = lower.value();
                        end[k] = lower.last();
                        k = lower.last();
                    }
                    continue;
                }
                PhraseTable.Match<String> m = lexicon.entities.matchForward(tokens, k, n);
                if (m != null) {
                    key[k] = m.value();
                    end[k] = m.last();
                    k = m.last(); // counted once, from its first word ("North Korea")
                    continue;
                }
                PhraseTable.Match<String> place = lexicon.places.matchForward(tokens, k, n);
                if (place != null) {
                    placeCountries.add(place.value());
                    k = place.last();
                }
            }
        }

        /**
         * The entity the article names most often, at least twice: what a figure with no entity
         * in its sentence is about.
         */
        String dominant(String title) {
            java.util.Map<String, Integer> counts = new java.util.HashMap<>();
            String best = NONE;
            int bestCount = 1;
            List<String> named = new ArrayList<>(placeCountries);
            List<Token> headline = Tokenizer.tokenize(title);
            String learned = learnDatelineCountry();
            if (!learned.equals(NONE) && headline.stream().anyMatch(t -> t.isWord() && demonymStem(t.text()).equalsIgnoreCase(learned))) {
                named.add(learned); // the headline counts twice: it says what the story is about
                named.add(learned);
            }
            for (int k = 0; k < headline.size(); k++) {
                PhraseTable.Match<String> m = headline.get(k).isCapitalised()
                    ? lexicon.entities.matchForward(headline, k, headline.size()) : null;
                if (m == null && headline.get(k).isCapitalised()) {
                    m = lexicon.places.matchForward(headline, k, headline.size());
                }
                if (m != null) {
                    named.add(m.value()); // the headline counts twice: it says what the story is about
                    named.add(m.value());
                    k = m.last();
                }
            }
            for (String k : key) {
                if (k != null) {
                    named.add(k);
                }
            }
            for (String k : named) {
                int n = counts.merge(k, 1, Integer::sum);
                if (n > bestCount) {
                    best = k;
                    bestCount = n;
                }
            }
            if (!best.equals(NONE)) {
                return best;
            }
            if (counts.size() == 1) {
                return counts.keySet().iterator().next();
            }
            String dateline = datelineEntity();
            return dateline.equals(NONE) ? storyPlace(headline) : dateline;
        }

        /**
         * The dateline's country when no lexicon knows it ({@link #datelineCountry}), made an entity of
         * the article wherever the text names it or its demonym: "aid to Kaloa as the death toll reached
         * 41" is Kaloa's toll, though Australia, a known country, is named in the same sentence.
         */
        private String learnDatelineCountry() {
            String place = datelineCountry();
            if (place == null) {
                return NONE;
            }
            List<Integer> named = new ArrayList<>();
            for (int k = 0; k < tokens.size(); k++) {
                Token t = tokens.get(k);
                if (t.isWord() && t.isCapitalised() && !t.isAllCaps() && demonymStem(t.text()).equalsIgnoreCase(place)) {
                    if (key[k] != null || lexicon.entities.get(t.text()) != null || lexicon.places.get(t.text()) != null) {
                        return NONE; // a name the lexicons know keeps its own entity
                    }
                    named.add(k);
                }
            }
            for (int k : named) {
                key[k] = place;
                end[k] = k;
            }
            return named.isEmpty() ? NONE : place;
        }

        /**
         * A place in no lexicon that the story is about, the last resort for figures whose holder
         * no rule finds: the country of the dateline ("LORENZ, Tavaria (Coastal Times)"), else a
         * headline word the text names most, at least twice, as a place: after "in" or "to", with
         * a possessive, or with its demonym ("Valmora" and "Valmoran"). Outlets of one story that
         * name no known country meet under it, and stories apart stay apart.
         */
        private String storyPlace(List<Token> headline) {
            String country = datelineCountry();
            if (country != null) {
                return country;
            }
            java.util.Map<String, Integer> mentions = new java.util.HashMap<>();
            java.util.Set<String> placelike = new java.util.HashSet<>();
            for (int k = 0; k < tokens.size(); k++) {
                Token t = tokens.get(k);
                if (!t.isCapitalised() || !t.isWord() || t.isAllCaps()) {
                    continue;
                }
                String stem = demonymStem(t.text());
                mentions.merge(stem, 1, Integer::sum);
                if (!stem.equals(t.text()) || placePosition(tokens, k)) {
                    placelike.add(stem);
                }
            }
            for (int k = 0; k < tokens.size() && tokens.get(k).isWord() && tokens.get(k).isAllCaps(); k++) {
                String w = tokens.get(k).text();
                placelike.add(w.charAt(0) + w.substring(1).toLowerCase(java.util.Locale.ROOT)); // "VALMORA CITY (...)"
            }
            for (int k = 0; k < headline.size(); k++) {
                if (headline.get(k).isWord() && headline.get(k).isCapitalised()) {
                    String stem = demonymStem(headline.get(k).text());
                    mentions.merge(stem, 1, Integer::sum); // the headline names what the story is about
                    if (placePosition(headline, k)) {
                        placelike.add(stem);
                    }
                }
            }
            String best = null;
            int bestCount = 1;
            for (Token t : headline) {
                if (!t.isWord() || !t.isCapitalised() || t.word().isFunction() || lexicon.organisationHeads.contains(t.lower())) {
                    continue; // "Civic Alliance": a body's head word is no place
                }
                String stem = demonymStem(t.text());
                int n = mentions.getOrDefault(stem, 0);
                if (placelike.contains(stem) && n > bestCount) {
                    best = stem;
                    bestCount = n;
                }
            }
            return best == null ? NONE : best.toLowerCase(java.util.Locale.ROOT);
        }

        /** "in Tavaria", "to the Kaloa coast", "of Valmora", "Tavaria's": where a place is named. */
        private static boolean placePosition(List<Token> tokens, int k) {
            int b = k - 1;
            if (b >= 0 && tokens.get(b).is("the")) {
                b--;
            }
            Token before = b >= 0 ? tokens.get(b) : null;
            Token after = k + 1 < tokens.size() ? tokens.get(k + 1) : null;
            return before != null && (before.is("in") || before.is("to") || before.is("of"))
                || after != null && after.type() == Token.Type.POSSESSIVE;
        }

        /** "Valmoran" -> "Valmora" when the text also names "Valmora"; else the word itself. */
        private String demonymStem(String word) {
            for (String suffix : DEMONYM_SUFFIXES) {
                if (word.length() > suffix.length() + 2 && word.endsWith(suffix)) {
                    String stem = word.substring(0, word.length() - suffix.length());
                    if (textWords().contains(stem)) {
                        return stem;
                    }
                }
            }
            return word;
        }

        private java.util.Set<String> textWords() {
            if (words == null) {
                words = new java.util.HashSet<>();
                for (Token t : tokens) {
                    if (t.isWord() && t.isCapitalised()) {
                        words.add(t.text());
                    }
                }
            }
            return words;
        }

        /** "PORT LIRAT, Kaloa (Harbour Herald) —", "HOLLIN BAY, Ontario (...)": the country the dateline names after its comma. */
        private String datelineCountry() {
            int k = 0;
            while (k < tokens.size() && tokens.get(k).isWord() && tokens.get(k).isAllCaps()) {
                k++;
            }
            if (k == 0 || k + 2 >= tokens.size() || !tokens.get(k).is(",")) {
                return null;
            }
            Token name = tokens.get(k + 1);
            Token next = tokens.get(k + 2);
            if (!name.isWord() || !name.isCapitalised() || name.isAllCaps() || name.word().timeClass() != null
                || !(next.is("(") || next.is(","))) {
                return null;
            }
            String known = lexicon.entities.get(name.text());
            known = known != null ? known : lexicon.places.get(name.text());
            return known != null ? known : name.lower();
        }

        /**
         * "MANILA (Capital Bulletin) —", "NEW YORK, Aug 29 (...)": where the story was filed, the
         * last resort for an article that names no entity of its own more than once.
         */
        String datelineEntity() {
            StringBuilder place = new StringBuilder();
            for (Token t : tokens) {
                if (!t.isWord() || !t.isAllCaps()) {
                    break;
                }
                if (place.length() > 0) {
                    place.append(' ');
                }
                place.append(t.text().charAt(0)).append(t.lower(), 1, t.lower().length());
            }
            if (place.length() == 0) {
                return NONE;
            }
            String name = place.toString();
            String entity = lexicon.entities.get(name);
            entity = entity != null ? entity : lexicon.places.get(name);
            return entity != null ? entity : NONE;
        }

        /** Whether the article names this entity anywhere. */
        boolean names(String entity) {
            for (String k : key) {
                if (entity.equals(k)) {
                    return true;
                }
            }
            return false;
        }

        boolean ownsSource(int k, Sentence s) {
            if (owns[k] == null) {
                owns[k] = SubjectEntities.this.ownsSource(tokens, k, end[k], s);
            }
            return owns[k];
        }
    }

    /**
     * "Ukraine's General Staff", "Russia's defence ministry", "Ukrainian officials": the entity
     * owns a source, so it says who speaks, not what is counted. Decided by the head of the
     * phrase it opens ("Russia's military personnel losses" is about Russia).
     */
    private boolean ownsSource(List<Token> tokens, int k, int entityEnd, Sentence s) {
        int next = entityEnd + 1;
        if (k - 2 >= s.first() && tokens.get(k - 1).is("to") && tokens.get(k - 2).is("according")) {
            return true;
        }
        for (int j = next; j < Math.min(s.end(), next + 3); j++) {
            String w = tokens.get(j).lower();
            if (lexicon.reportingVerbs.containsKey(w) && !"finite-noun".equals(lexicon.reportingVerbs.get(w))) {
                return true; // "The IMF expects ...", "Ukraine estimates that ..."
            }
            if (!tokens.get(j).isWord() || !"adverb".equals(lexicon.functionWords.get(w)) && !"auxiliary".equals(lexicon.functionWords.get(w))) {
                break;
            }
        }
        if (next < s.end() && tokens.get(next).type() == Token.Type.POSSESSIVE) {
            next++;
        }
        int head = -1;
        for (int j = next; j < Math.min(s.end(), next + 5); j++) {
            Token t = tokens.get(j);
            if (!t.isWord() || t.word().isFunction() || (t.word().reportingForm() != null)
                && !t.isCapitalised()) {
                break;
            }
            head = j;
            if (countedNouns.isPluralNoun(t)) {
                break;
            }
        }
        if (head < 0) {
            return false;
        }
        String w = tokens.get(head).lower();
        return lexicon.organisationHeads.contains(w) || lexicon.titles.containsKey(w) && !"role".equals(lexicon.titles.get(w))
            || lexicon.sourceHeads.contains(w);
    }
}
