package io.claimstream.extract;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Gives each claim a subject key (what is quantified) and a claim key (that subject, the figure
 * and its unit). A subject key reads {@code holder/measure[/scope][@period]}: the country or
 * body the figure belongs to ("russia"); the measure, which is the class of what is counted or
 * the topic of a sum, share or measure ("soldier", "inflation", "capacity-power") with the event
 * bound to the figure ("soldier-killed", "revenue-change"); a named place as its scope ("kursk");
 * and the period stated with it ("2024", "2025-01", "per-day-2025-02-14"). Aliases fold through
 * the lexicons, so the same subject in other words gets the same key: "Russian troops killed",
 * "Moscow's soldiers ... dead"; "a transfer fee of", "a deal worth".
 */
final class SubjectKeys {

    private static final int EVENT_WINDOW = 4;
    private static final int ENTITY_WINDOW = 25;
    private static final int TOPIC_WINDOW = 12;
    private static final String NONE = "-";
    /** Things that are fired or flown at a target: "sent" or "used" means launched. */
    private static final Set<String> WEAPONS = Set.of("drone", "missile", "bomb", "shell", "rocket");
    /** People who are captured or freed are prisoners, whatever the article calls them. */
    private static final Set<String> PEOPLE = Set.of("soldier", "person", "prisoner", "civilian");

    private final Lexicon lexicon;
    private final CountedNouns countedNouns;
    private final Periods periods;
    private final Holders holders;

    SubjectKeys(Lexicon lexicon, CountedNouns countedNouns) {
        this.lexicon = lexicon;
        this.countedNouns = countedNouns;
        this.periods = new Periods(lexicon);
        this.holders = new Holders(lexicon);
    }

    void assign(ArticleText article, List<Token> tokens, List<Sentence> sentences, List<Candidate> claims) {
        LocalDate published = article.published() == null ? null : article.published().atZone(ZoneOffset.UTC).toLocalDate();
        EntityIndex index = new EntityIndex(tokens);
        String dominant = index.dominant(article.title());
        Holders.Index names = holders.index(tokens, sentences, article.title());
        LocalDate ledeDay = published == null ? null : periods.ledeDay(tokens, sentences, published);
        List<Parts> assigned = new ArrayList<>();
        Parts lastCount = null;
        Candidate previous = null;
        for (Candidate c : claims) {
            boolean share = isShareOfGroup(tokens, c) && lastCount != null;
            String thing = share ? lastCount.thing + "-share" : thing(tokens, c);
            Parts antecedent = share ? lastCount : antecedent(assigned, thing);
            // What is done with a sum or a share varies with the telling ("spent", "pledged",
            // "raised"); its topic says what it is.
            boolean eventless = c.kind == QuantityKind.MONEY || c.kind == QuantityKind.PERCENT;
            String event = eventless ? NONE : impliedEvent(c);
            if (event.equals(NONE) && !eventless) {
                event = event(tokens, c);
            }
            if (event.equals(NONE) && !eventless && previous != null && previous.sentence == c.sentence
                && listed(tokens, previous, c)) {
                event = assigned.get(assigned.size() - 1).event; // "10,127 tanks, ... and 23,402 systems as destroyed"
            }
            if (WEAPONS.contains(thing) && event.equals("deployed")) {
                event = "launched";
            }
            if (PEOPLE.contains(thing) && (event.equals("freed") || event.equals("captured") || event.equals("received"))) {
                thing = "prisoner";
                event = event.equals("received") ? "freed" : event; // "received 150 servicemen" in a swap
            }
            String contender = lexicon.contestedMeasures.contains(thing) ? holders.holder(names, tokens, c) : null;
            String entity = contender != null ? contender : entity(tokens, index, c, antecedent, share, dominant);
            if (antecedent != null && event.equals(NONE) && refersBack(c, share)) {
                event = antecedent.event; // "the running total went past 850,000"
            }
            String period = period(tokens, c, published, ledeDay, thing, event);
            if (c.change != null) {
                event = event.equals(NONE) ? "change" : event + "-change";
            }
            String place = place(tokens, c);
            if (place.isEmpty() && refersBack(c, share) && antecedent != null) {
                place = antecedent.place;
            }
            Parts parts = new Parts(entity, thing, event, place, period, c.sentence.index());
            assigned.add(parts);
            if (c.kind == QuantityKind.COUNT) {
                lastCount = parts;
            }
            c.subjectKey = parts.key();
            c.subject = parts.label();
            c.claimKey = c.subjectKey + "=" + canonical(c.value) + (c.valueHigh == null ? "" : "-" + canonical(c.valueHigh))
                + (c.kind == QuantityKind.COUNT ? "" : c.unit);
            previous = c;
        }
    }

