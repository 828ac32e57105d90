package io.claimstream.extract;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Gives each claim a subject key (what is quantified) and a claim key (that subject, the figure
 * and its unit). A subject key reads {@code entity/thing/event[@period]}: the country or body
 * the figure belongs to ("russia"), the class of what is counted or measured ("soldier",
 * "inflation", "area"), the event ("killed", "launched") and, when stated next to the figure, the
 * period ("2024", "2025-01", "day"). Aliases fold through the lexicons, so the same subject in
 * other words gets the same key: "Russian troops killed", "Moscow's soldiers ... dead".
 */
final class SubjectKeys {

    private static final int EVENT_WINDOW = 4;
    private static final int ENTITY_WINDOW = 25;
    private static final int TOPIC_WINDOW = 12;
    private static final int PERIOD_WINDOW = 6;
    private static final String NONE = "-";
    private static final Set<String> RATE_WORDS = Set.of("day", "week", "month", "year");
    private static final Set<String> DAILY = Set.of("daily");

    private final Lexicon lexicon;
    private final CountedNouns countedNouns;

    SubjectKeys(Lexicon lexicon, CountedNouns countedNouns) {
        this.lexicon = lexicon;
        this.countedNouns = countedNouns;
    }

    void assign(ArticleText article, List<Token> tokens, List<Candidate> claims) {
        LocalDate published = article.published() == null ? null : article.published().atZone(ZoneOffset.UTC).toLocalDate();
        List<Parts> assigned = new ArrayList<>();
        EntityIndex index = new EntityIndex(tokens);
        String dominant = index.dominant();
        LocalDate articleEventDay = published == null ? null : articleEventDay(tokens, published);
        Candidate previous = null;
        for (Candidate c : claims) {
            String thing = thing(tokens, c);
            String event = event(tokens, c);
            if (event.equals(NONE) && previous != null && previous.sentence == c.sentence && listed(tokens, previous, c)) {
                event = assigned.get(assigned.size() - 1).event; // "10,127 tanks, 21,342 vehicles and 23,402 systems as destroyed"
            }
            String entity = entityInClaim(tokens, index, c);
            Parts antecedent = antecedent(assigned, thing);
            boolean refersBack = c.pronounCount || c.partitive || c.bareCount;
            if (antecedent != null && (c.pronounCount || c.partitive)) {
                // "more than 3,000 of them", "2,700 of the troops", "went past 850,000": the subject named before.
                entity = entity.equals(NONE) ? antecedent.entity : entity;
                event = event.equals(NONE) ? antecedent.event : event;
            }
            if (entity.equals(NONE)) {
                entity = entityBefore(tokens, index, c);
            }
            if (antecedent != null && c.bareCount && !c.pronounCount && !c.partitive) {
                entity = entity.equals(NONE) ? antecedent.entity : entity;
                event = event.equals(NONE) ? antecedent.event : event;
            }
            if (entity.equals(NONE)) {
                entity = sourceOwner(tokens, index, c); // "The Ukrainian leader ... said 43,000 soldiers had died"
            }
            if (entity.equals(NONE)) {
                entity = dominant; // the country the article is about
            }
            String period = period(tokens, c, published);
            if (published != null && (lexicon.onceEvents.contains(event) || period.equals("per-day"))) {
                // Each night's barrage, each exchange, each day's losses is a subject of its own.
                String date = eventDate(tokens, c, published, articleEventDay, period.equals("per-day"));
                period = period.isEmpty() ? date : period + "-" + date;
            }
            if (c.change != null) {
                event = event.equals(NONE) ? "change" : event + "-change";
            }
            String place = place(tokens, c);
            if (place.isEmpty() && refersBack && antecedent != null && antecedent.thing.equals(thing)) {
                place = antecedent.place;
            }
            Parts parts = new Parts(entity, thing, event, place, period);
            assigned.add(parts);
            c.subjectKey = parts.key();
            c.subject = parts.label();
            c.claimKey = c.subjectKey + "=" + canonical(c.value) + (c.valueHigh == null ? "" : "-" + canonical(c.valueHigh))
                + (c.kind == QuantityKind.COUNT ? "" : c.unit);
            previous = c;
        }
    }

    /** Two figures of one list: only commas, "and" and the first one's words stand between them. */
    private static boolean listed(List<Token> tokens, Candidate first, Candidate next) {
        for (int k = first.last + 1; k < next.first; k++) {
            if (!(tokens.get(k).is(",") || tokens.get(k).is("and"))) {
                return false;
            }
        }
        return true;
    }

    private record Parts(String entity, String thing, String event, String place, String period) {

