package io.claimstream.extract;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The period a figure is stated for, as a subject key part: a year or month right after it
 * ("12.9% in January", "430,790 troops in 2024", "9.7% by December"), a rate ("1,500 a day",
 * "over the past day", "this week") and, for one-off events, the day they happened ("overnight
 * into Sunday", "since Feb. 5, when 150 were freed"), read against the publication date.
 */
final class Periods {

    private static final int WINDOW = 8;
    /** How long a sentence's opening adverbial may be: "Over the past seven days," has six tokens. */
    private static final int OPENER_WINDOW = 7;
    /** How far after a figure a rate stands that is the figure's own ("1,190 killed or wounded over the preceding day"). */
    private static final int PER_WINDOW = 7;
    /** A month this close after publication is the coming one; further on, last year's. */
    private static final int UPCOMING_MONTHS = 2;
    private static final Set<String> RATE_WORDS = Set.of("day", "week", "month", "year");
    private static final Set<String> LEAD_IN = Set.of("in", "for", "during");
    /** Spans of time that, before "of" and a year, date a figure within it: "the first 47 days of 2025". */
    private static final Set<String> SPANS = Set.of("days", "weeks", "months", "half", "quarter", "quarters");
    private static final Set<String> RELATIVE = Set.of("past", "preceding", "previous", "last");
    /** Adjectives before the figure's noun that make it a rate ("daily losses", "weekly arrivals"). */
    private static final java.util.Map<String, String> RATE_ADJECTIVES = java.util.Map.of(
        "daily", "per-day", "weekly", "per-week", "monthly", "per-month");
    /** The period suffix of a figure stated for a time before the one reported: "year-earlier". */
    private static final String EARLIER = "-earlier";
    private static final Set<String> EARLIER_UNITS = Set.of("year", "quarter", "month", "week", "day");
    private static final Set<String> EARLIER_ADJECTIVES = Set.of("previous", "prior", "preceding");
    /** Words that open the base a change is measured from ("over the previous day" is a rate, not a base). */
    private static final Set<String> COMPARING = Set.of("from", "than", "on", "compared", "versus", "against");
    /** "quarter-on-quarter", "month-on-month": a change's basis in one word. */
    private static final java.util.Map<String, String> ON_PERIOD = java.util.Map.of(
        "year-on-year", "year", "quarter-on-quarter", "quarter", "month-on-month", "month", "week-on-week", "week");
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

    private final Lexicon lexicon;

    Periods(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** The period stated next to the figure, or "". */
    String of(List<Token> tokens, Candidate c, LocalDate published) {
        Sentence s = c.sentence;
        if (c.change != null) {
            String basis = changeBasis(tokens, c);
            if (basis != null) {
                return basis;
            }
        }
        for (int k = c.last + 1; k < Math.min(s.end(), c.last + WINDOW); k++) {
            Token t = tokens.get(k);
            if (t.type() == Token.Type.PUNCT && !t.is(".") || startsComparisonBase(tokens, k, s)) {
                break;
            }
            String earlier = c.change == null ? earlierPeriod(tokens, k, s) : null;
            if (earlier != null && (earlier.equals("year") || earlier.equals("quarter"))) {
                return earlier + EARLIER; // "from $18.1bn a year earlier": the figure of a period reported before, not this one's
            }
            if (earlier != null) {
                break; // "up from 23 a day earlier", "77% a month earlier": an earlier reading of the same level
            }
            String p = at(tokens, k, s, published);
            if (p != null) {
                return p.startsWith("per-") && k > c.last + PER_WINDOW ? "" : p;
            }
        }
        // "growth in 2025 to 3.6%": a year just before the figure
        for (int k = c.first - 1; k >= Math.max(s.first(), c.first - WINDOW); k--) {
            Token t = tokens.get(k);
            if (t.type() == Token.Type.PUNCT) {
                break;
            }
            if (isYear(t) && k > s.first() && LEAD_IN.contains(tokens.get(k - 1).lower())) {
                return t.text();
            }
            String alone = k + 1 < c.first ? monthAlone(t, tokens.get(k + 1), published) : null;
            if (alone != null) {
                return alone; // "with December alone accounting for 48,670 casualties"
            }
            String rate = RATE_ADJECTIVES.get(t.lower());
            if (rate != null && k + 1 < c.first && tokens.get(k + 1).isWord() && !tokens.get(k + 1).isCapitalised()) {
                return rate; // "Daily losses have hovered between 1,100 and 1,500": a day's figure, not the total
            }
        }
        return opener(tokens, c, published);
    }

    /**
     * "This week alone, Russia has sent more than 1,150 drones", "In 2024, the army lost 430,790
     * troops": a period that opens the sentence, set off by a comma, dates every figure after it
     * that states none of its own.
     */
    private String opener(List<Token> tokens, Candidate c, LocalDate published) {
        Sentence s = c.sentence;
        int comma = -1;
        for (int k = s.first(); k < Math.min(c.first, s.first() + OPENER_WINDOW); k++) {
            if (tokens.get(k).is(",")) {
                comma = k;
                break;
            }
        }
        for (int k = s.first(); k < comma; k++) {
            String p = at(tokens, k, s, published);
            if (p != null) {
                return p;
            }
        }
        return "";
    }

    private String at(List<Token> tokens, int k, Sentence s, LocalDate published) {
        Token t = tokens.get(k);
        Token before = k > s.first() ? tokens.get(k - 1) : null;
        if (!t.isWord() && !(isYear(t) && before != null)) {
            return null; // only a year or a word dates a figure; most tokens of a window are neither
        }
        Token after = k + 1 < s.end() ? tokens.get(k + 1) : null;
        if (isYear(t) && before != null) {
            if (LEAD_IN.contains(before.lower())) {
                return t.text();
            }
            if (before.is("of") && k >= 2 && tokens.get(k - 2).is("end")) {
                return t.text() + "-12"; // "by the end of 2025"
            }
            if (before.is("of") && k >= 2 && SPANS.contains(tokens.get(k - 2).lower())) {
                return t.text(); // "in the first 47 days of 2025", "the first half of 2025": a part of that year
            }
        }
        String cls = t.word().timeClass();
        if (before != null && (before.is("early") || before.is("late") || before.is("mid")) && k - 2 >= s.first()) {
            before = tokens.get(k - 2); // "in late November": the month is the period
        }
        if ("month".equals(cls) && t.isCapitalised() && before != null && published != null
            && (before.is("in") || before.is("for") || before.is("by"))) {
            return monthPeriod(tokens, k, s, published, before.is("by"));
        }
        String alone = after == null ? null : monthAlone(t, after, published);
        if (alone != null) {
            return alone;
        }
        if (before != null && published != null && (t.is("year") || t.is("week"))) {
            if (before.is("this")) {
                return t.is("year") ? String.valueOf(published.getYear()) : "per-week";
            }
            if (before.is("last") && t.is("year")) {
                return String.valueOf(published.getYear() - 1);
            }
        }
        if (RATE_WORDS.contains(t.lower()) && before != null && (before.is("a") || before.is("per") || before.is("each"))
            && (after == null || !(after.is("earlier") || after.is("later") || after.is("ago") || after.is("before")
            || after.is("after")))) {
            return "per-" + t.lower();
        }
        if (t.is("daily")) {
            return "per-day";
        }
        // "over the past day", "in the past 24 hours", "over the past seven days"
        if (RELATIVE.contains(t.lower()) && before != null && before.is("the") && after != null) {
            if (after.is("24") || after.is("day")) {
                return "per-day";
            }
            if (after.is("seven") || after.is("7") || after.is("week")) {
                return "per-week";
            }
            if (RATE_WORDS.contains(after.lower())) {
                return "per-" + after.lower();
            }
        }
        return null;
    }

    /**
     * "in August 2023", "in January to July", "by December": a month read against the
     * publication date unless a year follows; a span of months keeps both ends.
     */
    private String monthPeriod(List<Token> tokens, int k, Sentence s, LocalDate published, boolean deadline) {
        String name = tokens.get(k).lower();
        int next = k + 1;
        if (next < s.end() && isYear(tokens.get(next))) {
            int m = monthNumber(name);
            return m == 0 ? null : tokens.get(next).text() + (m < 10 ? "-0" : "-") + m;
        }
        String first = month(published, name, deadline);
        if (first == null || next + 1 >= s.end()) {
            return first;
        }
        Token link = tokens.get(next);
        Token end = tokens.get(next + 1);
        boolean span = link.is("to") || link.is("through") || link.type() == Token.Type.DASH;
        if (span && "month".equals(end.word().timeClass()) && end.isCapitalised()) {
            String last = month(published, end.lower(), false);
            if (last == null) {
                return first;
            }
            // The span ends in the month read against publication and starts before it.
            int lastYear = Integer.parseInt(last.substring(0, 4));
            int m = monthNumber(name);
            int firstYear = m <= monthNumber(end.lower()) ? lastYear : lastYear - 1;
            return firstYear + (m < 10 ? "-0" : "-") + m + ".." + last;
        }
        return first;
    }

    /** "December alone": a month set apart by "alone" is the period, read against the publication date. */
    private static String monthAlone(Token month, Token next, LocalDate published) {
        boolean alone = published != null && next.is("alone") && month.isCapitalised() && "month".equals(month.word().timeClass());
        return alone ? month(published, month.lower(), false) : null;
    }

    /**
     * "to GBP22bn from GBP9.9bn in March", "compared with last year", "than in 2023": what follows
     * dates the figure compared with, not this one.
     */
    private static boolean startsComparisonBase(List<Token> tokens, int k, Sentence s) {
        Token t = tokens.get(k);
        if (t.is("than") || t.is("versus") || t.is("compared")) {
            return true;
        }
        if (!t.is("from") || k + 1 >= s.end()) {
            return false;
        }
        Token next = tokens.get(k + 1);
        return next.word().timeClass() == null; // "from January to March" states a period
    }

    /**
     * "rose 17% from the previous quarter", "up 0.3% month-on-month": a change against the quarter or
     * month before is a subject apart from the change over a year, which is what a change of results or
     * statistics means when it says nothing (so "from a year earlier" adds nothing). A change against
     * the day or week before is how a running count is told, and adds nothing either.
     */
    private static String changeBasis(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        for (int k = c.last + 1; k < Math.min(s.end(), c.last + WINDOW); k++) {
            Token t = tokens.get(k);
            if (t.type() == Token.Type.PUNCT || t.isNumber()) {
                return null;
            }
            String on = ON_PERIOD.get(t.lower());
            String earlier = on != null ? on : COMPARING.contains(t.lower()) && k + 1 < s.end()
                ? earlierPeriod(tokens, tokens.get(k + 1).is("with") ? k + 2 : k + 1, s) : null;
            if (earlier != null) {
                return earlier.equals("quarter") || earlier.equals("month") ? earlier + EARLIER : null;
            }
        }
        return null;
    }

    /**
     * The length of time back a comparison phrase starting at {@code k} names: "a year earlier",
     * "a year ago", "the previous quarter", "the prior month", "the same period last year", "the
     * year-earlier quarter". Null when there is none.
     */
    private static String earlierPeriod(List<Token> tokens, int k, Sentence s) {
        if (k + 1 >= s.end()) {
            return null;
        }
        Token first = tokens.get(k);
        Token unit = tokens.get(k + 1);
        Token after = k + 2 < s.end() ? tokens.get(k + 2) : null;
        if ((first.is("a") || first.is("one")) && EARLIER_UNITS.contains(unit.lower()) && after != null
            && (after.is("earlier") || after.is("ago") || after.is("before"))) {
            return unit.lower();
        }
        Token before = k > s.first() ? tokens.get(k - 1) : null;
        if (!first.is("the") || after == null || before == null || !(COMPARING.contains(before.lower()) || before.is("with"))) {
            return null; // "over the preceding day" is a rate
        }
        if (EARLIER_ADJECTIVES.contains(unit.lower()) && EARLIER_UNITS.contains(after.lower())) {
            return after.lower(); // "the previous quarter", "the prior year"
        }
        if (unit.is("same") && k + 4 < s.end() && tokens.get(k + 3).is("last") && tokens.get(k + 4).is("year")) {
            return "year"; // "the same quarter last year"
        }
        if (unit.lower().startsWith("year-earlier") || unit.lower().startsWith("year-ago")) {
            return "year"; // "the year-earlier quarter"
        }
        return null;
    }

    private static boolean isYear(Token t) {
        return t.isNumber() && t.isPlainInteger() && t.text().length() == 4 && t.number() >= 1900 && t.number() <= 2100;
    }

    /**
     * A month as YYYY-MM: the last one up to publication, or one of the next two months; for a
     * forecast, the next one from it.
     */
    private static String month(LocalDate published, String name, boolean ahead) {
        int m = monthNumber(name);
        if (m == 0) {
            return null;
        }
        int year;
        int monthsAhead = m - published.getMonthValue();
        if (ahead) {
            year = monthsAhead >= 0 ? published.getYear() : published.getYear() + 1;
        } else if (monthsAhead > 0 && monthsAhead <= UPCOMING_MONTHS) {
            year = published.getYear(); // "to raise output in August", written in July
        } else {
            year = monthsAhead <= 0 ? published.getYear() : published.getYear() - 1;
        }
        return year + (m < 10 ? "-0" : "-") + m;
    }

    private static int monthNumber(String month) {
        for (int i = 0; i < MONTHS.length; i++) {
            if (month.startsWith(MONTHS[i])) {
                return i + 1;
            }
        }
        return 0;
    }

    // ---- the day of a one-off event ----

    /**
     * The day a one-off event happened: a date in its sentence ("since Feb. 5, when 150 were
     * freed"), else a weekday in it that does not date a statement ("overnight into Sunday",
     * "Friday's strike"), else one that does ("the Air Force said on Sunday": bulletins come out
     * the day after), else the first weekday of the lede, else the day of publication.
     */
    LocalDate eventDay(List<Token> tokens, Candidate c, LocalDate published, LocalDate ledeDay) {
        Sentence s = c.sentence;
        for (int k = s.first(); k < s.end(); k++) {
            LocalDate date = dateAt(tokens, k, s, published);
            if (date != null) {
                return date;
            }
        }
        LocalDate statement = null;
        for (int k = s.first(); k < s.end(); k++) {
            LocalDate day = weekdayAt(tokens, k, published);
            if (day != null && !afterStatement(tokens, k, s)) {
                return day;
            }
            if (day != null && statement == null) {
                statement = day;
            }
        }
        if (statement != null) {
            return statement;
        }
        return ledeDay != null ? ledeDay : published;
    }

    /** The first weekday the lede names: the day the story is about. */
    LocalDate ledeDay(List<Token> tokens, List<Sentence> sentences, LocalDate published) {
        if (sentences.isEmpty()) {
            return null;
        }
        Sentence lede = sentences.get(0);
        for (int k = lede.first(); k < lede.end(); k++) {
            LocalDate day = weekdayAt(tokens, k, published);
            if (day != null) {
                return day;
            }
        }
        return null;
    }

    /** "Feb. 5", "March 6": a month name and a day number, in the year that puts it before publication. */
    private LocalDate dateAt(List<Token> tokens, int k, Sentence s, LocalDate published) {
        Token t = tokens.get(k);
        if (!"month".equals(t.word().timeClass()) || !t.isCapitalised()) {
            return null;
        }
        int d = k + 1;
        if (d < s.end() && tokens.get(d).is(".")) {
            d++;
        }
        if (d >= s.end() || !tokens.get(d).isPlainInteger() || tokens.get(d).number() < 1 || tokens.get(d).number() > 31) {
            return null;
        }
        try {
            LocalDate date = LocalDate.of(published.getYear(), monthNumber(t.lower()), (int) tokens.get(d).number());
            return date.isAfter(published) ? date.minusYears(1) : date;
        } catch (DateTimeException e) {
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
        if (!"weekday".equals(t.word().timeClass()) || !t.isCapitalised()) {
            return null;
        }
        DayOfWeek day = DayOfWeek.valueOf(t.text().toUpperCase(Locale.ROOT));
        int back = (published.getDayOfWeek().getValue() - day.getValue() + 7) % 7;
        return published.minusDays(back);
    }

    /** "said on Friday": the weekday dates the statement. */
    private boolean afterStatement(List<Token> tokens, int k, Sentence s) {
        for (int j = k - 1; j >= Math.max(s.first(), k - 3); j--) {
            if ((tokens.get(j).word().reportingForm() != null)) {
                return true;
            }
        }
        return false;
    }
}
