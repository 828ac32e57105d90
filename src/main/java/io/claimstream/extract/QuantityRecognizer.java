package io.claimstream.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the quantities of one sentence: the figure, its currency, scale, unit or range and its
 * qualifier cue. It does not decide yet whether a quantity is a claim.
 */
final class QuantityRecognizer {

    private final Lexicon lexicon;
    private final NumberReader reader;

    QuantityRecognizer(Lexicon lexicon) {
        this.lexicon = lexicon;
        this.reader = new NumberReader(lexicon);
    }

    List<Candidate> recognise(List<Token> tokens, Sentence s) {
        return recognise(tokens, s, () -> { });
    }

    /**
     * The quantities of sentence {@code s}. A position a rule fails on is skipped and reported to
     * {@code failed}: one odd figure never costs the rest of the sentence.
     */
    List<Candidate> recognise(List<Token> tokens, Sentence s, Runnable failed) {
        List<Candidate> found = new ArrayList<>();
        int i = s.first();
        while (i < s.end()) {
            Candidate c;
            try {
                c = at(tokens, s, i);
            } catch (RuntimeException e) {
                failed.run();
                c = null;
            }
            if (c == null) {
                i++;
                continue;
            }
            inheritConvertedQualifier(tokens, found, c);
            found.add(c);
            i = Math.max(i, Math.max(c.last, c.numberLast)) + 1;
        }
        return found;
    }

    /**
     * "roughly 9 gigawatts (9,000 megawatts)": a conversion in parentheses restates the figure
     * before it, so it keeps that figure's qualifier unless it states its own.
     */
    private static void inheritConvertedQualifier(List<Token> tokens, List<Candidate> found, Candidate c) {
        if (c.qualifierStated || found.isEmpty() || c.first < 1 || !tokens.get(c.first - 1).is("(")) {
            return;
        }
        Candidate converted = found.get(found.size() - 1);
        if (converted.last == c.first - 2 && converted.unit != null && c.unit != null) {
            c.qualifier = converted.qualifier;
        }
    }

    private Candidate at(List<Token> tokens, Sentence s, int i) {
        int limit = s.end();
        Token t = tokens.get(i);
        if (t.isWord() && t.hasDigit()) {
            return wordIdentifier(s, i, t);
        }
        Candidate percentagePoint = articlePercentagePoint(tokens, s, i);
        if (percentagePoint != null) {
            return percentagePoint;
        }
        String currency = null;
        int p = i;
        PhraseTable.Match<String> cur = lexicon.currenciesBefore.matchForward(tokens, i, limit);
        if (cur != null && isCurrencyForm(tokens, cur) && reader.startsNumber(tokens, cur.last() + 1, limit)) {
            currency = cur.value();
            p = cur.last() + 1;
        } else if (!reader.startsNumber(tokens, i, limit)) {
            return null;
        }
        NumberReader.NumberMatch number = reader.read(tokens, p, limit, currency != null);
        if (number == null) {
            return null;
        }
        Candidate c = new Candidate(s, i, p, number.last(), number.value(), number.form(), number.scaled());
        c.currency = currency;
        if (currency == null && readRatio(tokens, c, limit)) {
            readQualifier(tokens, c, s);
            return c;
        }
        readUnit(tokens, c, number.last() + 1, limit);
        if (c.unit == null && currency == null && c.kind == null) {
            readUnitBefore(tokens, c, s);
        }
        readRange(tokens, c, limit);
        readQualifier(tokens, c, s);
        assignKind(c);
        return c;
    }

    /** Units written before the figure (units-before.tsv): "a magnitude 7.7 earthquake", "magnitude-6.7". */
    private void readUnitBefore(List<Token> tokens, Candidate c, Sentence s) {
        int k = c.first - 1;
        if (k > s.first() && tokens.get(k).type() == Token.Type.DASH && tokens.get(c.first).joined()) {
            k--;
        }
        Lexicon.Unit unit = k >= s.first() ? lexicon.unitsBefore.get(tokens.get(k).lower()) : null;
        if (unit != null) {
            c.unit = unit.symbol();
            c.kind = unit.kind();
            c.first = k;
        }
    }

