package io.claimstream.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The people and organisations an article names, in reading order, and how later mentions
 * refer back to them: a surname to the full name ("Zelensky" -> "Volodymyr Zelensky"), a
 * shorter or lower-case form or an acronym to the organisation ("the General Staff", "the
 * NIS"), a title to the person who holds it ("the president"), a generic noun to the latest
 * fitting organisation ("the agency"), and pronouns to the latest person or organisation.
 */
final class Mentions {

    /** Words before a name that make it a place or a thing rather than a person. */
    private static final Set<String> PLACE_PREPOSITIONS = Set.of("the", "in", "at", "near", "from", "across", "into",
        "off", "outside", "inside", "around", "towards", "toward", "through", "via", "to");

    /**
     * How many of the latest entities or mentions a reference is looked up among. An article
     * names a few dozen; this bounds the work per reference in a text that names thousands
     * (a list of names, a machine-made text) without changing anything for a news story.
     */
    static final int LOOKBACK = 1000;


    /** One mention: where it is and the entity it refers to. */
    record Mention(int token, Entity entity) {
    }

    private final Lexicon lexicon;
    private final String text;
    private final List<Token> tokens;
    private final List<Entity> entities = new ArrayList<>();
    /** The latest entity of each name, so that a name said again is found without a walk back. */
    private final java.util.Map<String, Entity> latestByName = new java.util.HashMap<>();
    /**
     * Indexes into {@link #entities}, ascending, by an entity's last word, first word and acronym:
     * a name is looked for only among the entities it could refer to, not among all of the latest
     * {@link #LOOKBACK} (a text of thousands of distinct names cost 1,000 comparisons a name).
     */
    private final java.util.Map<String, List<Integer>> byLastWord = new java.util.HashMap<>();
    private final java.util.Map<String, List<Integer>> byFirstWord = new java.util.HashMap<>();
    private final java.util.Map<String, List<Integer>> byAcronym = new java.util.HashMap<>();
    private final List<Mention> mentions = new ArrayList<>();
    private final String outlet;

    Mentions(Lexicon lexicon, String text, List<Token> tokens, String outlet) {
        this.lexicon = lexicon;
        this.text = text;
        this.tokens = tokens;
        this.outlet = outlet == null ? null : outlet.toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    /** Records the names of one sentence. Sentences must be scanned in order. */
    void scan(Sentence s) {
        int k = s.index() == 0 ? afterDateline(s) : s.first();
        while (k < s.end()) {
            int end = nameEnd(s, k);
            if (end > k) {
                Entity e = entityFor(s, k, end - 1);
                if (e != null) {
                    mentions.add(new Mention(k, e));
                }
                k = end;
            } else {
                k++;
            }
        }
    }

    /** "KYIV, Feb 15 (Continental Post) — ...": the dateline names the outlet and place, no source. */
    private int afterDateline(Sentence s) {
        boolean closed = false;
        for (int k = s.first(); k < Math.min(s.end(), s.first() + 16); k++) {
            Token t = tokens.get(k);
            if (t.is(")")) {
                closed = true;
            } else if (closed && (t.is("—") || t.is("–") || t.is("-"))) {
                return k + 1;
            }
        }
        return s.first();
    }

    /** The end (exclusive) of a capitalised name starting at {@code k}, or {@code k}. */
    private int nameEnd(Sentence s, int k) {
        Token t = tokens.get(k);
        if (!isNameWord(t, s, k)) {
            return k;
        }
        int end = k + 1;
        boolean organisation = isOrganisationHead(t);
        while (end < s.end()) {
            Token n = tokens.get(end);
            if (isNameWord(n, s, end) && !isTimeWord(n)) {
                organisation |= isOrganisationHead(n);
                end++;
            } else if (n.type() == Token.Type.DASH && n.joined() && end + 1 < s.end() && tokens.get(end + 1).joined()
                && tokens.get(end + 1).isWord()) {
                end += 2; // "Seong-kweun", "Commander-in-Chief"
            } else if (n.type() == Token.Type.POSSESSIVE && end + 1 < s.end() && isNameWord(tokens.get(end + 1), s, end + 1)
                && isPlace(k, end)) {
                end++; // "South Korea's National Intelligence Service"
            } else if (n.isWord() && lexicon.nameJoiners.contains(n.lower()) && end + 1 < s.end()
                && isNameWord(tokens.get(end + 1), s, end + 1) && joins(n, organisation, end)) {
                end++;
            } else {
                break;
            }
        }
        return end;
    }

    /** "and" joins only inside an organisation's name ("Department of Forestry and Fire Protection"). */
    private boolean joins(Token joiner, boolean organisation, int at) {
        if (joiner.is("and")) {
            return organisation;
        }
        if (joiner.is("in") || joiner.is("on")) {
            return organisation && at + 1 < tokens.size() && !isTimeWord(tokens.get(at + 1));
        }
        return true;
    }

    private boolean isNameWord(Token t, Sentence s, int k) {
        // Most tokens are lower case: the cheap test goes first (every test here only says no).
        if (!t.isCapitalised() && !(k > s.first() && tokens.get(k - 1).isCapitalised() && k + 1 < s.end()
            && tokens.get(k + 1).isCapitalised() && lexicon.nameParticles.contains(t.lower()))) {
            return false;
        }
        if (k + 2 < s.end() && tokens.get(k + 1).type() == Token.Type.DASH && tokens.get(k + 1).joined()
            && tokens.get(k + 2).isNumber() && tokens.get(k + 2).joined()) {
            return false; // "Tu-95", "Su-34": a model, not a name
        }
        if (k > s.first() && tokens.get(k - 1).isNumber() && lexicon.units.get(t.lower()) != null) {
            return false; // "1.4 GW"
        }
        if ((t.word().number() != null) || lexicon.nonNames.contains(t.text())
            || t.isAllCaps() && (lexicon.currenciesAfter.get(t.lower()) != null || lexicon.units.get(t.lower()) != null)) {
            return false; // "Eight OPEC+ countries", "USD 48.7 billion", "GDP"
        }
        if (k == s.first() || startsClause(k)) {
            // A capitalised function word at the start of a sentence is not a name ("The", "In").
            return !t.word().isFunction();
        }
        return !(t.word().isFunction() && !t.isAllCaps() && t.isCapitalised() && t.text().length() < 4
            && !lexicon.nameParticles.contains(t.lower()));
    }

    private boolean startsClause(int k) {
        Token before = tokens.get(k - 1);
        return before.type() == Token.Type.QUOTE || before.is(":") || before.is("(");
    }

    private boolean isTimeWord(Token t) {
        String cls = t.word().timeClass();
        return cls != null && (cls.equals("month") || cls.equals("weekday"));
    }

    private boolean isOrganisationHead(Token t) {
        return t.word().organisationHead();
    }

    private boolean isPlace(int first, int end) {
        return lexicon.entities.get(Token.phrase(tokens, first, end, true)) != null;
    }

    /** Classifies the name over tokens {@code first..last} and links it to an earlier entity if it is one. */
    private Entity entityFor(Sentence s, int first, int last) {
        int start = first;
        String titleClass = null;
        // Titles before a person's name: "President Volodymyr Zelensky", "US President Donald Trump".
        int title = lastTitle(first, last);
        if (title >= 0 && !hasOrganisationHead(title + 1, last)) {
            for (int k = first; k <= title; k++) {
                String cls = tokens.get(k).word().titleClass();
                if (cls != null && !cls.equals("role")) {
                    titleClass = cls;
                }
            }
            start = title + 1;
        }
        if (start == last && lexicon.nonNames.contains(tokens.get(start).text())) {
            return null;
        }
        if (start <= last && tokens.get(start).type() == Token.Type.DASH) {
            start++;
        }
        String surface = Token.phrase(tokens, start, last + 1, true);
        if (isTimeWord(tokens.get(start)) && start == last) {
            return null;
        }
        String place = lexicon.entities.get(surface);
        boolean organisation = false;
        for (int k = start; k <= last; k++) {
            organisation |= isOrganisationHead(tokens.get(k)) || tokens.get(k).isAllCaps() && start == last;
        }
        Entity.Type type;
        if (organisation) {
            type = Entity.Type.ORGANISATION;
        } else if (place != null) {
            type = Entity.Type.PLACE;
        } else if (first > s.first() && PLACE_PREPOSITIONS.contains(tokens.get(first - 1).lower())) {
            type = tokens.get(first - 1).is("the") ? Entity.Type.ORGANISATION : Entity.Type.PLACE; // "the Red Sea", "near Ostrava"
        } else if (titleClass != null || precededByTitle(s, first)) {
            type = Entity.Type.PERSON;
            if (titleClass == null) {
                titleClass = tokens.get(first - 1).word().titleClass();
            }
        } else if (last > start && allNameWords(start, last)) {
            type = Entity.Type.PERSON;
        } else {
            type = Entity.Type.ORGANISATION;
        }
        return link(type, start, last, titleClass);
    }

    private int lastTitle(int first, int last) {
        int found = -1;
        for (int k = first; k < last; k++) {
            if ((tokens.get(k).word().titleClass() != null) && tokens.get(k).isWord()) {
                found = k;
            }
        }
        return found;
    }

    private boolean hasOrganisationHead(int first, int last) {
        for (int k = first; k <= last; k++) {
            if (isOrganisationHead(tokens.get(k)) || tokens.get(k).type() == Token.Type.POSSESSIVE) {
                return true;
            }
        }
        return false;
    }

    private boolean precededByTitle(Sentence s, int first) {
        return first > s.first() && (tokens.get(first - 1).word().titleClass() != null)
            && !"role".equals(tokens.get(first - 1).word().titleClass());
    }

    private boolean allNameWords(int start, int last) {
        for (int k = start; k <= last; k++) {
            Token t = tokens.get(k);
            if (t.type() == Token.Type.POSSESSIVE || (t.isWord() && lexicon.nameJoiners.contains(t.lower()) && !lexicon.nameParticles.contains(t.lower()))
                || t.isAllCaps() || lexicon.entities.get(t.text()) != null) {
                return false;
            }
        }
        return true;
    }

    /** The entity these words name: an earlier one it abbreviates, or a new one. */
    private Entity link(Entity.Type type, int start, int last, String titleClass) {
        String name = text.substring(tokens.get(start).start(), tokens.get(last).end());
        List<String> words = words(start, last);
        Entity earlier = earlierNamed(type, words, name);
        if (earlier != null) {
            return earlier;
        }
        if (start == last && titleClass == null && type != Entity.Type.PLACE && isSentenceStart(start)
            && !tokens.get(start).isAllCaps()) {
            return null; // "Food accounted for ...": a capital that only starts the sentence names nothing new
        }
        Entity e = new Entity(type, name, words, titleClass, acronym(start, last));
        add(e);
        return e;
    }

    private boolean isSentenceStart(int k) {
        return k == 0 || tokens.get(k).paragraphStart() || startsClause(k)
            || tokens.get(k - 1).is(".") || tokens.get(k - 1).is("!") || tokens.get(k - 1).is("?");
    }

    private List<String> words(int start, int last) {
        List<String> words = new ArrayList<>();
        for (int k = start; k <= last; k++) {
            Token t = tokens.get(k);
            if (t.isWord()) {
                words.add(t.lower());
            } else if (t.type() == Token.Type.POSSESSIVE) {
                words.add("'s");
            }
        }
        return words;
    }

    /**
     * The latest of the last {@link #LOOKBACK} entities that {@code name} refers to: the same name,
     * else the newest entity that {@link #refersTo} says it names. Only the entities sharing its last
     * word, its first word or (a single word) its acronym can qualify, so only those are looked at.
     */
    private Entity earlierNamed(Entity.Type type, List<String> words, String name) {
        Entity same = latestByName.get(name);
        if (same != null) {
            return same;
        }
        if (words.isEmpty()) {
            return null;
        }
        int bound = Math.max(0, entities.size() - LOOKBACK);
        int best = newestReferredTo(byLastWord.get(words.get(words.size() - 1)), bound, -1, type, words, name);
        best = newestReferredTo(byFirstWord.get(words.get(0)), bound, best, type, words, name);
        if (words.size() == 1) {
            best = newestReferredTo(byAcronym.get(name), bound, best, type, words, name);
        }
        return best < 0 ? null : entities.get(best);
    }

    /** The highest index of {@code candidates} above {@code best} and at least {@code bound} whose entity is referred to; else {@code best}. */
    private int newestReferredTo(List<Integer> candidates, int bound, int best, Entity.Type type, List<String> words,
                                 String name) {
        if (candidates == null) {
            return best;
        }
        for (int j = candidates.size() - 1; j >= 0; j--) {
            int i = candidates.get(j);
            if (i < bound || i <= best) {
                return best;
            }
            if (refersTo(entities.get(i), type, words, name)) {
                return i;
            }
        }
        return best;
    }

    /** Whether a name of {@code type} made of {@code words} refers to the earlier entity {@code e}. */
    private static boolean refersTo(Entity e, Entity.Type type, List<String> words, String name) {
        boolean mayBePerson = type == Entity.Type.PERSON || (words.size() == 1 && type == Entity.Type.ORGANISATION);
        if (mayBePerson && e.type() == Entity.Type.PERSON && endsWith(e.words(), words)) {
            return true; // "Zelensky", "von der Leyen"
        }
        if (type != Entity.Type.PERSON && e.type() != Entity.Type.PERSON && words.size() < e.words().size()
            && (endsWith(e.words(), words) || startsWith(e.words(), words))) {
            return true; // "General Staff" of "Ukraine's General Staff"
        }
        return words.size() == 1 && name.equals(e.acronym()); // "NIS", "UAE"
    }

    /** Initials of the capitalised words after any possessor: "South Korea's National Intelligence Service" -> NIS. */
    private String acronym(int start, int last) {
        int from = start;
        for (int k = start; k <= last; k++) {
            if (tokens.get(k).type() == Token.Type.POSSESSIVE) {
                from = k + 1;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int k = from; k <= last; k++) {
            Token t = tokens.get(k);
            if (t.isCapitalised() && !lexicon.nameJoiners.contains(t.lower())) {
                sb.append(t.text().charAt(0));
            }
        }
        return sb.length() >= 2 ? sb.toString() : null;
    }

    private static boolean endsWith(List<String> whole, List<String> part) {
        if (part.isEmpty() || part.size() > whole.size()) {
            return false;
        }
        return sameWords(whole, whole.size() - part.size(), part);
    }

    private static boolean startsWith(List<String> whole, List<String> part) {
        if (part.isEmpty() || part.size() > whole.size()) {
            return false;
        }
        return sameWords(whole, 0, part);
    }

    /** Whether {@code whole} holds {@code part} from {@code from} on (no sublist: this runs for every earlier mention). */
    private static boolean sameWords(List<String> whole, int from, List<String> part) {
        for (int i = 0; i < part.size(); i++) {
            if (!whole.get(from + i).equals(part.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The words of a lower-case phrase, a possessive 's a word of its own: what splitting
     * {@code phrase.replace("'s", " 's")} at runs of regex whitespace ({@code \\s+}) gives, without
     * a regex on a path taken for every speaker.
     */
    static List<String> words(String phrase) {
        String p = phrase.replace("'s", " 's");
        int n = p.length();
        if (n == 0) {
            return List.of("");
        }
        List<String> words = new ArrayList<>(4);
        int start = 0;
        int i = 0;
        while (i < n) {
            if (isRegexSpace(p.charAt(i))) {
                words.add(p.substring(start, i)); // empty for a leading run of spaces, as Pattern.split
                while (i < n && isRegexSpace(p.charAt(i))) {
                    i++;
                }
                start = i;
            } else {
                i++;
            }
        }
        words.add(p.substring(start, n));
        int size = words.size();
        while (size > 0 && words.get(size - 1).isEmpty()) {
            size--; // trailing empty strings are dropped, as Pattern.split does
        }
        return List.copyOf(words.subList(0, size));
    }

    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** Records a speaker phrase that named no capitalised entity ("Russia's defence ministry", "officials in Kyiv"). */
    Entity register(String phrase, Entity.Type type, int at) {
        List<String> words = words(phrase.toLowerCase(Locale.ROOT));
        Entity e = new Entity(type, phrase, words, null, null);
        add(e);
        mentions.add(new Mention(at, e));
        return e;
    }

    private void add(Entity e) {
        int index = entities.size();
        entities.add(e);
        latestByName.put(e.name(), e);
        if (!e.words().isEmpty()) {
            byLastWord.computeIfAbsent(e.words().get(e.words().size() - 1), k -> new ArrayList<>()).add(index);
            byFirstWord.computeIfAbsent(e.words().get(0), k -> new ArrayList<>()).add(index);
        }
        if (e.acronym() != null) {
            byAcronym.computeIfAbsent(e.acronym(), k -> new ArrayList<>()).add(index);
        }
    }

    /** Index of the first of the latest {@link #LOOKBACK} mentions. */
    private int lookbackStart() {
        return Math.max(0, mentions.size() - LOOKBACK);
    }

    // ---- resolving references ----

    /** The entity mentioned last before token {@code before} whose type is one of {@code types}. */
    Entity latest(int before, Set<Entity.Type> types) {
        Mention best = null;
        for (Mention m : mentions.subList(lookbackStart(), mentions.size())) {
            if (m.token() < before && types.contains(m.entity().type()) && (best == null || m.token() >= best.token())) {
                best = m;
            }
        }
        return best == null ? null : best.entity();
    }

    /** Entities mentioned within tokens {@code from..to} (exclusive), in order. */
    List<Mention> between(int from, int to) {
        List<Mention> found = new ArrayList<>();
        for (Mention m : mentions.subList(lookbackStart(), mentions.size())) {
            if (m.token() >= from && m.token() < to) {
                found.add(m);
            }
        }
        return found;
    }

    /**
     * Resolves a speaker phrase (already stripped of "the") to an entity named earlier, or
     * returns null when it names nothing known. {@code at} is where the phrase stands.
     */
    Entity resolve(String phrase, int at) {
        String lower = phrase.toLowerCase(Locale.ROOT);
        List<String> words = words(lower);
        Entity byName = nameOrPart(phrase, words, at);
        if (byName != null) {
            return byName;
        }
        Set<String> heads = lexicon.genericOrganisations.get("the " + lower);
        if (heads != null) {
            // "the company" means the organisation in view; "the air force" names one of its own.
            return latestOrganisationWith(heads, at, words.size() == 1);
        }
        String titleClass = titleClassOf(words);
        if (titleClass != null) {
            return latestPersonWithTitle(titleClass, at);
        }
        return null;
    }

    private Entity nameOrPart(String phrase, List<String> words, int at) {
        for (int i = mentions.size() - 1; i >= lookbackStart(); i--) {
            Mention m = mentions.get(i);
            Entity e = m.entity();
            if (m.token() >= at && !e.name().equals(phrase)) {
                continue;
            }
            if (e.name().equalsIgnoreCase(phrase) || phrase.equals(e.acronym())) {
                return e;
            }
            if (e.type() == Entity.Type.PERSON && endsWith(e.words(), words)) {
                return e;
            }
            if (e.type() != Entity.Type.PERSON && (endsWith(e.words(), words) || startsWith(e.words(), words))
                && !namesAMeasure(e)) {
                return e;
            }
        }
        return null;
    }

    /** "Bank Rate", "Consumer Price Index": a capitalised name that ends in a measure is no body "the Bank" refers to. */
    private boolean namesAMeasure(Entity e) {
        List<String> w = e.words();
        return w.size() > 1 && lexicon.topics.get(w.get(w.size() - 1)) != null;
    }

    /**
     * The organisation "the agency" or "the company" means: among those named before whose name
     * has a fitting head ("Agency", "Air"), the one named most often, then the latest; for a
     * one-word generic noun, failing that, the organisation named most often.
     */
    private Entity latestOrganisationWith(Set<String> heads, int at, boolean orAny) {
        java.util.Map<Entity, Integer> named = new java.util.LinkedHashMap<>();
        for (Mention m : mentions.subList(lookbackStart(), mentions.size())) {
            Entity e = m.entity();
            if (m.token() < at && e.type() == Entity.Type.ORGANISATION) {
                named.merge(e, 1, Integer::sum);
            }
        }
        // Whether an organisation is the outlet, and whether it has the head, is the same at each of
        // its mentions: asked once per organisation, in the order they were first named. The most
        // named of each kind is kept as they go by; on a tie the one named first stays (the story's
        // protagonist).
        Entity fitting = null;
        int fittingCount = 0;
        Entity any = null;
        int anyCount = 0;
        for (java.util.Map.Entry<Entity, Integer> n : named.entrySet()) {
            if (!isOutlet(n.getKey())) {
                if (n.getValue() > anyCount) {
                    any = n.getKey();
                    anyCount = n.getValue();
                }
                if (n.getValue() > fittingCount && hasHead(n.getKey(), heads)) {
                    fitting = n.getKey();
                    fittingCount = n.getValue();
                }
            }
        }
        return fitting != null || !orAny ? fitting : any;
    }

    private boolean hasHead(Entity e, Set<String> heads) {
        for (String w : e.words()) {
            if (heads.contains(w)) {
                return true;
            }
        }
        String key = lexicon.entities.get(e.name()); // "UN" is the United Nations: "the world body"
        if (key != null) {
            for (String w : key.split("-")) {
                if (heads.contains(w)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The article's own outlet ("according to data compiled by Meridian Post") speaks in its own voice. */
    boolean isOutlet(Entity e) {
        if (outlet == null) {
            return false;
        }
        String name = e.name();
        boolean ascii = isAscii(name); // read once: this is asked of every organisation "the agency" may mean
        if (name.length() != outlet.length() || !ascii) {
            // Lower-casing keeps an ASCII name's length; other names take the general way.
            return !ascii && name.toLowerCase(Locale.ROOT).replace(' ', '-').equals(outlet);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            char folded = c == ' ' ? '-' : c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (folded != outlet.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** "the president", "the Ukrainian leader", "the minister": the class of the title named. */
    private String titleClassOf(List<String> words) {
        String last = words.get(words.size() - 1);
        String cls = lexicon.titles.get(last);
        return cls == null || cls.equals("role") || cls.equals("person") ? null : cls;
    }

    private Entity latestPersonWithTitle(String titleClass, int at) {
        for (int i = mentions.size() - 1; i >= lookbackStart(); i--) {
            Mention m = mentions.get(i);
            Entity e = m.entity();
            if (m.token() < at && e.type() == Entity.Type.PERSON && titleClass.equals(e.titleClass())) {
                return e;
            }
        }
        return null;
    }
}