        String key() {
            return entity + "/" + thing + "/" + event + (place.isEmpty() ? "" : "/" + place)
                + (period.isEmpty() ? "" : "@" + period);
        }

        String label() {
            StringBuilder sb = new StringBuilder(thing.replace('_', ' '));
            if (!event.equals(NONE)) {
                sb.append(' ').append(event.replace('-', ' '));
            }
            if (!entity.equals(NONE)) {
                sb.append(" (").append(entity.replace('-', ' ')).append(')');
            }
            if (!place.isEmpty() && !place.startsWith("article-")) {
                sb.append(" in ").append(place.replace('-', ' '));
            }
            if (!period.isEmpty()) {
                sb.append(", ").append(period);
            }
            return sb.toString();
        }
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
        String topic = topic(tokens, c);
        if (topic == null) {
            topic = ofComplement(tokens, c);
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
                case "km", "mi", "m", "cm", "mm", "ft", "in", "yd", "nmi" -> "length";
                case "mw", "gw", "kw" -> "power";
                case "mwh", "gwh", "twh", "kwh" -> "energy";
                case "t", "kg", "g" -> "mass";
                case "l", "m3", "gal", "barrel" -> "volume";
                case "mph", "km/h", "kn" -> "speed";
                default -> c.unit;
            };
        };
    }

    /**
     * The topic word nearest before the figure in its sentence ("inflation rose to 12%", "the
     * rate ... from the 25% it had held"), else the nearest after it ("a EUR500 billion fund").
     */
    private String topic(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        for (int k = c.first - 1; k >= s.first(); k--) {
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
        String topic = t.isWord() ? lexicon.topics.get(t.lower()) : null;
        return topic == null || isRatioBase(tokens, k) ? null : topic;
    }

    /** "27.4% of the vote", "95% of ballots": the whole a share is taken of says what it is about. */
    private String ofComplement(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        int k = c.last + 1;
        if (k >= s.end() || !tokens.get(k).is("of")) {
            return null;
        }
        for (int j = k + 1; j < Math.min(s.end(), k + 5); j++) {
            Token t = tokens.get(j);
            if (!t.isWord()) {
                return null;
            }
            String w = t.lower();
            if (lexicon.isFunctionWord(w) || t.isCapitalised() || lexicon.entities.get(t.text()) != null) {
                continue;
            }
            if (w.equals("gdp") || w.equals("total")) {
                return null;
            }
            String singular = lexicon.singular(w);
            return singular == null ? w : singular;
        }
        return null;
    }

    /** "1.5% of GDP": GDP is the base of the share, not what it is about. */
    private static boolean isRatioBase(List<Token> tokens, int k) {
        return k >= 1 && tokens.get(k - 1).is("of") && (tokens.get(k).is("gdp") || tokens.get(k).is("output"));
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
        if (k >= s.end() || !tokens.get(k).isCapitalised() || k == s.first() || lexicon.isFunctionWord(tokens.get(k).lower())) {
            return null;
        }
        if (k > s.first() && tokens.get(k - 1).isCapitalised() && !lexicon.isFunctionWord(tokens.get(k - 1).lower())) {
            return null; // counted from the name's first word
        }
        int end = k;
        while (end < s.end() && tokens.get(end).isCapitalised() && lexicon.timeWords.get(tokens.get(end).lower()) == null) {
            end++;
        }
        if (end == k || lexicon.entities.get(Token.phrase(tokens, k, end, true)) != null) {
            return null;
        }
        boolean placeNoun = end < s.end() && lexicon.placeNouns.contains(tokens.get(end).lower());
        if (needsPlaceNoun && !placeNoun || end < s.end() && tokens.get(end).type() == Token.Type.POSSESSIVE) {
            return null;
        }
        for (int j = k; j < end; j++) {
            if (lexicon.organisationHeads.contains(tokens.get(j).lower()) || lexicon.titles.containsKey(tokens.get(j).lower())) {
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
        int after = Math.min(s.end(), c.last + 5);
        for (int k = c.last + 1; k < after; k++) {
            Token t = tokens.get(k);
            if (t.type() == Token.Type.PUNCT || t.is("to") || t.is("for") || t.is("after") || t.is("since")
                || t.is("because") || t.is("while") || t.is("when")) {
                break; // another clause: "dispatched 1,000 troops to replace its losses"
            }
            PhraseTable.Match<String> m = lexicon.events.matchForward(tokens, k, s.end());
            if (m != null) {
                return m.value();
            }
        }
        for (int k = c.first - 1; k >= Math.max(s.first(), c.first - EVENT_WINDOW); k--) {
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
     * The country or body the figure belongs to: one named inside the claim ("Russian tanks",
     * "of Pyongyang's soldiers"), else the nearest one in its sentence that is not merely the
     * owner of a source ("Ukraine's General Staff said").
     */
    /**
     * An entity inside the claim ("Russian tanks", "of Pyongyang's soldiers"), its owner right after
     * it ("9 gigawatts of Ukraine's generating capacity"), or what "their"/"its" in it refers to.
     */
    private String entityInClaim(List<Token> tokens, EntityIndex index, Candidate c) {
        for (int k = c.first; k <= c.last; k++) {
            if (index.key[k] != null && index.end[k] <= c.last) {
                return index.key[k];
            }
        }
        Sentence s = c.sentence;
        int k = c.last + 1;
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
            && !lexicon.titles.containsKey(tokens.get(next).lower()) && !lexicon.organisationHeads.contains(tokens.get(next).lower())
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

        EntityIndex(List<Token> tokens) {
            this.tokens = tokens;
            int n = tokens.size();
            key = new String[n];
            end = new int[n];
            owns = new Boolean[n];
            for (int k = 0; k < n; k++) {
                PhraseTable.Match<String> m = tokens.get(k).isCapitalised() ? lexicon.entities.matchForward(tokens, k, n) : null;
                if (m != null) {
                    key[k] = m.value();
                    end[k] = m.last();
                    k = m.last(); // counted once, from its first word ("North Korea")
                }
            }
        }

        /** The entity the article names most often: what a figure with no entity in its sentence is about. */
        String dominant() {
            java.util.Map<String, Integer> counts = new java.util.HashMap<>();
            String best = NONE;
            int bestCount = 0;
            for (String k : key) {
                if (k == null) {
                    continue;
                }
                int n = counts.merge(k, 1, Integer::sum);
                if (n > bestCount) {
                    best = k;
                    bestCount = n;
                }
            }
            return best;
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
            if (!t.isWord() || lexicon.isFunctionWord(t.lower()) || lexicon.reportingVerbs.containsKey(t.lower())
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

    // ---- period ----

    /**
     * A period stated right after the figure ("12.9% in January", "430,790 troops in 2024",
     * "3.6% this year", "1,500 a day") or a year right before it ("growth in 2025 to 3.6%").
     * A month elsewhere in the sentence usually dates the statement, not the figure.
     */
    private String period(List<Token> tokens, Candidate c, LocalDate published) {
        Sentence s = c.sentence;
        for (int k = c.last + 1; k < Math.min(s.end(), c.last + PERIOD_WINDOW); k++) {
            Token t = tokens.get(k);
            if (t.type() == Token.Type.PUNCT && !t.is(".")) {
                break;
            }
            String p = periodAt(tokens, k, s, published);
            if (p != null) {
                return p.startsWith("per-") && k > c.last + 3 ? "" : p;
            }
        }
        for (int k = c.first - 1; k >= Math.max(s.first(), c.first - 8); k--) {
            Token t = tokens.get(k);
            if (t.type() == Token.Type.PUNCT) {
                break;
            }
            if (t.isNumber() && t.isPlainInteger() && t.text().length() == 4) {
                String p = periodAt(tokens, k, s, published);
                return p == null ? "" : p;
            }
        }
        return "";
    }

    private String periodAt(List<Token> tokens, int k, Sentence s, LocalDate published) {
        Token t = tokens.get(k);
        Token before = k > s.first() ? tokens.get(k - 1) : null;
        if (t.isNumber() && t.isPlainInteger() && t.text().length() == 4 && t.number() >= 1900 && t.number() <= 2100
            && before != null && (before.is("in") || before.is("for") || before.is("of") || before.is("during"))) {
            return t.text();
        }
        String cls = lexicon.timeWords.get(t.lower());
        if ("month".equals(cls) && t.isCapitalised() && before != null && (before.is("in") || before.is("for")) && published != null) {
            return monthBefore(published, t.lower());
        }
        if ((t.is("year") || t.is("day") || t.is("week") || t.is("month")) && before != null && published != null) {
            if (before.is("this")) {
                return t.is("year") ? String.valueOf(published.getYear()) : null;
            }
            if (before.is("last") && t.is("year")) {
                return String.valueOf(published.getYear() - 1);
            }
        }
        Token after = k + 1 < s.end() ? tokens.get(k + 1) : null;
        if (RATE_WORDS.contains(t.lower()) && before != null && (before.is("a") || before.is("per") || before.is("each"))
            && (after == null || !(after.is("earlier") || after.is("later") || after.is("ago") || after.is("before")
            || after.is("after")))) {
            return "per-" + t.lower();
        }
        if (DAILY.contains(t.lower())) {
            return "per-day";
        }
        // "over the past day", "in the past 24 hours", "over the preceding week"
        if ((t.is("past") || t.is("preceding") || t.is("previous") || t.is("last")) && before != null && before.is("the")
            && after != null) {
            if (after.is("24") || after.is("day")) {
                return "per-day";
            }
            if (RATE_WORDS.contains(after.lower())) {
                return "per-" + after.lower();
            }
        }
        return null;
    }

    // ---- event dates ----

    /**
     * The day a one-off event happened: a date in its sentence ("since Feb. 5, when 150 were
     * freed"), else a weekday that is not the day of a statement ("overnight into Sunday",
     * "Friday's strike", not "said on Saturday"), else the article's event day, else the day of
     * publication. Daily counts take the day of the bulletin, statement or not.
     */
    private String eventDate(List<Token> tokens, Candidate c, LocalDate published, LocalDate articleDay, boolean daily) {
        Sentence s = c.sentence;
        LocalDate found = null;
        for (int k = s.first(); k < s.end() && found == null; k++) {
            found = dateAt(tokens, k, s, published);
        }
        for (int k = s.first(); k < s.end() && found == null; k++) {
            if (daily || !afterStatement(tokens, k, s)) {
                found = weekdayAt(tokens, k, published);
            }
        }
        if (found == null) {
            found = daily || articleDay == null ? published : articleDay;
        }
        return found.toString();
    }

    private LocalDate articleEventDay(List<Token> tokens, LocalDate published) {
        for (int k = 0; k < tokens.size(); k++) {
            LocalDate day = weekdayAt(tokens, k, published);
            if (day != null && !afterStatementAnywhere(tokens, k)) {
                return day;
            }
        }
        return null;
    }

    /** "Feb. 5", "March 6": a month name and a day number, in the year that puts it before publication. */
    private LocalDate dateAt(List<Token> tokens, int k, Sentence s, LocalDate published) {
        Token t = tokens.get(k);
        if (!"month".equals(lexicon.timeWords.get(t.lower())) || !t.isCapitalised()) {
            return null;
        }
        int d = k + 1;
        if (d < s.end() && tokens.get(d).is(".")) {
            d++;
        }
        if (d >= s.end() || !tokens.get(d).isPlainInteger() || tokens.get(d).number() < 1 || tokens.get(d).number() > 31) {
            return null;
        }
        int month = monthNumber(t.lower());
        int day = (int) tokens.get(d).number();
        try {
            LocalDate date = LocalDate.of(published.getYear(), month, day);
            return date.isAfter(published) ? date.minusYears(1) : date;
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** A weekday, or yesterday and today, as the date on or before publication. */
    private LocalDate weekdayAt(List<Token> tokens, int k, LocalDate published) {
        Token t = tokens.get(k);
        if (t.is("yesterday")) {
            return published.minusDays(1);
        }
        if (t.is("today") || t.is("tonight")) {
            return published;
        }
        if (!"weekday".equals(lexicon.timeWords.get(t.lower())) || !t.isCapitalised()) {
            return null;
        }
        java.time.DayOfWeek day = java.time.DayOfWeek.valueOf(t.text().toUpperCase(Locale.ROOT));
        int back = (published.getDayOfWeek().getValue() - day.getValue() + 7) % 7;
        return published.minusDays(back);
    }

    /** "said on Friday": the weekday dates the statement, not the event. */
    private boolean afterStatement(List<Token> tokens, int k, Sentence s) {
        for (int j = k - 1; j >= Math.max(s.first(), k - 3); j--) {
            if (lexicon.reportingVerbs.containsKey(tokens.get(j).lower())) {
                return true;
            }
        }
        return false;
    }

    private boolean afterStatementAnywhere(List<Token> tokens, int k) {
        for (int j = k - 1; j >= Math.max(0, k - 3); j--) {
            if (lexicon.reportingVerbs.containsKey(tokens.get(j).lower())) {
                return true;
            }
        }
        return false;
    }

    /** "in January" in an article of March 2025 is January 2025; in one of January 2025, January 2025. */
    private static String monthBefore(LocalDate published, String month) {
        int m = monthNumber(month);
        if (m == 0) {
            return null;
        }
        int year = m <= published.getMonthValue() ? published.getYear() : published.getYear() - 1;
        return String.format(Locale.ROOT, "%d-%02d", year, m);
    }

    private static int monthNumber(String month) {
        String[] names = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
        for (int i = 0; i < names.length; i++) {
            if (month.startsWith(names[i])) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The figure in canonical form: six significant digits, no exponent, no trailing zeros. */
    static String canonical(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e6) {
            return Long.toString((long) value);
        }
        BigDecimal d = new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }
}