    /** "19 deaths", "10,000-plus evacuees": the counted noun names the event itself. */
    private String impliedEvent(Candidate c) {
        if (c.kind != QuantityKind.COUNT || c.unit == null || c.bareCount || c.pronounCount) {
            return NONE;
        }
        Lexicon.CountedNoun noun = lexicon.countedNouns.get(c.unit);
        return noun == null || noun.event() == null ? NONE : noun.event();
    }

    private static boolean refersBack(Candidate c, boolean share) {
        return c.pronounCount || c.partitive || c.bareCount || share;
    }

    /**
     * Whose figure it is: an entity in the claim; for a part of a group named before ("3,000 of
     * them", "half of them", "including about 300 dead") that group's; else the nearest entity
     * before it in the sentence, the country a speaker speaks for, or the article's own.
     */
    private String entity(List<Token> tokens, EntityIndex index, Candidate c, Parts antecedent, boolean share,
                          String dominant) {
        String entity = entityInClaim(tokens, index, c);
        if (!entity.equals(NONE)) {
            return entity;
        }
        boolean sameSentence = antecedent != null && antecedent.sentence == c.sentence.index();
        if (antecedent != null && (c.pronounCount || c.partitive || share || c.bareCount && sameSentence)) {
            return antecedent.entity;
        }
        entity = entityBefore(tokens, index, c);
        if (entity.equals(NONE) && antecedent != null && c.bareCount) {
            entity = antecedent.entity;
        }
        if (entity.equals(NONE)) {
            entity = sourceOwner(tokens, index, c); // "The Ukrainian leader ... said 43,000 soldiers had died"
        }
        return entity.equals(NONE) ? dominant : entity;
    }

    /**
     * The period stated with the figure; one-off events (a barrage, an exchange) and daily counts
     * also carry the day they happened, so each night's barrage is a subject of its own. Levels
     * that hold until changed (a key rate) carry none.
     */
    private String period(List<Token> tokens, Candidate c, LocalDate published, LocalDate ledeDay, String thing, String event) {
        String period = periods.of(tokens, c, published);
        if (lexicon.timelessTopics.contains(thing)) {
            return "";
        }
        boolean once = lexicon.onceEvents.contains(event) || period.equals("per-day") || period.equals("per-week");
        if (published == null || !once) {
            return period;
        }
        LocalDate day = periods.eventDay(tokens, c, published, ledeDay);
        if (period.equals("per-week")) {
            return "per-week-" + day.minusDays(day.getDayOfWeek().getValue() - 1L); // the week's Monday
        }
        return period.isEmpty() ? day.toString() : period + "-" + day;
    }

    /** "roughly half of them", "more than a third of the prisoners": a share of a group named before. */
    private static boolean isShareOfGroup(List<Token> tokens, Candidate c) {
        if (c.kind != QuantityKind.FRACTION && c.kind != QuantityKind.PERCENT) {
            return false;
        }
        int k = c.last + 1;
        if (k + 1 >= c.sentence.end() || !tokens.get(k).is("of")) {
            return false;
        }
        Token next = tokens.get(k + 1);
        return next.is("them") || next.is("those") || next.is("which") || next.is("whom") || next.is("these");
    }