    /**
     * "9 billion crowns", "3.2 billion pesos": a currency name several countries use takes the
     * code of the first of those countries the article names, else the name's default.
     */
    void resolveAmbiguousCurrencies(List<Token> tokens, List<Candidate> candidates) {
        // The first country the article names, per currency name: looked for once, not once per sum.
        java.util.Map<java.util.Map<String, String>, String> firstCountries = new java.util.IdentityHashMap<>();
        for (Candidate c : candidates) {
            if (c.currency == null || !c.currency.startsWith("?")) {
                continue;
            }
            java.util.Map<String, String> codes = lexicon.currencyByCountry.get(c.currency);
            // The country nearest before the sum in its sentence ("Norway will contribute 9 billion
            // crowns"), else the first the article names.
            String country = countryBefore(tokens, c, codes);
            if (country == null) {
                country = codes == null ? "" : firstCountries.computeIfAbsent(codes, m -> firstCountryOf(tokens, m));
            }
            String code = codes == null ? null : codes.get(country);
            if (code == null && codes != null) {
                code = codes.values().iterator().next();
            }
            c.currency = code;
            c.unit = code;
        }
    }

    private String countryBefore(List<Token> tokens, Candidate c, java.util.Map<String, String> codes) {
        if (codes == null) {
            return null;
        }
        for (int k = c.first - 1; k >= c.sentence.first(); k--) {
            PhraseTable.Match<String> entity = lexicon.entities.matchForward(tokens, k, c.first);
            if (entity != null && codes.containsKey(entity.value())) {
                return entity.value();
            }
        }
        return null;
    }

    private String firstCountryOf(List<Token> tokens, java.util.Map<String, String> codes) {
        if (codes == null) {
            return "";
        }
        for (int k = 0; k < tokens.size(); k++) {
            PhraseTable.Match<String> entity = lexicon.entities.matchForward(tokens, k, tokens.size());
            if (entity != null && codes.containsKey(entity.value())) {
                return entity.value();
            }
        }
        return "";
    }

    /** "one in three", "nine out of ten": a share written as a ratio of whole numbers. */
    private boolean readRatio(List<Token> tokens, Candidate c, int limit) {
        int k = c.numberLast + 1;
        if (c.form == NumberReader.Form.FRACTION || c.value < 1 || c.value > 100 || c.scaled || k + 1 >= limit) {
            return false;
        }
        if (tokens.get(k).is("out") && tokens.get(k + 1).is("of")) {
            k++;
        } else if (!tokens.get(k).is("in")) {
            return false;
        }
        if (!reader.startsNumber(tokens, k + 1, limit) || tokens.get(k + 1).is("a") || tokens.get(k + 1).is("an")) {
            return false;
        }
        NumberReader.NumberMatch whole = reader.read(tokens, k + 1, limit, false);
        if (whole == null || whole.form() == NumberReader.Form.FRACTION || whole.scaled() || whole.value() <= c.value
            || whole.value() > 1000 || isTimeOrUnitAfter(tokens, whole.last() + 1, limit)) {
            return false;
        }
        c.value = c.value / whole.value();
        c.numberLast = whole.last();
        c.last = whole.last();
        c.form = NumberReader.Form.FRACTION;
        c.kind = QuantityKind.FRACTION;
        c.unit = "fraction";
        return true;
    }

    private boolean isTimeOrUnitAfter(List<Token> tokens, int k, int limit) {
        if (k >= limit) {
            return false;
        }
        return (tokens.get(k).word().timeClass() != null) || lexicon.units.matchForward(tokens, k, limit) != null;
    }

    /** "G7", "MH17", "5G": digits inside a word name something. */
    private static Candidate wordIdentifier(Sentence s, int i, Token t) {
        double value = 0;
        int digits = 0;
        for (int k = 0; k < t.text().length() && digits < 15; k++) {
            char ch = t.text().charAt(k);
            if (ch >= '0' && ch <= '9') {
                value = value * 10 + (ch - '0');
                digits++;
            }
        }
        Candidate c = new Candidate(s, i, i, i, value, NumberReader.Form.DIGITS, false);
        c.kind = QuantityKind.IDENTIFIER;
        return c;
    }

