package io.claimstream.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names of one article, found once and consulted for each of its claims: organisations,
 * parties, companies, teams and products by their capitals (most are in no lexicon), countries
 * and places through the lexicons, persons (a title before them, a speech verb after) and the
 * outlet's own name. Names are normalised so that outlets' forms of one name meet: "the Nordwind
 * group", "Nordwind Motors Corp" and "Nordwind" are all {@code nordwind}, and an acronym spelt by
 * a name's initials ("NRP", "BoE") stands for that name. {@link Holders} decides which of them
 * holds a figure.
 */
final class ArticleNames {

    /** How many organisations back "the company" or "the party" looks for a name with its head word. */
    private static final int LOOK_BACK = 50;

    /** OTHER: a name that holds no figure (an outlet's own name in its dateline). */
    enum Kind { ORGANISATION, COUNTRY, PLACE, PERSON, OTHER }

    /** A name in the text, tokens {@code first..last} inclusive. */
    record Name(int first, int last, String key, Kind kind) {
    }

    private final Lexicon lexicon;
    private final List<Token> tokens;
    private final Name[] endingAt;
    private final List<Name> organisations = new ArrayList<>();
    /** Organisations and countries in text order, for what "its" and "their" refer to. */
    private final List<Name> holders = new ArrayList<>();
    private final String main;
    /** How often the text names each organisation (by its resolved key), sources cited for an estimate aside. */
    private final Map<String, Integer> counts = new HashMap<>();