    /** Two figures of one list: only commas and "and" stand between them. */
    private static boolean listed(List<Token> tokens, Candidate first, Candidate next) {
        for (int k = first.last + 1; k < next.first; k++) {
            if (!(tokens.get(k).is(",") || tokens.get(k).is("and"))) {
                return false;
            }
        }
        return true;
    }

    private record Parts(String entity, String thing, String event, String place, String period, int sentence) {

        /**
         * {@code holder/measure[/scope][@period]}, the frame of DESIGN.md: the measure is what is
         * counted and what happened to it ("person-killed", "revenue-change"). Whoever changes
         * what this renders bumps {@link SubjectKeyScheme#VERSION}.
         */
        String key() {
            return entity + "/" + thing + (event.equals(NONE) ? "" : "-" + event) + (place.isEmpty() ? "" : "/" + place)
                + (period.isEmpty() ? "" : "@" + period);
        }

        String label() {
            StringBuilder sb = new StringBuilder(thing.replace('_', ' ').replace('-', ' '));
            if (!event.equals(NONE)) {
                sb.append(' ').append(event.replace('-', ' '));
            }
            if (!entity.equals(NONE)) {
                sb.append(" (").append(entity.replace('-', ' ')).append(')');
            }
            if (!place.isEmpty()) {
                sb.append(" in ").append(place.replace('-', ' '));
            }
            if (!period.isEmpty()) {
                sb.append(", ").append(period);
            }
            return sb.toString();
        }
    }

    private static final Set<String> BE_OR_HAVE = Set.of("been", "were", "was", "are", "is", "be", "had", "have", "has");

    /** "soldiers and national guardsmen returned": "and" joins nouns, not clauses. */
    private boolean nounFollows(List<Token> tokens, int and, Sentence s) {
        Token next = and + 1 < s.end() ? tokens.get(and + 1) : null;
        return next != null && next.isWord() && !next.isCapitalised() && !next.word().isFunction()
            && lexicon.events.get(next.lower()) == null && !(next.word().reportingForm() != null);
    }

    /** A comma inside a list of nouns: lower-case words and "and" up to the next comma or verb. */
    private boolean continuesNounList(List<Token> tokens, int comma, Sentence s) {
        int k = comma + 1;
        int words = 0;
        while (k < s.end() && tokens.get(k).isWord() && !tokens.get(k).isCapitalised()
            && lexicon.events.get(tokens.get(k).lower()) == null && words < 4) {
            if (tokens.get(k).word().isFunction() && !tokens.get(k).is("and")) {
                return false;
            }
            k++;
            words++;
        }
        return words > 0;
    }

    private static Parts antecedent(List<Parts> assigned, String thing) {
        for (int i = assigned.size() - 1; i >= 0; i--) {
            if (assigned.get(i).thing.equals(thing)) {
                return assigned.get(i);
            }
        }
        return null;
    }

    // ---- thing ----

    /** The class of what is counted, or the topic a sum, share or measure is about. */
    private String thing(List<Token> tokens, Candidate c) {
        if (c.kind == QuantityKind.COUNT) {
            if (c.unit == null) {
                return "count";
            }
            Lexicon.CountedNoun noun = lexicon.countedNouns.get(c.unit);
            if (noun == null && lexicon.demonymPlurals.get(c.unit + "s") != null) {
                return "person";
            }
            return noun == null ? c.unit.replace(' ', '-') : noun.subjectClass();
        }
        String topic = c.kind == QuantityKind.MONEY || c.kind == QuantityKind.PERCENT ? attributiveTopic(tokens, c) : null;
        if (topic == null) {
            topic = ofComplement(tokens, c);
        }
        if (topic == null) {
            topic = topic(tokens, c);
        }
        String dimension = dimension(c);
        if (topic == null || topic.equals(dimension)) {
            return dimension;
        }
        return topic + (c.kind == QuantityKind.MEASURE ? "-" + dimension : "");
    }