    /** "a percentage point", "a full percentage point": one point, spelled with the article. */
    private Candidate articlePercentagePoint(List<Token> tokens, Sentence s, int i) {
        Token t = tokens.get(i);
        if (!(t.is("a") || t.is("an"))) {
            return null;
        }
        int k = i + 1;
        if (k < s.end() && (tokens.get(k).is("full") || tokens.get(k).is("whole"))) {
            k++;
        }
        PhraseTable.Match<Lexicon.Unit> unit = lexicon.units.matchForward(tokens, k, s.end());
        if (unit == null || !unit.value().symbol().equals("percentage_point")) {
            return null;
        }
        Candidate c = new Candidate(s, i, i, k - 1, 1, NumberReader.Form.WORDS, false);
        c.unit = unit.value().symbol();
        c.kind = QuantityKind.PERCENT;
        c.last = unit.last();
        readQualifier(tokens, c, s);
        return c;
    }

    /** Currency after the figure, or a unit of measure or share; "500-MW" counts too. */
    private int readUnit(List<Token> tokens, Candidate c, int q, int limit) {
        if (c.currency == null) {
            int sub = readSubunit(tokens, c, q, limit);
            if (sub > q) {
                return sub;
            }
            PhraseTable.Match<String> after = lexicon.currenciesAfter.matchForward(tokens, q, limit);
            if (after != null && isCurrencyForm(tokens, after) && !isVerbWithAgent(tokens, after, limit)) {
                c.currency = after.value();
                c.last = after.last();
                return after.last() + 1;
            }
            int rate = exchangeRate(tokens, c, q, limit);
            if (rate > q) {
                return rate;
            }
        }
        int u = pastJoinedDash(tokens, q, limit);
        if (c.form == NumberReader.Form.FRACTION) {
            u = skipArticleBeforeUnit(tokens, u, limit);
        }
        PhraseTable.Match<Lexicon.Unit> unit = lexicon.units.matchForward(tokens, u, limit);
        if (unit != null && unitFits(tokens, unit, c)) {
            c.unit = unit.value().symbol();
            c.kind = unit.value().kind();
            c.value *= unit.value().scale();
            c.last = unit.last();
            return unit.last() + 1;
        }
        if (c.form == NumberReader.Form.FRACTION && u < limit && (tokens.get(u).is("point") || tokens.get(u).is("points"))) {
            c.unit = "percentage_point"; // "a quarter point", "half a point"
            c.kind = QuantityKind.PERCENT;
            c.last = u;
            return u + 1;
        }
        return q;
    }

    /** Past a hyphen written between the figure and its unit: "500-MW", "the 81-cent consensus". */
    private static int pastJoinedDash(List<Token> tokens, int q, int limit) {
        boolean dash = q + 1 < limit && tokens.get(q).type() == Token.Type.DASH && tokens.get(q).joined() && tokens.get(q + 1).joined();
        return dash ? q + 1 : q;
    }

    /** "81 cents a share" is 0.81 usd, "212p" 2.12 gbp: a subunit names the currency and scales the figure. */
    private int readSubunit(List<Token> tokens, Candidate c, int q, int limit) {
        PhraseTable.Match<Lexicon.Subunit> sub = lexicon.currencySubunits.matchForward(tokens, pastJoinedDash(tokens, q, limit), limit);
        if (sub == null || sub.value().attached() && !tokens.get(sub.first()).joined()) {
            return q;
        }
        Token after = sub.last() + 1 < limit ? tokens.get(sub.last() + 1) : null;
        if (after != null && after.joined() && after.isWord()) {
            return q; // "212px"
        }
        c.currency = sub.value().code();
        c.value /= sub.value().perUnit();
        c.last = sub.last();
        return sub.last() + 1;
    }

    /**
     * "trades at around 42 per dollar": the figure is the price of a dollar in the currency the
     * sentence is about (the hryvnia), so its unit is that currency.
     */
    private int exchangeRate(List<Token> tokens, Candidate c, int q, int limit) {
        if (q + 1 >= limit || !(tokens.get(q).is("per") || tokens.get(q).is("a") || tokens.get(q).is("to"))) {
            return q;
        }
        PhraseTable.Match<String> per = lexicon.currenciesAfter.matchForward(tokens, q + 1, limit);
        if (per == null || !isCurrencyForm(tokens, per)) {
            return q;
        }
        for (int k = c.sentence.first(); k < c.first; k++) {
            PhraseTable.Match<String> named = lexicon.currenciesAfter.matchForward(tokens, k, c.first);
            if (named != null && isCurrencyForm(tokens, named) && !named.value().equals(per.value())) {
                c.currency = named.value();
                c.last = per.last();
                return per.last() + 1;
            }
        }
        return q;
    }

