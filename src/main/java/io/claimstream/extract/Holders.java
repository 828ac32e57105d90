package io.claimstream.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The holder slot of a subject frame: whose figure a claim is, when that is a named organisation,
 * party, company, team or product rather than a country. Most holders in the news are in no
 * lexicon, so names are found by their capitals and normalised so that outlets' forms of one name
 * meet: "the Nordwind group", "Nordwind Motors Corp" and "Nordwind" are all {@code nordwind}, and
 * an acronym defined in the text ("National Renewal Party (NRP)") or spelt by a name's initials
 * stands for that name. Countries are left to {@link SubjectKeys}' entity rules: a name that is a
 * country answers "no organisation holds this figure".
 */
final class Holders {

    /** How far before a figure a possessive may own it: "Nvidia's data centre revenue of $30.8bn". */
    private static final int POSSESSIVE_WINDOW = 7;
    /** How far before a figure its holder may be named: "Labour won 412 seats", "the Conservatives 121". */
    private static final int CLAUSE_WINDOW = 8;
    /** How many organisations back "the company" or "the party" looks for a name with its head word. */
    private static final int LOOK_BACK = 50;
    /** A relative clause set off by commas ("Nordwind, which supplies Veltra, ...") names no holder. */
    private static final Set<String> RELATIVES = Set.of("which", "who", "whose", "where", "whom");
    /** Prepositions after which a name is the object of something, not whose figure it is. */
    private static final Set<String> HOLDING_PREPOSITIONS = Set.of("of", "for", "at");

    /** OTHER: a name that holds no figure (an outlet's own name in its dateline). */
    enum Kind { ORGANISATION, COUNTRY, PLACE, PERSON, OTHER }

    /** A name in the text, tokens {@code first..last} inclusive. */
    record Name(int first, int last, String key, Kind kind) {
    }

    private final Lexicon lexicon;