    private static String dimension(Candidate c) {
        return switch (c.kind) {
            case MONEY -> "money";
            case PERCENT -> c.unit.equals("percentage_point") ? "points" : "share";
            case FRACTION -> "share";
            default -> switch (c.unit) {
                case "km2", "mi2", "ha", "acre", "m2" -> "area";
                case "km", "mi", "m", "cm", "mm", "ft", "inch", "yd", "nmi" -> "length";
                case "w", "kw", "mw", "gw", "tw", "hp", "bhp" -> "power";
                case "wh", "kwh", "mwh", "gwh", "twh", "mah" -> "energy";
                case "t", "kg", "g", "mg", "oz", "lb" -> "mass";
                case "mb", "gb", "tb" -> "storage";
                case "kbps", "mbps", "gbps" -> "data-rate";
                case "hz", "khz", "mhz", "ghz" -> "frequency";
                case "celsius", "fahrenheit" -> "temperature";
                case "l", "m3", "gal", "barrel" -> "volume";
                case "mph", "km/h", "kn" -> "speed";
                default -> c.unit;
            };
        };
    }

    /**
     * The topic word nearest before the figure in its sentence ("inflation rose to 12%", "the
     * rate ... from the 25% it had held"), else the nearest after it ("a EUR500 billion fund").
     * A measure's topic stands close to it ("generating capacity"), not across the sentence.
     */
    private String topic(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        int floor = c.kind == QuantityKind.MEASURE ? Math.max(s.first(), c.first - 6) : s.first();
        for (int k = c.first - 1; k >= floor; k--) {
            String topic = topicAt(tokens, k);
            if (topic != null) {
                return topic;
            }
        }
        for (int k = c.last + 1; k < Math.min(s.end(), c.last + TOPIC_WINDOW); k++) {
            String topic = topicAt(tokens, k);
            if (topic != null) {
                return topic;
            }
        }
        return null;
    }

    private String topicAt(List<Token> tokens, int k) {
        Token t = tokens.get(k);
        if (!t.isWord() || t.isCapitalised() && k > 0 && tokens.get(k - 1).isCapitalised()
            && !lexicon.timelessTopics.contains(String.valueOf(lexicon.topics.get(t.lower())))) {
            return null; // "the International Monetary Fund's board" names no topic; "Bank Rate" does
        }
        PhraseTable.Match<String> named = lexicon.entities.matchBackward(tokens, k, Math.max(0, k - 2));
        if (named != null && named.first() < k) {
            return null; // "prices in the euro area rose": "area" ends a name, not a topic
        }
        PhraseTable.Match<String> m = lexicon.topics.matchBackward(tokens, k, Math.max(0, k - 2));
        if (m != null && m.first() == m.last() && lexicon.deferringTopics.contains(t.lower()) && k > 0) {
            String before = lexicon.topics.get(tokens.get(k - 1).lower());
            if (before != null) {
                return before; // "military aid worth 0.25% of GDP" is aid
            }
        }
        return m == null || isRatioBase(tokens, k) ? null : m.value();
    }

    /** "$15.6 billion lending program", "a EUR100 billion special fund": the head of the noun phrase the sum modifies. */
    private String attributiveTopic(List<Token> tokens, Candidate c) {
        String topic = null;
        for (int k = c.last + 1; k < Math.min(c.sentence.end(), c.last + 4); k++) {
            Token t = tokens.get(k);
            if (!t.isWord() || t.isCapitalised() || t.word().isFunction()) {
                break;
            }
            String found = lexicon.topics.get(t.lower());
            topic = found == null ? topic : found;
        }
        return topic;
    }