    private static int skipArticleBeforeUnit(List<Token> tokens, int u, int limit) {
        int k = u;
        if (k < limit && tokens.get(k).is("of")) {
            k++;
        }
        if (k < limit && (tokens.get(k).is("a") || tokens.get(k).is("an"))) {
            return k + 1;
        }
        return u;
    }

    private static boolean unitFits(List<Token> tokens, PhraseTable.Match<Lexicon.Unit> unit, Candidate c) {
        Token first = tokens.get(unit.first());
        Token after = unit.last() + 1 < tokens.size() ? tokens.get(unit.last() + 1) : null;
        if (after != null && after.joined() && after.isWord()) {
            return false; // "15 mph" yes, "5 mpha" no
        }
        if (unit.value().attached()) {
            // "6.9in", "38C", "218g"; not "5 in Andalusia" or "5G"
            return first.joined() && unit.first() == unit.last() && unit.value().isWrittenAs(first.text());
        }
        if (unit.first() == unit.last() && first.text().length() == 1 && !first.is("%")) {
            return first.joined() || c.form == NumberReader.Form.DIGITS; // single letters: "15 m", "400m"
        }
        return true;
    }

    /** "the 179 won by Tony Blair": a currency's name that is also a verb of holding, with "by" after it, is the verb. */
    private static boolean isVerbWithAgent(List<Token> tokens, PhraseTable.Match<String> m, int limit) {
        return m.first() == m.last() && m.last() + 1 < limit && tokens.get(m.last() + 1).is("by")
            && FrameLexicon.HOLDER_VERBS.contains(tokens.get(m.first()).lower());
    }

    private boolean isCurrencyForm(List<Token> tokens, PhraseTable.Match<String> m) {
        if (m.first() != m.last()) {
            return true;
        }
        Token t = tokens.get(m.first());
        // Three-letter ISO codes must be written in capitals ("USD"), so "try" or "won" stay words.
        if (t.isWord() && t.text().length() == 3 && t.lower().equals(m.value())) {
            return t.isAllCaps();
        }
        return true;
    }

    /** "between 10 and 15", "10-15 drones", "2% to 3%", "$135 billion to $150 billion". */
    private void readRange(List<Token> tokens, Candidate c, int limit) {
        int k = Math.max(c.last, c.numberLast) + 1;
        if (k + 1 >= limit) {
            return;
        }
        Token connector = tokens.get(k);
        boolean between = c.first > c.sentence.first() && tokens.get(c.first - 1).is("between");
        boolean from = c.first > c.sentence.first() && tokens.get(c.first - 1).is("from");
        boolean afterBy = c.first > c.sentence.first() && tokens.get(c.first - 1).is("by");
        boolean hyphen = connector.type() == Token.Type.DASH && (connector.joined() == tokens.get(k + 1).joined());
        boolean word = connector.is("to") || (connector.is("and") && between);
        if (!hyphen && !word) {
            return;
        }
        if (hyphen && isHyphenChain(tokens, k + 1, limit)) {
            return; // a phone number or a code, not a range
        }
        int p = k + 1;
        String currency = null;
        PhraseTable.Match<String> cur = lexicon.currenciesBefore.matchForward(tokens, p, limit);
        if (cur != null && isCurrencyForm(tokens, cur) && reader.startsNumber(tokens, cur.last() + 1, limit)) {
            currency = cur.value();
            p = cur.last() + 1;
        }
        if (!reader.startsNumber(tokens, p, limit)) {
            return;
        }
        NumberReader.NumberMatch high = reader.read(tokens, p, limit, currency != null || c.currency != null);
        if (high == null || (high.form() == NumberReader.Form.FRACTION) != (c.form == NumberReader.Form.FRACTION)) {
            return;
        }
        Candidate second = new Candidate(c.sentence, k + 1, p, high.last(), high.value(), high.form(), high.scaled());
        second.currency = currency;
        readUnit(tokens, second, high.last() + 1, limit);
        if (!compatible(c, second) || c.unit != null && second.unit == null && second.currency == null && connector.is("to")) {
            return; // "lost 2.3% to 18,083.05": a move, then the level it reached
        }
        double low = c.value;
        if (!c.scaled && second.scaled && high.form() == NumberReader.Form.DIGITS) {
            low = c.value * (high.value() / tokens.get(high.first()).number());
        }
        if (!(second.value > low) || afterBy && connector.is("to") && second.value > 2.5 * low) {
            return; // "cut by Y300bn to Y3.2 trillion": a change, then the level it reaches
        }
        if (from && changeVerbBefore(tokens, c.first - 1, c.sentence.first())) {
            return; // "rose from 5% to 7%": two levels, not a range
        }
        c.value = low;
        c.valueHigh = second.value;
        c.numberLast = high.last();
        c.last = Math.max(second.last, high.last());
        if (c.currency == null) {
            c.currency = second.currency;
        }
        if (c.unit == null) {
            c.unit = second.unit;
            c.kind = second.kind;
        }
        c.scaled = c.scaled || second.scaled;
        if (between) {
            c.first = c.first - 1;
        }
    }