    Holders(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** The names of one article, found once and consulted for each of its claims. */
    final class Index {
        private final List<Token> tokens;
        private final Name[] endingAt;
        private final List<Name> organisations = new ArrayList<>();
        /** Organisations and countries in text order, for what "its" and "their" refer to. */
        private final List<Name> holders = new ArrayList<>();
        private final String main;

        Index(List<Token> tokens, List<Sentence> sentences, String title) {
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
            Map<String, Integer> counts = new HashMap<>();
            Map<String, Integer> countryCounts = new HashMap<>();
            for (Name n : names) {
                Name resolved = n.kind == Kind.ORGANISATION && aliases.containsKey(n.key)
                    ? new Name(n.first, n.last, aliases.get(n.key), n.kind) : n;
                endingAt[n.last] = resolved;
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
            find(headline, -1, headline.size(), midSentence, inTitle);
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

        /** "its revenue", "their 12.2% share": the last organisation named before, or null when a country was. */
        private String latestHolderBefore(int k) {
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
        private String latestBefore(int k, Set<String> heads) {
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
    }

    /** Where any word is capitalised: a sentence's start, after a quote, a dash, a colon or a bracket. */
    private static boolean opensClause(List<Token> tokens, int k, int sentenceFirst) {
        if (k <= sentenceFirst) {
            return true;
        }
        Token before = tokens.get(k - 1);
        return before.type() == Token.Type.QUOTE || before.type() == Token.Type.DASH || before.is(":") || before.is("(");
    }

    Index index(List<Token> tokens, List<Sentence> sentences, String title) {
        return new Index(tokens, sentences, title);
    }

    /**
     * The organisation that holds the claim's figure, or null when none is named for it (the
     * country rules decide then). In order: a possessive owning the figure's phrase, then the
     * nearest name before the figure in its clause that is not the object of a preposition, a
     * person or a place; a country found first means the figure is not an organisation's.
     */
    String holder(Index index, List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        if (c.first > s.first() && tokens.get(c.first - 1).is("the")) {
            return null; // "of the 650 seats", "the 326-seat mark": a total, not a contender's
        }
        String owner = possessiveOwner(index, tokens, c);
        if (owner != null) {
            return owner;
        }
        int k = c.first - 1;
        int floor = Math.max(s.first(), c.first - CLAUSE_WINDOW);
        while (k >= floor) {
            Token t = tokens.get(k);
            if (t.is(",")) {
                k = skipRelativeClause(tokens, k, s);
                k--;
                continue;
            }
            if (t.is(";") || t.is(":")) {
                return null;
            }
            Name n = index.endingAt[k];
            if (n != null) {
                if (governed(tokens, n.first, s)) {
                    k = n.first - 1;
                    continue;
                }
                boolean acts = actsAsSubject(tokens, n.last, s) || listsFigure(tokens, n.last, c)
                    || opensRelativeClause(tokens, n.last, s);
                switch (n.kind) {
                    case ORGANISATION:
                        if (!acts) {
                            k = n.first - 1;
                            continue; // "the Palisades fire", "Iskander missiles": a name that modifies a noun
                        }
                        return speaks(tokens, n.last, s) ? null : n.key;
                    case COUNTRY:
                        return acts ? n.key : null; // "ahead of Australia on 18
                    default:
                        k = n.first - 1;
                        continue;
                }
            }
            if ((t.is("it") || t.is("they")) && (k == s.first() || !tokens.get(k - 1).isWord())) {
                return index.latestHolderBefore(k); // "It flew 24.6 million passengers": the holder named before
            }
            PhraseTable.Match<Set<String>> generic = lexicon.genericOrganisations.matchBackward(tokens, k, s.first());
            if (generic != null && !governed(tokens, generic.first(), s)) {
                return index.latestBefore(generic.first(), generic.value());
            }
            k--;
        }
        return null;
    }

    /** "Nvidia's quarterly revenue of $35bn", "the company's 81 cents": a possessive that owns the figure's phrase. */
    private String possessiveOwner(Index index, List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        for (int k = c.first - 1; k >= Math.max(s.first() + 1, c.first - POSSESSIVE_WINDOW); k--) {
            Token t = tokens.get(k);
            if (t.type() == Token.Type.PUNCT || t.word().reportingForm() != null) {
                return null;
            }
            if (t.is("its") || t.is("their")) {
                return index.latestHolderBefore(k);
            }
            if (t.type() != Token.Type.POSSESSIVE) {
                if (index.endingAt[k] != null) {
                    return null; // "Nigel Farage's Reform UK won": the nearer name, not its owner
                }
                continue;
            }
            Name n = index.endingAt[k - 1];
            if (n != null) {
                return n.kind == Kind.ORGANISATION ? n.key : null;
            }
            PhraseTable.Match<Set<String>> generic = lexicon.genericOrganisations.matchBackward(tokens, k - 1, s.first());
            return generic == null ? null : index.latestBefore(generic.first(), generic.value());
        }
        return null;
    }

    /**
     * "Nvidia reported", "Labour won", "Boeing has offered": the name is followed by a verb, so it
     * is the subject of its clause. Without a part-of-speech model a verb is a word the lexicons
     * call an event or a reporting verb, an auxiliary, or a past or present form by its ending.
     */
    private boolean actsAsSubject(List<Token> tokens, int last, Sentence s) {
        int k = last + 1;
        if (k < s.end() && tokens.get(k).is(",")) {
            return false;
        }
        if (k >= s.end() || !tokens.get(k).isWord() || tokens.get(k).isCapitalised()) {
            return false;
        }
        Token t = tokens.get(k);
        String w = t.lower();
        if ("auxiliary".equals(t.word().functionClass()) || t.word().reportingForm() != null
            || lexicon.events.get(w) != null) {
            return true;
        }
        boolean noun = lexicon.topics.get(w) != null || lexicon.countedNouns.get(w) != null
            || lexicon.placeNouns.contains(w) || lexicon.organisationHeads.contains(w);
        return !noun && !t.word().isFunction() && (w.endsWith("ed") || w.endsWith("es") || w.length() > 3 && w.endsWith("s")
            && !w.endsWith("ss"));
    }

    /** "Brackwater Rovers, who have 64 points", "Renewal, which holds 36 seats": the clause is about the name. */
    private static boolean opensRelativeClause(List<Token> tokens, int last, Sentence s) {
        return last + 2 < s.end() && tokens.get(last + 1).is(",") && RELATIVES.contains(tokens.get(last + 2).lower());
    }

    /** "Labour 412, the Conservatives 121", "Australia on 18", "France with 16": a name stated with its figure. */
    private static boolean listsFigure(List<Token> tokens, int last, Candidate c) {
        int k = last + 1;
        if (k < c.first && tokens.get(k).is(",")) {
            int close = k + 1;
            while (close < Math.min(c.first, k + 6) && !tokens.get(close).is(",")) {
                close++;
            }
            if (close < c.first && tokens.get(close).is(",")) {
                k = close + 1; // "France, the host nation, on 16": past the apposition
            }
        }
        if (k < c.first && (tokens.get(k).is("on") || tokens.get(k).is("with") || tokens.get(k).is("at"))) {
            k++;
        }
        return k == c.first || k == c.numberFirst;
    }

    /** "the agency said", "Nordwind, the carmaker, estimated": the name is the speaker of what follows. */
    private boolean speaks(List<Token> tokens, int last, Sentence s) {
        int k = last + 1;
        if (k < s.end() && tokens.get(k).type() == Token.Type.POSSESSIVE) {
            return false;
        }
        for (int seen = 0; k < s.end() && seen < 3; k++, seen++) {
            Token t = tokens.get(k);
            if (lexicon.speechVerbs.contains(t.lower())) {
                return true;
            }
            if (!(t.is("has") || t.is("had") || t.is("also") || t.is("on") || t.is("have"))) {
                return false;
            }
        }
        return false;
    }

    /** A name right after a preposition other than "of", "for" or "at" is that preposition's object. */
    private boolean governed(List<Token> tokens, int first, Sentence s) {
        int k = first - 1;
        if (k >= s.first() && tokens.get(k).is("the")) {
            k--;
        }
        if (k < s.first()) {
            return false;
        }
        Token before = tokens.get(k);
        return "preposition".equals(before.word().functionClass()) && !HOLDING_PREPOSITIONS.contains(before.lower())
            || before.is("than") || before.is("and") && k - 1 >= s.first() && tokens.get(k - 1).is("between");
    }

    /** At a comma scanning backwards: before an earlier ", which ... ," clause, or where we are. */
    private static int skipRelativeClause(List<Token> tokens, int comma, Sentence s) {
        for (int k = comma - 1; k >= Math.max(s.first(), comma - 20); k--) {
            if (tokens.get(k).is(",")) {
                return k + 1 < comma && RELATIVES.contains(tokens.get(k + 1).lower()) ? k : comma;
            }
        }
        return comma;
    }

    // ---- finding names ----

    /**
     * The names in tokens {@code from..end}. A capitalised word that opens a sentence (or any word
     * of a headline, {@code from} -1) is a name only where the text also capitalises it mid-sentence.
     */
    private void find(List<Token> tokens, int from, int end, Set<String> midSentence, List<Name> out) {
        int k = Math.max(0, from);
        while (k < end) {
            boolean multiWord = k + 1 < end && continuesName(tokens, k + 1, end, false) && tokens.get(k + 1).isCapitalised();
            if (!startsName(tokens, k) || (from < 0 || opensClause(tokens, k, from)) && !midSentence.contains(tokens.get(k).text())
                && !(multiWord && from >= 0) && !(from >= 0 && isUnknownWord(tokens.get(k)))
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
            String w = tokens.get(k).lower();
            StringBuilder word = new StringBuilder();
            for (int i = 0; i < w.length(); i++) {
                char ch = w.charAt(i);
                if (Character.isLetterOrDigit(ch)) {
                    word.append(ch);
                }
            }
            if (word.length() == 0) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('-');
            }
            sb.append(word);
        }
        return sb.toString();
    }

    /**
     * Forms of one name that outlets use: an acronym defined in parentheses after a name, an
     * acronym spelt by a name's initials ("BoE", "Bank of England"), and a longer name whose
     * first word the article also uses alone ("Nordwind Motors Holdings", "Nordwind").
     */
    private Map<String, String> aliases(List<Name> names) {
        Map<String, String> aliases = new HashMap<>();
        Set<String> single = new HashSet<>();
        Map<String, String> byInitials = new HashMap<>();
        for (Name n : names) {
            if (n.kind != Kind.ORGANISATION) {
                continue;
            }
            if (n.first == n.last) {
                single.add(n.key);
            } else {
                byInitials.putIfAbsent(initials(n.key, false), n.key);
                byInitials.putIfAbsent(initials(n.key, true), n.key);
            }
        }
        for (Name n : names) {
            if (n.kind != Kind.ORGANISATION) {
                continue;
            }
            int dash = n.key.indexOf('-');
            if (dash > 0 && single.contains(n.key.substring(0, dash))) {
                aliases.put(n.key, n.key.substring(0, dash));
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
        for (String w : key.split("-")) {
            if (!w.isEmpty() && !(skipSmallWords && (w.equals("of") || w.equals("de") || w.equals("and")))) {
                sb.append(w.charAt(0));
            }
        }
        return sb.toString();
    }
}