    /** "27.4% of the vote", "95% of ballots": the whole a share is taken of says what it is about. */
    private String ofComplement(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        int k = c.last + 1;
        if (k >= s.end() || !tokens.get(k).is("of")) {
            return null;
        }
        int limit = Math.min(s.end(), k + 6);
        for (int j = k + 1; j < limit; j++) {
            Token t = tokens.get(j);
            if (!t.isWord()) {
                return null;
            }
            String w = t.lower();
            if ("determiner".equals(t.word().functionClass()) || t.isCapitalised() || t.type() == Token.Type.POSSESSIVE
                || lexicon.entities.get(t.text()) != null) {
                continue; // "of the", "of Ukraine's"
            }
            if (j + 1 < s.end() && tokens.get(j + 1).type() == Token.Type.POSSESSIVE) {
                int owned = skipFigure(tokens, j + 2, s);
                limit = Math.min(s.end(), owned + 3);
                j = owned - 1;
                continue; // "of the country's roughly 620,000 bridges": the possessor owns the thing
            }
            if (t.word().isFunction() || isRatioBase(tokens, j)) {
                return null; // "of them", "of GDP", "of gross domestic product"
            }
            String topic = lexicon.topics.get(w);
            if (topic != null) {
                return topic;
            }
            Token next = j + 1 < s.end() ? tokens.get(j + 1) : null;
            if (next != null && next.isWord() && !next.isCapitalised() && !next.word().isFunction()
                && lexicon.events.get(next.lower()) == null) {
                continue; // "of fiscal room", "of domestic gas output": the head comes last
            }
            String singular = lexicon.singular(w);
            return singular == null ? w : singular;
        }
        return null;
    }

    /** The token after a qualifier and figure that may follow a possessive ("roughly 620,000"). */
    private int skipFigure(List<Token> tokens, int k, Sentence s) {
        int j = k;
        PhraseTable.Match<Qualifier> q = j < s.end() ? lexicon.qualifiersBefore.matchForward(tokens, j, s.end()) : null;
        if (q != null) {
            j = q.last() + 1;
        }
        while (j < s.end() && tokens.get(j).isNumber()) {
            j++;
        }
        return j;
    }

    /** "1.5% of GDP", "of gross domestic product": the base of a share, not what it is about. */
    private static boolean isRatioBase(List<Token> tokens, int k) {
        Token t = tokens.get(k);
        return t.is("gdp") || t.is("gross") && k + 1 < tokens.size() && tokens.get(k + 1).is("domestic")
            || t.is("output") && k >= 1 && (tokens.get(k - 1).is("of") || tokens.get(k - 1).is("economic"))
            || t.is("total");
    }

    // ---- place ----

    /**
     * A named place or event the figure belongs to: "in the Kursk region", "in Kentucky" after
     * the figure, or "The Palisades fire ... has burned" before it. Countries are entities, not places.
     */
    private String place(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        for (int k = c.last + 1; k < Math.min(s.end(), c.last + 9); k++) {
            Token t = tokens.get(k);
            if (t.type() == Token.Type.PUNCT) {
                break;
            }
            if ((t.is("in") || t.is("near") || t.is("around") || t.is("across")) && k + 1 < s.end()) {
                int name = tokens.get(k + 1).is("the") ? k + 2 : k + 1;
                String place = nameAt(tokens, name, s, false);
                if (place != null) {
                    return place;
                }
            }
        }
        for (int k = c.first - 1; k >= Math.max(s.first(), c.first - 20); k--) {
            String place = nameAt(tokens, k, s, true);
            if (place != null) {
                return place;
            }
        }
        return "";
    }

    /** The capitalised name at {@code k} as a key part, when it is a place (or, with a place noun, an event). */
    private String nameAt(List<Token> tokens, int k, Sentence s, boolean needsPlaceNoun) {
        if (k >= s.end() || !tokens.get(k).isCapitalised() || k == s.first() || tokens.get(k).word().isFunction()) {
            return null;
        }
        if (k > s.first() && tokens.get(k - 1).isCapitalised() && !tokens.get(k - 1).word().isFunction()) {
            return null; // counted from the name's first word
        }
        int end = k;
        while (end < s.end() && tokens.get(end).isCapitalised() && tokens.get(end).word().timeClass() == null) {
            end++;
        }
        boolean placeNoun = end < s.end() && lexicon.placeNouns.contains(tokens.get(end).lower());
        if (end == k || needsPlaceNoun && !placeNoun || end < s.end() && tokens.get(end).type() == Token.Type.POSSESSIVE) {
            return null;
        }
        if (lexicon.entities.get(Token.phrase(tokens, k, end, true)) != null) {
            return null;
        }
        for (int j = k; j < end; j++) {
            if (tokens.get(j).word().organisationHead() || (tokens.get(j).word().titleClass() != null)) {
                return null; // a source, not a place
            }
        }
        return Token.phrase(tokens, k, end).replace(' ', '-');
    }