    private static boolean compatible(Candidate a, Candidate b) {
        if (a.unit != null && b.unit != null && !a.unit.equals(b.unit)) {
            return false;
        }
        if (a.currency != null && b.currency != null && !a.currency.equals(b.currency)) {
            return false;
        }
        // "2 to 3%" yes; "5% to 6 soldiers" cannot happen, "5% to 6" reads as a range of percent.
        return !(a.unit != null && b.unit == null && b.currency != null) && !(a.currency != null && b.unit != null);
    }

    /** NUMBER-NUMBER-NUMBER written together: a phone number or code. */
    private static boolean isHyphenChain(List<Token> tokens, int secondNumber, int limit) {
        int k = secondNumber + 1;
        return k + 1 < limit && tokens.get(k).type() == Token.Type.DASH && tokens.get(k).joined()
            && tokens.get(k + 1).isNumber() && tokens.get(k + 1).joined();
    }

    private boolean changeVerbBefore(List<Token> tokens, int from, int floor) {
        for (int k = from; k >= Math.max(floor, from - 5); k--) {
            String w = tokens.get(k).lower();
            if (lexicon.changeCue("verb", w) != null || lexicon.changeCue("transitive-verb", w) != null
                || lexicon.changeCue("growth-verb", w) != null || lexicon.changeCue("share-verb", w) != null) {
                return true;
            }
        }
        return false;
    }

    private void readQualifier(List<Token> tokens, Candidate c, Sentence s) {
        int end = c.first - 1;
        if (end - 1 >= s.first() && (tokens.get(end).is("a") || tokens.get(end).is("an"))) {
            end--; // "roughly a 60% chance"
        }
        if (end >= s.first()) {
            PhraseTable.Match<Qualifier> before = lexicon.qualifiersBefore.matchBackward(tokens, end, s.first());
            if (before == null && end != c.first - 1) {
                end = c.first - 1;
            } else if (before != null && lexicon.qualifierParticles.matchBackward(tokens, before.first(), s.first()) == null) {
                c.qualifier = before.value();
                c.qualifierStated = true;
                c.qualifierCue = before.first();
                c.first = before.first();
            }
        }
        int after = c.last + 1;
        if (after + 1 < s.end() && tokens.get(after).type() == Token.Type.DASH && tokens.get(after).joined()
            && tokens.get(after + 1).joined()) {
            after++; // "10,000-plus", "300-odd"
        }
        if (after < s.end()) {
            PhraseTable.Match<Qualifier> post = lexicon.qualifiersAfter.matchForward(tokens, after, s.end());
            if (post != null && (!tokens.get(post.first()).is("+") || tokens.get(post.first()).joined())) {
                c.qualifier = post.value();
                c.qualifierStated = true;
                c.last = post.last();
            }
        }
    }

    private static void assignKind(Candidate c) {
        if (c.kind != null) {
            return;
        }
        if (c.currency != null) {
            c.kind = QuantityKind.MONEY;
            c.unit = c.currency;
        } else if (c.form == NumberReader.Form.FRACTION) {
            c.kind = QuantityKind.FRACTION;
            c.unit = "fraction";
        } else {
            c.kind = QuantityKind.COUNT;
        }
    }
}
