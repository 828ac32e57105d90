package io.claimstream.extract;

import java.util.List;
import java.util.Set;

/**
 * Decides which recognised numbers are not claims: dates and years, times, durations, ages,
 * ordinals and ranks, identifiers ("F-16", "Article 5"), phone numbers, addresses, list
 * numbering and scores. Only counts can be these; money, measures and shares are claims.
 * A number that is none of these and not a quantity at all ("one of them") is dropped.
 */
final class NonClaimRules {

    private static final double MAX_AGE = 120;
    /**
     * How far apart a list's items may be: "took 43 seats, Renewal 36 and the Liberal Movement 31"
     * has its items a few tokens apart; "Pixel 9" a dozen tokens after "737 jets" is no item.
     */
    private static final int LIST_ITEM_GAP = 10;
    /** Words for a person before "is" or "was" and a bare number, which is then an age: "he was 16". */
    private static final java.util.Set<String> PERSONS = java.util.Set.of("he", "she", "who");

    private final Lexicon lexicon;

    NonClaimRules(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** Classifies the candidates of one sentence, in order; dropped ones get a null kind. */
    void classify(List<Token> tokens, List<Candidate> candidates) {
        Candidate previous = null;
        for (Candidate c : candidates) {
            if (c.kind == QuantityKind.COUNT) {
                c.kind = countKind(tokens, c, previous);
            } else if (c.kind == QuantityKind.FRACTION && isFractionWord(tokens, c) && !isFraction(tokens, c)) {
                c.kind = null;
            } else if (namesEvent(tokens, c)) {
                c.kind = QuantityKind.IDENTIFIER;
            }
            previous = c;
        }
    }

    private QuantityKind countKind(List<Token> tokens, Candidate c, Candidate previous) {
        Sentence s = c.sentence;
        int a = c.numberFirst;
        int b = c.numberLast;
        Token first = tokens.get(a);
        Token after = token(tokens, b + 1, s);
        Token before = token(tokens, a - 1, s);

        if (first.isNumber() && after != null && after.joined() && after.isWord()) {
            String w = after.lower();
            if (w.equals("st") || w.equals("nd") || w.equals("rd") || w.equals("th")) {
                return QuantityKind.ORDINAL;
            }
            if (w.equals("s") && first.isPlainInteger()) {
                return QuantityKind.DATE; // "the 1990s"
            }
        }
        if (isPhone(tokens, c, before)) {
            return QuantityKind.PHONE;
        }
        if (isTime(tokens, c, before, after)) {
            return QuantityKind.TIME;
        }
        if (isDate(tokens, c, before, after)) {
            return QuantityKind.DATE;
        }
        if (isAge(tokens, c, before, previous)) {
            return QuantityKind.AGE;
        }
        if (isDuration(tokens, c)) {
            return QuantityKind.DURATION;
        }
        QuantityKind identifier = identifierKind(tokens, c, before, after);
        if (identifier != null) {
            return identifier;
        }
        if (isYear(tokens, c, before)) {
            return c.valueHigh != null ? QuantityKind.DATE : QuantityKind.YEAR;
        }
        if (isAddress(tokens, c)) {
            return QuantityKind.ADDRESS;
        }
        if (isListNumber(tokens, c, before, after)) {
            return QuantityKind.LIST_NUMBER;
        }
        if (isScore(tokens, c, before)) {
            return QuantityKind.SCORE;
        }
        if (after != null && after.is("times")) {
            return occurrences(tokens, c);
        }
        if (isPronounOne(tokens, c, after) || isReference(tokens, c, before, after)) {
            return null;
        }
        return QuantityKind.COUNT;
    }

    /** "lowered its rate eight times" counts occurrences; "three times as many" is a ratio, no claim. */
    private QuantityKind occurrences(List<Token> tokens, Candidate c) {
        Token next = token(tokens, c.numberLast + 2, c.sentence);
        if (next != null && (next.is("as") || next.is("the") || next.is("more") || next.is("higher") || next.is("larger")
            || next.is("bigger") || next.is("greater") || next.is("less") || next.is("fewer") || next.is("lower")
            || next.is("smaller") || next.is("that") || next.is("what") || next.is("over"))) {
            return null;
        }
        c.unit = "time";
        c.last = c.numberLast + 1;
        return QuantityKind.COUNT;
    }

    /**
     * "the two countries", "the eight producers": a small spelled number after "the" points back
     * at a group already named, unless an event qualifies it ("the two North Koreans captured");
     * "three of us" names the speakers.
     */
    private boolean isReference(List<Token> tokens, Candidate c, Token before, Token after) {
        if (after != null && after.is("of")) {
            Token who = token(tokens, c.numberLast + 2, c.sentence);
            if (who != null && (who.is("us") || who.is("you"))) {
                return true;
            }
        }
        Token number = tokens.get(c.numberFirst);
        if (before == null || !before.is("the") || !number.isWord() || c.value > 10 || c.qualifierStated
            || after != null && after.type() == Token.Type.DASH) {
            return false; // "the three-party coalition" states a size
        }
        for (int k = c.numberLast + 1; k < Math.min(c.sentence.end(), c.numberLast + 5); k++) {
            Token t = tokens.get(k);
            if (!t.isWord()) {
                break;
            }
            if (lexicon.isPlural(t.lower())) {
                Token next = token(tokens, k + 1, c.sentence);
                return next == null || lexicon.events.get(next.lower()) == null;
            }
        }
        return true;
    }

    private boolean isPhone(List<Token> tokens, Candidate c, Token before) {
        int k = c.numberLast + 1;
        int groups = 1;
        while (k + 1 < c.sentence.end() && tokens.get(k).type() == Token.Type.DASH && tokens.get(k).joined()
            && tokens.get(k + 1).isNumber() && tokens.get(k + 1).joined()) {
            groups++;
            k += 2;
        }
        if (groups >= 3) {
            c.last = Math.max(c.last, k - 1);
            c.numberLast = k - 1;
            return true;
        }
        if (before != null && before.type() == Token.Type.DASH && before.joined() && tokens.get(c.numberFirst).joined()
            && c.numberFirst >= 2 && tokens.get(c.numberFirst - 2).isNumber()) {
            return true; // the tail of a chain read earlier
        }
        if (c.valueHigh != null || !tokens.get(c.numberFirst).isPlainInteger() || before == null) {
            return false;
        }
        if ("phone".equals(lexicon.nonClaimCue("before", before.lower()))) {
            return true;
        }
        // "call Health Link at 811"
        if (before.is("at") || before.is("on")) {
            for (int j = c.numberFirst - 2; j >= Math.max(c.sentence.first(), c.numberFirst - 6); j--) {
                if ("phone".equals(lexicon.nonClaimCue("before", tokens.get(j).lower()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean isTime(List<Token> tokens, Candidate c, Token before, Token after) {
        if (after != null && "clock".equals(after.word().timeClass())) {
            return true;
        }
        if (after != null && after.is(":") && after.joined()) {
            Token minutes = token(tokens, c.numberLast + 2, c.sentence);
            return minutes != null && minutes.isNumber() && minutes.joined();
        }
        return before != null && before.is(":") && tokens.get(c.numberFirst).joined();
    }

    private boolean isDate(List<Token> tokens, Candidate c, Token before, Token after) {
        Token number = tokens.get(c.numberFirst);
        boolean dayNumber = number.isPlainInteger() && c.value >= 1 && c.value <= 31;
        Token month = before;
        if (month != null && month.is(".") && month.joined()) {
            month = token(tokens, c.numberFirst - 2, c.sentence);
        }
        if (dayNumber && month != null && "month".equals(month.word().timeClass()) && month.isCapitalised()) {
            return true;
        }
        if (dayNumber && after != null && after.isCapitalised() && "month".equals(after.word().timeClass())) {
            return true;
        }
        // Seasons and fiscal years: "2024/25", "2023/2024".
        if (number.isPlainInteger() && after != null && after.is("/") && after.joined()) {
            Token next = token(tokens, c.numberLast + 2, c.sentence);
            return next != null && next.isNumber() && next.joined();
        }
        if (before != null && before.is("/") && before.joined() && number.joined()) {
            Token previous = token(tokens, c.numberFirst - 2, c.sentence);
            return previous != null && previous.isNumber();
        }
        return false;
    }

    private boolean isAge(List<Token> tokens, Candidate c, Token before, Candidate previous) {
        if (c.value > MAX_AGE || tokens.get(c.numberFirst).isNumber() && !tokens.get(c.numberFirst).isPlainInteger()) {
            return false;
        }
        // "a 52-year-old man", "aged 20", "45 years old"
        int k = c.numberLast + 1;
        if (k + 2 < c.sentence.end() && tokens.get(k).type() == Token.Type.DASH && tokens.get(k + 1).is("year")
            && tokens.get(k + 2).type() == Token.Type.DASH && k + 3 < c.sentence.end()
            && (tokens.get(k + 3).is("old") || tokens.get(k + 3).is("olds"))) {
            c.last = k + 3;
            return true;
        }
        if (k + 1 < c.sentence.end() && (tokens.get(k).is("years") || tokens.get(k).is("year")) && tokens.get(k + 1).is("old")) {
            c.last = k + 1;
            return true;
        }
        if (before != null && "age".equals(lexicon.nonClaimCue("before", before.lower()))) {
            return true;
        }
        if (previous != null && previous.kind == QuantityKind.AGE && previous.last + 2 >= c.numberFirst) {
            return true; // "aged 20 and 26"
        }
        // "the youngest of those freed was 23 and the oldest 60"
        for (int j = c.numberFirst - 1; j >= Math.max(c.sentence.first(), c.numberFirst - 6); j--) {
            if ("age".equals(lexicon.nonClaimCue("context", tokens.get(j).lower()))) {
                return nextIsNotCountedNoun(tokens, c);
            }
        }
        // "John Doe, 58, said", "said its director, Paul Ashby, 56.": a number set off right after a name.
        Token next = token(tokens, c.numberLast + 1, c.sentence);
        boolean closes = next == null || next.is(",") || next.is(".") || next.is(";") || next.is(")");
        if ((closes || next.is("and")) && c.last == c.numberLast && personIs(tokens, c)) {
            return true; // "when he was 16,", "a patient who is over 65 and": a person's age
        }
        return before != null && before.is(",") && closes && c.last == c.numberLast
            && c.numberFirst >= 2 && tokens.get(c.numberFirst - 2).isCapitalised() && tokens.get(c.numberFirst).isNumber();
    }

    /** "he was", "she is", "who is over": a person, then a form of "be", then the figure (its qualifier aside). */
    private static boolean personIs(List<Token> tokens, Candidate c) {
        int k = c.first - 1;
        if (k - 1 < c.sentence.first()) {
            return false;
        }
        Token verb = tokens.get(k);
        Token person = tokens.get(k - 1);
        return (verb.is("is") || verb.is("was")) && PERSONS.contains(person.lower());
    }

    private boolean nextIsNotCountedNoun(List<Token> tokens, Candidate c) {
        return nextIsNotCountedNoun(tokens, c.numberLast, c.sentence);
    }

    private boolean nextIsNotCountedNoun(List<Token> tokens, int last, Sentence s) {
        Token next = token(tokens, last + 1, s);
        return next == null || !next.isWord() || next.word().isFunction() || !lexicon.isPlural(next.lower());
    }

    private boolean isDuration(List<Token> tokens, Candidate c) {
        int k = c.numberLast + 1;
        Token t = token(tokens, k, c.sentence);
        if (t != null && t.type() == Token.Type.DASH && t.joined()) {
            t = token(tokens, ++k, c.sentence);
        }
        if (t != null && (t.is("more") || t.is("full") || t.is("straight") || t.is("consecutive") || t.is("long"))) {
            t = token(tokens, ++k, c.sentence);
        }
        if (t == null || !t.isWord()) {
            return false;
        }
        if ("duration".equals(t.word().timeClass())) {
            c.last = Math.max(c.last, k);
            return true;
        }
        return false;
    }

    private QuantityKind identifierKind(List<Token> tokens, Candidate c, Token before, Token after) {
        Token number = tokens.get(c.numberFirst);
        if (!number.isNumber()) {
            return null;
        }
        // "Su-34", "F-16", "COVID-19", "Kh-101": letters, a hyphen and digits written together.
        if (before != null && before.type() == Token.Type.DASH && before.joined() && number.joined()) {
            Token letters = token(tokens, c.numberFirst - 2, c.sentence);
            if (letters != null && letters.isWord() && !(letters.word().number() != null)
                && !"period".equals(letters.word().timeClass())) {
                return QuantityKind.IDENTIFIER;
            }
        }
        // "737 MAX", "RTX 5090 graphics", "401(k)": a model or plan named with its number.
        boolean named = before != null && (before.is("the") || before.type() == Token.Type.POSSESSIVE || before.isCapitalised());
        if (number.isPlainInteger() && named && after != null && !after.joined() && after.isAllCaps() && isNameNotUnit(after)
            || number.isPlainInteger() && before != null && !before.joined() && before.isAllCaps() && isNameNotUnit(before)
            && c.numberFirst - 1 > c.sentence.first() && c.last == c.numberLast && c.valueHigh == null
            || after != null && after.is("(") && after.joined() && isBracketedLetter(tokens, c.numberLast + 1)) {
            return QuantityKind.IDENTIFIER;
        }
        // "H5N1", "A330", "B3.13": digits written against the letters before them, unless the
        // letters are a currency ("RM59", "Rs500").
        if (before != null && before.isWord() && number.joined() && !isCurrencyWord(before)) {
            return QuantityKind.IDENTIFIER;
        }
        // "8K video", "a 4K screen", "the 5K run": a resolution or a race, not thousands of anything.
        Token scale = token(tokens, c.numberFirst + 1, c.sentence);
        if (scale != null && scale.joined() && scale.text().equals("K") && c.numberLast <= c.numberFirst + 1
            && number.isPlainInteger() && number.number() <= 16 && c.currency == null && c.unit == null
            && nextIsNotCountedNoun(tokens, c.numberFirst + 1, c.sentence)) {
            return QuantityKind.IDENTIFIER;
        }
        // "5G", "3D": letters written against the digits.
        Lexicon.Unit unitAfter = after == null ? null : lexicon.units.get(after.lower());
        boolean unitAsWritten = unitAfter != null && unitAfter.isWrittenAs(after.text());
        if (after != null && after.isWord() && after.joined() && !lexicon.scales.containsKey(after.lower()) && !unitAsWritten) {
            return QuantityKind.IDENTIFIER;
        }
        if (!number.isPlainInteger()) {
            return null;
        }
        if (before != null && before.is("of") && c.numberFirst - 2 > c.sentence.first() && c.last == c.numberLast
            && tokens.get(c.numberFirst - 2).isCapitalised() && !tokens.get(c.numberFirst - 2).word().isFunction()
            && nextIsNotCountedNoun(tokens, c)) {
            return QuantityKind.IDENTIFIER; // "the Group of 77", "the Class of 92": a name, not a count
        }
        if (before != null) {
            String cue = lexicon.nonClaimCue("before", before.lower());
            if (cue == null && before.is(".") && c.numberFirst >= 2) {
                cue = lexicon.nonClaimCue("before", tokens.get(c.numberFirst - 2).lower() + ".");
            }
            if (cue == null && before.is("#")) {
                cue = "rank";
            }
            if ("identifier".equals(cue)) {
                return QuantityKind.IDENTIFIER;
            }
            if ("rank".equals(cue)) {
                return QuantityKind.RANK;
            }
            // "Mirage 2000", "Boeing 737", "Apollo 11": a name followed by a bare number. Not in a
            // list that drops a repeated noun: "took 43 seats, Renewal 36 and the Liberal Movement 31".
            if (before.isCapitalised() && c.numberFirst - 1 > c.sentence.first() && before.word().timeClass() == null
                && !(previousCountWithNoun(tokens, c) && endsListItem(after))
                && !before.word().isFunction() && c.valueHigh == null && c.last == c.numberLast
                && nextIsNotCountedNoun(tokens, c) && lexicon.entities.get(before.text()) == null) {
                return QuantityKind.IDENTIFIER;
            }
        }
        return null;
    }

    /** An all-capitals word that is a name ("MAX", "RTX"), not a country, currency, unit or scale ("US", "USD", "GW", "BN"). */
    private boolean isNameNotUnit(Token t) {
        String w = t.lower();
        return t.text().length() >= 2 && lexicon.entities.get(t.text()) == null && lexicon.units.get(w) == null
            && !lexicon.scales.containsKey(w) && lexicon.currenciesBefore.get(w) == null && lexicon.currenciesAfter.get(w) == null
            && !lexicon.nonNames.contains(t.text());
    }

    private boolean isCurrencyWord(Token t) {
        return lexicon.currenciesBefore.get(t.lower()) != null || lexicon.scales.containsKey(t.lower());
    }

    /** "401(k)": a single letter in brackets written against the number. */
    private static boolean isBracketedLetter(List<Token> tokens, int open) {
        return open + 2 < tokens.size() && tokens.get(open + 1).isWord() && tokens.get(open + 1).text().length() == 1
            && tokens.get(open + 1).joined() && tokens.get(open + 2).is(")");
    }

    /** "the 10m platform", "the +81kg class": a distance or weight that names a sports event. */
    private boolean namesEvent(List<Token> tokens, Candidate c) {
        if (c.unit == null || c.kind != QuantityKind.MEASURE) {
            return false;
        }
        Token next = token(tokens, c.last + 1, c.sentence);
        return next != null && "identifier".equals(lexicon.nonClaimCue("after", next.lower()));
    }

    /** A count with its noun shortly before: the list this bare figure may be an item of. */
    private boolean previousCountWithNoun(List<Token> tokens, Candidate c) {
        int item = c.numberFirst; // the nearest item found so far: the gap is counted from item to item
        for (int k = c.numberFirst - 2; k >= Math.max(c.sentence.first(), item - LIST_ITEM_GAP); k--) {
            Token t = tokens.get(k);
            if (!t.isNumber()) {
                continue;
            }
            if (k + 1 < c.numberFirst && tokens.get(k + 1).isWord() && lexicon.isPlural(tokens.get(k + 1).lower())) {
                return true;
            }
            item = k; // "the Civic Alliance had 28, the Rural People's Party 22": a bare item of the same list
        }
        return false;
    }

    private static boolean endsListItem(Token after) {
        return after == null || after.is(",") || after.is("and") || after.is(".") || after.is(";");
    }

    private boolean isYear(List<Token> tokens, Candidate c, Token before) {
        Token number = tokens.get(c.numberFirst);
        if (!number.isPlainInteger() || number.text().length() != 4 || c.value < 1800 || c.value > 2100 || c.scaled) {
            return false;
        }
        if (c.valueHigh != null && c.valueHigh > 2100) {
            return false;
        }
        if (nextIsNotCountedNoun(tokens, c)) {
            return true;
        }
        // "in 2024 alone" is a year even before a plural word; "2000 jets" is a count.
        return before != null && ((before.word().timeClass() != null)
            || before.is("in") || before.is("since") || before.is("from") || before.is("until") || before.is("by")
            || before.is("of") || before.is("during") || before.is("before") || before.is("after") || before.is(","));
    }

    private boolean isAddress(List<Token> tokens, Candidate c) {
        int k = c.numberLast + 1;
        int names = 0;
        while (k < c.sentence.end() && tokens.get(k).isCapitalised() && names < 3) {
            if (names > 0 && "address".equals(lexicon.nonClaimCue("after", tokens.get(k).lower()))) {
                return true;
            }
            names++;
            k++;
        }
        if (names > 0 && k < c.sentence.end()) {
            Token t = tokens.get(k);
            String w = t.lower();
            if (t.is(".") && k > 0) {
                w = tokens.get(k - 1).lower() + ".";
            }
            return "address".equals(lexicon.nonClaimCue("after", w));
        }
        return false;
    }

    /** "1. Restore power" at a line's start; "(1) the armed forces, (2) pensions", "1) ...", "as 1. lower costs" inline. */
    private static boolean isListNumber(List<Token> tokens, Candidate c, Token before, Token after) {
        Token number = tokens.get(c.numberFirst);
        if (!number.isPlainInteger() || after == null || !after.joined() || c.last != c.numberLast) {
            return false;
        }
        if (number.lineStart() && (after.is(".") || after.is(")"))) {
            return true;
        }
        Token next = token(tokens, c.numberLast + 2, c.sentence);
        if (after.is(".") && c.value <= 20 && next != null && next.isWord() && !next.isCapitalised()) {
            return true;
        }
        if (!after.is(")") || c.value > 20) {
            return false;
        }
        return before == null || !before.is("(") || number.joined();
    }

    private boolean isScore(List<Token> tokens, Candidate c, Token before) {
        if (c.valueHigh == null || c.value > 20 || c.valueHigh > 20 || c.unit != null) {
            return false;
        }
        if (before != null && "score".equals(lexicon.nonClaimCue("before", before.lower()))) {
            return true;
        }
        Token next = token(tokens, c.numberLast + 1, c.sentence);
        return next != null && "score".equals(lexicon.nonClaimCue("after", next.lower()));
    }

    /**
     * "one of the largest", "One case can infect ...": "one" is a claim only when it is stated as
     * a figure ("at least one person") or an event befalls it ("one soldier was killed").
     */
    private boolean isPronounOne(List<Token> tokens, Candidate c, Token after) {
        Token t = tokens.get(c.numberFirst);
        if (!t.is("one") || c.numberFirst != c.numberLast || c.unit != null || c.currency != null) {
            return false;
        }
        if (after != null && (after.is("more") || after.is("fewer") || after.is("extra"))) {
            return false; // "one more seat", "one more" in a tally
        }
        if (after != null && after.is("in") && listsPlaces(tokens, c)) {
            return false; // "207 in Valencia, seven in Castilla-La Mancha and one in Andalusia"
        }
        if (statesMargin(tokens, c)) {
            return false; // "one gold medal ahead of the United States", "beat France by a single point"
        }
        if (heldByVerb(tokens, c, after)) {
            return false; // "Britain won one gold medal", "the party took one seat": the object of holding
        }
        Token noun = after;
        if (noun != null && noun.isWord() && lexicon.countedNouns.get(noun.lower()) == null
            && c.numberLast + 2 < c.sentence.end()) {
            noun = tokens.get(c.numberLast + 2); // "one gold medal": an adjective, then the noun
        }
        if (noun == null || !noun.isWord() || lexicon.countedNouns.get(noun.lower()) == null) {
            return true;
        }
        if (c.qualifierStated) {
            return false;
        }
        int from = Math.max(c.sentence.first(), c.numberFirst - 2);
        for (int k = from; k < Math.min(c.sentence.end(), c.numberLast + 6); k++) {
            if (k != c.numberFirst && lexicon.events.get(tokens.get(k).lower()) != null) {
                return false; // "won one gold medal", "one soldier was killed"
            }
        }
        return true;
    }

    /**
     * "won one gold medal", "took just one seat": "one" right after a verb of holding (holder-verbs.tsv),
     * past "just", "only" or "a mere", with a noun after it, is the count of what is held. "One fund
     * manager said" opens its clause, so it is no count.
     */
    private static boolean heldByVerb(List<Token> tokens, Candidate c, Token after) {
        if (after == null || !after.isWord() || after.word().isFunction() || after.isCapitalised()) {
            return false;
        }
        int k = c.numberFirst - 1;
        while (k > c.sentence.first() && (tokens.get(k).is("just") || tokens.get(k).is("only") || tokens.get(k).is("mere")
            || tokens.get(k).is("a") && tokens.get(k + 1).is("mere"))) {
            k--;
        }
        return k >= c.sentence.first() && FrameLexicon.ONE_COUNTING_VERBS.contains(tokens.get(k).lower());
    }

    /** "one gold medal ahead", "one point behind", "by one goal": a margin, which is a count. */
    private static boolean statesMargin(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        if (c.numberFirst > s.first() && tokens.get(c.numberFirst - 1).is("by")) {
            return true;
        }
        for (int k = c.numberLast + 1; k < Math.min(s.end(), c.numberLast + 4); k++) {
            Token t = tokens.get(k);
            if (t.is("ahead") || t.is("behind") || t.is("clear") || t.is("short")) {
                return true;
            }
            if (!t.isWord() || t.word().isFunction()) {
                return false;
            }
        }
        return false;
    }

    /** "N in Place, ... and one in Place": the figure before it in the sentence is also "N in" a name. */
    private static boolean listsPlaces(List<Token> tokens, Candidate c) {
        for (int k = c.numberFirst - 1; k > c.sentence.first() + 1; k--) {
            if (tokens.get(k).is("in") && tokens.get(k + 1).isCapitalised() && numberShortlyBefore(tokens, k, c.sentence)) {
                return true; // "207 in Valencia", "Two people died in Castilla-La Mancha"
            }
        }
        return false;
    }

    private static boolean numberShortlyBefore(List<Token> tokens, int k, Sentence s) {
        for (int j = k - 1; j >= Math.max(s.first(), k - 3); j--) {
            if (tokens.get(j).isNumber() || tokens.get(j).word().number() != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * "a third" is a share in "cut by a third" or "a third of them", but an ordinal in "a third
     * consecutive increase"; "half" is a period in "the first half of the year".
     */
    private boolean isFraction(List<Token> tokens, Candidate c) {
        Token before = token(tokens, c.numberFirst - 1, c.sentence);
        Token after = token(tokens, c.numberLast + 1, c.sentence);
        if (before != null && (before.is("first") || before.is("second") || before.is("last") || before.is("latter")
            || before.is("former") || before.is("third") || before.is("fourth"))) {
            return false;
        }
        if (after == null || !after.isWord()) {
            return after == null || after.type() != Token.Type.DASH || !after.joined();
        }
        if (after.is("of")) {
            Token next = token(tokens, c.numberLast + 2, c.sentence);
            Token nextNext = token(tokens, c.numberLast + 3, c.sentence);
            return !(isDurationWord(next) || (next != null && (next.is("a") || next.is("an") || next.is("the")) && isDurationWord(nextNext)));
        }
        if ((after.is("a") || after.is("an")) && isDurationWord(token(tokens, c.numberLast + 2, c.sentence))) {
            return false; // "half an hour"
        }
        boolean article = tokens.get(c.numberFirst).is("a") || tokens.get(c.numberFirst).is("an")
            || before != null && (before.is("a") || before.is("an")); // "an eighth election"
        return !isOrdinalFollower(after) && !(article && namesAThing(after));
    }

    /**
     * "a fifth Olympic medal", "a third term": after "a", a fraction word that a noun or adjective
     * follows counts the thing, as an ordinal; "a fifth of", "a third more", "a quarter million" stay fractions.
     */
    private boolean namesAThing(Token after) {
        String w = after.lower();
        return !after.word().isFunction() && !lexicon.scales.containsKey(w) && lexicon.units.get(w) == null
            && lexicon.changeCue("comparative", w) == null && lexicon.changeCue("comparative-than", w) == null
            && !Set.of("more", "less", "fewer").contains(w);
    }

    /** "a third consecutive increase", "a third straight month", "a second-largest": the word makes it an ordinal. */
    private boolean isOrdinalFollower(Token t) {
        String w = t.lower();
        return lexicon.timeWords.containsKey(w) || w.endsWith("est") || lexicon.ordinalFollowers.contains(w);
    }

    /** Fractions spelled with a fraction word ("a third"), not ratios ("one in three"). */
    private boolean isFractionWord(List<Token> tokens, Candidate c) {
        return (tokens.get(c.numberLast).word().fraction() != null);
    }

    private boolean isDurationWord(Token t) {
        return t != null && "duration".equals(t.word().timeClass());
    }

    private static Token token(List<Token> tokens, int k, Sentence s) {
        return k >= s.first() && k < s.end() ? tokens.get(k) : null;
    }
}