    // ---- event ----

    /**
     * The event word bound to the figure: right after it ("46,000 soldiers killed", "troops had
     * been wounded") or the verb right before it ("lost another 1,150", "shot down 34 of").
     * Words further away describe other things in the sentence.
     */
    private String event(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        String near = null;
        for (int k = c.last + 1, taken = 0; k < s.end() && taken < 12; k++, taken++) {
            Token t = tokens.get(k);
            if (t.is(",") && continuesNounList(tokens, k, s)) {
                continue; // "150 soldiers, border guards and national guardsmen returned home"
            }
            if (t.type() == Token.Type.PUNCT || t.is("to") || t.is("for") || t.is("after") || t.is("since")
                || t.is("because") || t.is("while") || t.is("when") || t.isNumber() || (t.word().number() != null)
                || (t.word().reportingForm() != null) && !BE_OR_HAVE.contains(tokens.get(k - 1).lower())
                || t.is("and") && !nounFollows(tokens, k, s)) {
                break; // another clause: "dispatched 1,000 troops to replace its losses", "... and said 600,000 ..."
            }
            PhraseTable.Match<String> m = lexicon.events.matchForward(tokens, k, s.end());
            if (m == null) {
                continue;
            }
            Token before = tokens.get(k - 1);
            if (BE_OR_HAVE.contains(before.lower())) {
                return m.value(); // the main verb: "soldiers sent to Russia have been killed"
            }
            if (near == null && k - c.last <= 4) {
                near = m.value();
            }
        }
        if (near != null) {
            return near;
        }
        // A bare figure takes the event its clause names ("the number of people killed ... has risen to 41").
        int window = c.bareCount ? Integer.MAX_VALUE / 2 : EVENT_WINDOW;
        for (int k = c.first - 1; k >= Math.max(s.first(), c.first - window); k--) {
            if (tokens.get(k).type() == Token.Type.PUNCT) {
                break;
            }
            PhraseTable.Match<String> m = lexicon.events.matchBackward(tokens, k, s.first());
            if (m != null) {
                return m.value();
            }
        }
        for (int k = c.first; k <= c.last; k++) {
            PhraseTable.Match<String> m = lexicon.events.matchForward(tokens, k, c.last + 1);
            if (m != null) {
                return m.value();
            }
        }
        return NONE;
    }

    // ---- entity ----

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
    private final class EntityIndex {
        final String[] key;
        final int[] end;
        private final List<Token> tokens;
        private final Boolean[] owns;
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
            return counts.size() == 1 ? counts.keySet().iterator().next() : datelineEntity();
        }

        /**
         * "MANILA (Capital Bulletin) —", "NEW YORK, Aug 29 (...)": where the story was filed, the
         * last resort for an article that names no entity of its own more than once.
         */
        private String datelineEntity() {
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

        boolean ownsSource(int k, Sentence s) {
            if (owns[k] == null) {
                owns[k] = SubjectKeys.this.ownsSource(tokens, k, end[k], s);
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
            || w.equals("officials") || w.equals("analysts") || w.equals("leader") || w.equals("leaders")
            || w.equals("forces") || w.equals("estimates") || w.equals("figures") || w.equals("data");
    }

    /** A whole number to six significant digits, halves away from zero, as BigDecimal would. */
    private static long roundToSignificant(long value) {
        long abs = Math.abs(value);
        long scale = 1;
        while (abs / scale >= 1_000_000L) {
            scale *= 10;
        }
        if (scale == 1) {
            return value;
        }
        long rounded = (abs + scale / 2) / scale * scale;
        return value < 0 ? -rounded : rounded;
    }

    /** The figure in canonical form: six significant digits, no exponent, no trailing zeros. */
    static String canonical(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString(roundToSignificant((long) value));
        }
        BigDecimal d = new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }
}