    ArticleNames(Lexicon lexicon, List<Token> tokens, List<Sentence> sentences, String title) {
        this.lexicon = lexicon;
        this.tokens = tokens;
        this.endingAt = new Name[tokens.size()];
        Set<String> midSentence = new HashSet<>();
        for (Sentence s : sentences) {
            for (int k = s.first() + 1; k < s.end(); k++) {
                if (tokens.get(k).isCapitalised() && !opensClause(tokens, k, s.first())) {
                    midSentence.add(tokens.get(k).text());
                }
            }
        }
        List<Name> names = new ArrayList<>();
        for (Sentence s : sentences) {
            find(tokens, s.first(), s.end(), midSentence, names);
        }
        names = withoutOutlet(withSurnames(names));
        Map<String, String> aliases = aliases(names);
        Map<String, Integer> counts = this.counts;
        Map<String, Integer> countryCounts = new HashMap<>();
        // The headline's names are words the text capitalises mid-sentence or opens an organisation's
        // name with: the text's sentences have been read, so the one set takes the first words too.
        Set<String> firstWords = midSentence;
        for (Name n : names) {
            Name resolved = n.kind == Kind.ORGANISATION && aliases.containsKey(n.key)
                ? new Name(n.first, n.last, aliases.get(n.key), n.kind) : n;
            endingAt[n.last] = resolved;
            if (resolved.kind == Kind.ORGANISATION) {
                firstWords.add(tokens.get(n.first).text());
                if (citedSource(tokens, n.first)) {
                    continue; // "compiled by Fairline Data", "according to LSEG": whose estimate, not whose figures
                }
            }
            if (resolved.kind == Kind.ORGANISATION || resolved.kind == Kind.COUNTRY) {
                holders.add(resolved);
            }
            if (resolved.kind == Kind.ORGANISATION) {
                organisations.add(resolved);
                counts.merge(resolved.key, 1, Integer::sum);
            } else if (resolved.kind == Kind.COUNTRY) {
                countryCounts.merge(resolved.key, 1, Integer::sum);
            }
        }
        List<Token> headline = Tokenizer.tokenize(title == null ? "" : title, lexicon);
        List<Name> inTitle = new ArrayList<>();
        find(headline, -1, headline.size(), firstWords, inTitle); // a headline capitalises every word: names the text uses
        for (Name n : inTitle) {
            if (n.kind == Kind.ORGANISATION) {
                counts.merge(aliases.getOrDefault(n.key, n.key), 2, Integer::sum); // the headline says what the story is about
            } else if (n.kind == Kind.COUNTRY) {
                countryCounts.merge(n.key, 2, Integer::sum);
            }
        }
        String best = null;
        int bestCount = 1;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestCount || e.getValue() == bestCount && best != null && e.getKey().compareTo(best) < 0) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        int countries = 0;
        for (int n : countryCounts.values()) {
            countries = Math.max(countries, n);
        }
        this.main = bestCount > countries ? best : null; // a story about a country is its country's
    }

    /** The organisation the article is mostly about (named at least twice, the headline counting double), or null. */
    String main() {
        return main;
    }

    /** How often the text names the organisation {@code key}. */
    int mentions(String key) {
        return counts.getOrDefault(key, 0);
    }

    /** "according to Fairline Data", "analysts polled by LSEG": a name cited as a source of something. */
    private static boolean citedSource(List<Token> tokens, int first) {
        int k = first - 1;
        if (k >= 0 && tokens.get(k).is("the")) {
            k--;
        }
        return k >= 0 && (tokens.get(k).is("by") || tokens.get(k).is("to") && k >= 1 && tokens.get(k - 1).is("according"));
    }

    /** "its revenue", "their 12.2% share": the last organisation named before, or null when a country was. */
    String latestHolderBefore(int k) {
        int i = lastEndingBefore(holders, k);
        if (i < 0) {
            return main;
        }
        return holders.get(i).kind == Kind.ORGANISATION ? holders.get(i).key : null;
    }

    /**
     * The last organisation named before token {@code k} whose name has one of {@code heads}, or
     * any when heads is empty; found by binary search and a bounded look back, so that an article
     * of many names costs no walk over all of them per figure.
     */
    String latestBefore(int k, Set<String> heads) {
        int last = lastEndingBefore(organisations, k);
        if (last < 0) {
            return main;
        }
        if (heads.isEmpty()) {
            return organisations.get(last).key;
        }
        for (int i = last; i >= Math.max(0, last - LOOK_BACK); i--) {
            Name n = organisations.get(i);
            for (int j = n.first; j <= n.last; j++) {
                if (heads.contains(tokens.get(j).lower())) {
                    return n.key;
                }
            }
        }
        return organisations.get(last).key;
    }

    /** Index of the last name in {@code names} (in text order) that ends before token {@code k}, or -1. */
    private static int lastEndingBefore(List<Name> names, int k) {
        int lo = 0;
        int hi = names.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (names.get(mid).last < k) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** The name whose last token is {@code k}, or null. */
    Name endingAt(int k) {
        return endingAt[k];
    }

    /** Where any word is capitalised: a sentence's start, after a quote, a dash, a colon or a bracket. */
    private static boolean opensClause(List<Token> tokens, int k, int sentenceFirst) {
        if (k <= sentenceFirst) {
            return true;
        }
        Token before = tokens.get(k - 1);
        return before.type() == Token.Type.QUOTE || before.type() == Token.Type.DASH || before.is(":") || before.is("(");
    }

    /**
     * The names in tokens {@code from..end}. A capitalised word that opens a sentence (or any word
     * of a headline, {@code from} -1) is a name only where the text also capitalises it mid-sentence.
     */
    private void find(List<Token> tokens, int from, int end, Set<String> midSentence, List<Name> out) {
        int k = Math.max(0, from);
        while (k < end) {
            if (!startsName(tokens, k) || (from < 0 || opensClause(tokens, k, from)) && !midSentence.contains(tokens.get(k).text())
                && !(from >= 0 && multiWord(tokens, k, end)) && !(from >= 0 && isUnknownWord(tokens.get(k)))
                && lexicon.entities.matchForward(tokens, k, end) == null) {
                k++;
                continue;
            }
            int last = k;
            boolean linked = false;
            while (last + 1 < end && continuesName(tokens, last + 1, end, linked)) {
                linked |= tokens.get(last + 1).is("of") || tokens.get(last + 1).is("for");
                last += tokens.get(last + 1).isCapitalised() ? 1 : 2;
            }
            if (last + 1 < end && tokens.get(last + 1).isPlainInteger() && !tokens.get(last + 1).joined()
                && tokens.get(last).isAllCaps() && !tokens.get(last).word().isFunction()) {
                last++; // "FTSE 100", "CAC 40", "S&P 500": an index is named by its number too
            }
            out.add(classify(tokens, k, last, Math.max(0, from), end));
            k = last + 1;
        }
    }

    /** A capitalised word continues the name begun at {@code k} (asked only where a name may start). */
    private boolean multiWord(List<Token> tokens, int k, int end) {
        return k + 1 < end && continuesName(tokens, k + 1, end, false) && tokens.get(k + 1).isCapitalised();
    }

    /**
     * "Labour won 411 seats." opening an article: a capitalised word that no lexicon knows as a
     * common word is taken for a name even at a sentence's start.
     */
    private boolean isUnknownWord(Token t) {
        String w = t.lower();
        String singular = lexicon.singular(w);
        return lexicon.topics.get(w) == null && lexicon.countedNouns.get(w) == null && lexicon.events.get(w) == null
            && lexicon.units.get(w) == null && (singular == null || lexicon.countedNouns.get(singular) == null)
            && !lexicon.reportingVerbs.containsKey(w);
    }

    private boolean startsName(List<Token> tokens, int k) {
        Token t = tokens.get(k);
        boolean currency = k + 1 < tokens.size() && tokens.get(k + 1).joined() && tokens.get(k + 1).type() == Token.Type.SYMBOL;
        return t.isCapitalised() && t.text().length() > 1 && !currency
            && lexicon.qualifiersBefore.matchForward(tokens, k, Math.min(tokens.size(), k + 4)) == null && !t.word().isFunction() && t.word().timeClass() == null && t.word().titleClass() == null
            && t.word().number() == null && t.word().reportingForm() == null && !lexicon.nonNames.contains(t.text());
    }

    /** "Bank of England", "Centers for Disease Control and Prevention": "and" joins only inside a linked name. */
    private boolean continuesName(List<Token> tokens, int k, int end, boolean linked) {
        Token t = tokens.get(k);
        // A plural's possessive is written as a bare apostrophe, which the tokenizer reads as a quote.
        boolean pluralPossessive = t.type() == Token.Type.QUOTE && t.joined() && k > 0 && tokens.get(k - 1).lower().endsWith("s");
        if ((t.type() == Token.Type.POSSESSIVE || pluralPossessive) && k + 1 < end && tokens.get(k + 1).isCapitalised()
            && tokens.get(k + 1).word().organisationHead()) {
            return true; // "the Rural People's Party", "the Farmers' League": one name
        }
        if (t.isCapitalised()) {
            boolean title = t.word().titleClass() != null
                && !(t.word().organisationHead() || k + 1 >= end || !tokens.get(k + 1).isCapitalised());
            return !t.joined() && t.word().timeClass() == null && !title
                && !t.word().isFunction() && t.word().reportingForm() == null;
        }
        return (t.is("of") || t.is("for") || t.is("&") || t.is("de") || t.is("and") && linked) && k + 1 < end && tokens.get(k + 1).isCapitalised()
            && !tokens.get(k + 1).word().isFunction() && tokens.get(k + 1).word().timeClass() == null;
    }

    private Name classify(List<Token> tokens, int first, int last, int sentenceFirst, int end) {
        PhraseTable.Match<String> entity = lexicon.entities.matchForward(tokens, first, last + 1);
        if (entity != null && entity.last() == last) {
            return new Name(first, last, entity.value(), Kind.COUNTRY);
        }
        PhraseTable.Match<String> place = lexicon.places.matchForward(tokens, first, last + 1);
        if (place != null && place.last() == last) {
            return new Name(first, last, Token.phrase(tokens, first, last + 1).replace(' ', '-'), Kind.PLACE);
        }
        if (first > 0 && tokens.get(first - 1).is("(") && last + 1 < end && tokens.get(last + 1).is(")")
            && !(first == last && tokens.get(first).isAllCaps()) || isDateline(tokens, first, last)) {
            return new Name(first, last, Token.phrase(tokens, first, last + 1).replace(' ', '-'), Kind.OTHER);
        }
        String country = countryOf(tokens, first, last);
        if (country != null) {
            return new Name(first, last, country, Kind.COUNTRY);
        }
        if (isPerson(tokens, first, last, sentenceFirst, end)) {
            return new Name(first, last, Token.phrase(tokens, first, last + 1).replace(' ', '-'), Kind.PERSON);
        }
        return new Name(first, last, key(tokens, first, last), Kind.ORGANISATION);
    }

    /** "chief executive Jensen Huang", "Jensen Huang said": a person, who speaks for a figure but does not hold it. */
    private boolean isPerson(List<Token> tokens, int first, int last, int sentenceFirst, int end) {
        if (first > sentenceFirst && tokens.get(first - 1).word().titleClass() != null) {
            return true;
        }
        boolean organisation = false;
        for (int k = first; k <= last; k++) {
            Token t = tokens.get(k);
            organisation |= t.word().organisationHead() || t.isAllCaps() || lexicon.nameSuffixes.contains(t.lower())
                || t.word().isFunction();
        }
        if (organisation || last == first || last - first > 2) {
            return false;
        }
        Token after = last + 1 < end ? tokens.get(last + 1) : null;
        return after != null && lexicon.speechVerbs.contains(after.lower());
    }

    /** "SANTA CLARA, California (Harbour Ledger) —": where the story was filed, at the start of a line. */
    private static boolean isDateline(List<Token> tokens, int first, int last) {
        for (int k = first; k <= last; k++) {
            if (!tokens.get(k).isAllCaps()) {
                return false;
            }
        }
        return last > first || tokens.get(first).lineStart() || first == 0;
    }

    /** "KYIV (Kyiv Wire) — ... Kyiv Wire cannot verify": the outlet that filed the story holds none of its figures. */
    private static List<Name> withoutOutlet(List<Name> names) {
        Set<String> outlets = new HashSet<>();
        for (Name n : names) {
            if (n.kind == Kind.OTHER) {
                outlets.add(n.key.toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (outlets.isEmpty()) {
            return names;
        }
        List<Name> out = new ArrayList<>(names.size());
        for (Name n : names) {
            boolean outlet = n.kind == Kind.ORGANISATION && outlets.contains(n.key);
            out.add(outlet ? new Name(n.first, n.last, n.key, Kind.OTHER) : n);
        }
        return out;
    }

    /** "President Volodymyr Zelensky ... Zelensky said": a person's surname alone names that person too. */
    private static List<Name> withSurnames(List<Name> names) {
        Set<String> surnames = new HashSet<>();
        for (Name n : names) {
            if (n.kind == Kind.PERSON && n.last > n.first) {
                surnames.add(n.key.substring(n.key.lastIndexOf('-') + 1));
            }
        }
        if (surnames.isEmpty()) {
            return names;
        }
        List<Name> out = new ArrayList<>(names.size());
        for (Name n : names) {
            boolean surname = n.kind == Kind.ORGANISATION && n.first == n.last && surnames.contains(n.key);
            out.add(surname ? new Name(n.first, n.last, n.key, Kind.PERSON) : n);
        }
        return out;
    }

    /**
     * "the Bank of England", "the National Bank of Ukraine", "the Ukrainian Air Force": a body named
     * after its country speaks and acts for it, as "Britain's central bank" does in other outlets.
     */
    private String countryOf(List<Token> tokens, int first, int last) {
        for (int k = first + 1; k < last; k++) {
            if (tokens.get(k).is("of")) {
                PhraseTable.Match<String> m = lexicon.entities.matchForward(tokens, k + 1, last + 1);
                if (m != null && m.last() == last) {
                    return m.value();
                }
            }
        }
        PhraseTable.Match<String> prefix = lexicon.entities.matchForward(tokens, first, last + 1);
        if (prefix == null) {
            return null;
        }
        for (int k = prefix.last() + 1; k <= last; k++) {
            Token t = tokens.get(k);
            if (!t.word().organisationHead() && t.word().titleClass() == null) {
                return null;
            }
        }
        return prefix.value();
    }

    /** The name's key: lower case, without "the", without a trailing corporate or trade word. */
    String key(List<Token> tokens, int first, int last) {
        int end = last;
        while (end > first && lexicon.nameSuffixes.contains(tokens.get(end).lower())
            && lexicon.entities.matchForward(tokens, first, end) == null) {
            end--;
        }
        StringBuilder sb = new StringBuilder();
        for (int k = first; k <= end; k++) {
            if (tokens.get(k).type() == Token.Type.POSSESSIVE) {
                continue; // "Rural People's Party" is rural-people
            }
            String w = tokens.get(k).lower();
            // The word's letters and digits go straight into the key, after a hyphen if a word came
            // before; a word with none of them (a dash, an ampersand) adds nothing.
            int before = sb.length();
            boolean separated = before == 0;
            for (int i = 0; i < w.length(); i++) {
                char ch = w.charAt(i);
                if (Character.isLetterOrDigit(ch)) {
                    if (!separated) {
                        sb.append('-');
                        separated = true;
                    }
                    sb.append(ch);
                }
            }
        }
        return sb.toString();
    }

    /**
     * Forms of one name that outlets use: an acronym defined in parentheses after a name, an
     * acronym spelt by a name's initials ("BoE", "Bank of England"), and a longer name whose
     * first words the article also uses as a name of their own ("Nordwind Motors Holdings", "Nordwind").
     */
    private Map<String, String> aliases(List<Name> names) {
        Map<String, String> aliases = new HashMap<>();
        Map<String, String> byInitials = new HashMap<>();
        for (Name n : names) {
            if (n.kind != Kind.ORGANISATION) {
                continue;
            }
            if (n.first != n.last) {
                byInitials.putIfAbsent(initials(n.key, false), n.key);
                byInitials.putIfAbsent(initials(n.key, true), n.key);
            }
        }
        Set<String> keys = new HashSet<>();
        for (Name n : names) {
            // "the Northmoor Regional Assembly" names the assembly, not a body called Northmoor: only a name
            // written on its own somewhere is one that a longer name ("Northmoor First") may be a form of.
            boolean alone = n.last + 1 >= tokens.size() || !tokens.get(n.last + 1).isCapitalised();
            if (n.kind == Kind.ORGANISATION && alone) {
                keys.add(n.key);
            }
        }
        for (Name n : names) {
            if (n.kind != Kind.ORGANISATION) {
                continue;
            }
            // "Nordwind Motors Holdings" and "Nordwind", "Steelworkers Union Local 318" and "Steelworkers Union":
            // the shortest name of the article that the longer one extends word by word.
            for (int dash = n.key.indexOf('-'); dash > 0; dash = n.key.indexOf('-', dash + 1)) {
                String prefix = n.key.substring(0, dash);
                if (keys.contains(prefix)) {
                    aliases.put(n.key, prefix);
                    break;
                }
            }
        }
        for (Name n : names) {
            if (n.kind == Kind.ORGANISATION && n.first == n.last && n.key.length() >= 2 && n.key.length() <= 6) {
                String expansion = byInitials.get(n.key);
                if (expansion != null) {
                    aliases.put(n.key, aliases.getOrDefault(expansion, expansion));
                }
            }
        }
        return aliases;
    }

    /** "bank-of-england" -> "boe", or without the small words "bureau-of-labor-statistics" -> "bls". */
    private static String initials(String key, boolean skipSmallWords) {
        StringBuilder sb = new StringBuilder();
        int start = 0;
        while (start <= key.length()) {
            int dash = key.indexOf('-', start);
            int end = dash < 0 ? key.length() : dash;
            // Each word between hyphens, read in place rather than split off as a string of its own.
            if (end > start && !(skipSmallWords && (isWord(key, start, end, "of") || isWord(key, start, end, "de")
                || isWord(key, start, end, "and")))) {
                sb.append(key.charAt(start));
            }
            start = end + 1;
        }
        return sb.toString();
    }

    private static boolean isWord(String key, int start, int end, String word) {
        return end - start == word.length() && key.startsWith(word, start);
    }
}
