package io.claimstream.extract;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives each claim a subject key (what is quantified) and a claim key (that subject, the figure
 * and its unit). A subject key reads {@code holder/measure[/scope][@period]}: the country or
 * body the figure belongs to ("russia"); the measure, which is the class of what is counted or
 * the topic of a sum, share or measure ("soldier", "inflation", "capacity-power") with the event
 * bound to the figure ("soldier-killed", "revenue-change"); a named place as its scope ("kursk");
 * and the period stated with it ("2024", "2025-01", "per-day-2025-02-14"). Aliases fold through
 * the lexicons, so the same subject in other words gets the same key: "Russian troops killed",
 * "Moscow's soldiers ... dead"; "a transfer fee of", "a deal worth".
 *
 * <p>This class composes the slots, in this order, each from a class of its own:
 * <ol>
 * <li>measure: what is counted or the topic of the figure ({@link SubjectMeasures#thing});</li>
 * <li>measure: what happened to it ({@link SubjectEvents});</li>
 * <li>holder: a contender of a contested measure, or what a sum buys ("€150m for Florian Wirtz")
 *     ({@link Holders}; the part of the deal's price a sum is, {@link DealPrices}), a product named by its model for its price or a measure in units
 *     ({@link ProductNames}: "s25-ultra/price/germany", "s25-ultra/mass"), else the country or entity
 *     the figure belongs to ({@link SubjectEntities});</li>
 * <li>modality: a company's forecast or others' estimate, a forecast count, a peak
 *     ({@link SubjectModality}), rendered after the measure ("revenue-forecast");</li>
 * <li>period ({@link Periods}), dated for one-off events;</li>
 * <li>scope: a company's segment of its revenue, what a tariff is levied on ({@link SubjectSegments}),
 *     else a named place ({@link SubjectPlaces});</li>
 * </ol>
 * A company measure (company-measures.tsv) is held by the company, a contested one by the contender
 * acting on it ({@link Holders}); a figure no rule gives a holder falls to the story's place.
 * then {@link SubjectFrame} renders the key, and {@link #canonical} the figure of the claim key.
 * A claim that refers back ("3,000 of them") takes the slots it lacks from the claim it refers to;
 * one in brackets right after another ("£116m (€136m)") is that figure again and takes its subject.
 */
final class SubjectKeys {

    private static final String NONE = SubjectFrame.NONE;

    private final Lexicon lexicon;
    private final Periods periods;
    private final Holders holders;
    private final SubjectEntities entities;
    private final SubjectMeasures measures;
    private final SubjectEvents events;
    private final SubjectPlaces places;
    private final SubjectSegments segments;

    SubjectKeys(Lexicon lexicon, CountedNouns countedNouns) {
        this.lexicon = lexicon;
        this.periods = new Periods(lexicon);
        this.holders = new Holders(lexicon);
        this.entities = new SubjectEntities(lexicon, countedNouns);
        this.measures = new SubjectMeasures(lexicon);
        this.events = new SubjectEvents(lexicon);
        this.places = new SubjectPlaces(lexicon);
        this.segments = new SubjectSegments(lexicon);
    }

    void assign(ArticleText article, List<Token> tokens, List<Sentence> sentences, List<Candidate> claims) {
        LocalDate published = article.published() == null ? null : article.published().atZone(ZoneOffset.UTC).toLocalDate();
        SubjectEntities.EntityIndex index = entities.index(tokens);
        String dominant = index.dominant(article.title());
        String disaster = null; // read at the first count a disaster would hold; NONE when the article names none
        ArticleNames names = null; // found once, and only for an article with a contested measure
        ProductNames products = null; // found once, and only for an article with a price or a measure in units
        LocalDate ledeDay = published == null ? null : periods.ledeDay(tokens, sentences, published);
        List<SubjectFrame> assigned = new ArrayList<>();
        SubjectFrame lastCount = null;
        String lastPurchase = null; // what the last sum bought, for the sums of the same deal told after it
        SubjectFrame companyFrame = null; // the last figure of a company measure, for the figures set against it
        Candidate previous = null;
        for (Candidate c : claims) {
            if (previous != null && converts(tokens, previous, c)) {
                SubjectFrame same = assigned.get(assigned.size() - 1);
                assigned.add(same);
                keyClaim(c, same); // "£116m (€136m)": the same figure in another currency
                previous = c;
                continue;
            }
            boolean share = isShareOfGroup(tokens, c) && lastCount != null;
            String thing = share ? lastCount.thing() + "-share" : measures.thing(tokens, c);
            if (c.kind == QuantityKind.MONEY && (thing.equals("money") || thing.equals("share")) && previous != null
                && previous.sentence == c.sentence && assigned.get(assigned.size() - 1).thing().startsWith("eps")) {
                thing = "eps"; // "earned 87 cents a share, ahead of the 81-cent consensus": the figure it is set against
            }
            SubjectFrame antecedent = share ? lastCount : antecedent(assigned, thing);
            // What is done with a sum or a share varies with the telling ("spent", "pledged",
            // "raised"); its topic says what it is.
            // An index level is where the market stood: "closed at", "lost 2.3% to" tell its change, not an
            // event; a quake's magnitude is its size, not what it did ("a magnitude 6.8 quake killed 30").
            boolean eventless = c.kind == QuantityKind.MONEY || c.kind == QuantityKind.PERCENT
                || "point".equals(c.unit) || "magnitude".equals(c.unit);
            String event = eventless ? NONE : events.impliedEvent(c);
            if (event.equals(NONE) && !eventless) {
                event = events.event(tokens, c);
            }
            if (event.equals(NONE) && !eventless && previous != null && previous.sentence == c.sentence
                && listed(tokens, previous, c)) {
                event = assigned.get(assigned.size() - 1).event(); // "10,127 tanks, ... and 23,402 systems as destroyed"
            }
            if (lexicon.launchedWeapons.contains(thing) && event.equals("deployed")) {
                event = "launched";
            }
            if (lexicon.captivePeople.contains(thing) && (event.equals("freed") || event.equals("captured") || event.equals("received"))) {
                thing = "prisoner";
                event = event.equals("received") ? "freed" : event; // "received 150 servicemen" in a swap
            }
            String contender = null;
            boolean company = FrameLexicon.COMPANY_MEASURES.contains(thing);
            SubjectModality.Cues cues = SubjectModality.of(tokens, c);
            String modality = cues.modality();
            if (company || lexicon.contestedMeasures.contains(thing)) {
                names = names != null ? names : new ArticleNames(lexicon, tokens, sentences, article.title());
                // Analysts' estimate of a company's figure is still the company's: "the LSEG consensus" names its compiler.
                contender = modality.equals(SubjectModality.ESTIMATE) ? null : holders.holder(names, tokens, c);
                if (company && contender != null && names.mentions(contender) < 2 && names.main() != null) {
                    contender = null; // "Frozen foods revenue", "Analysts expected": a capital that names no company
                }
                if (contender == null && company) {
                    // "Velmora expects $5.15bn, against a consensus of $5.22bn": the company of the figure it is set
                    // against; else the company the story is about ("Revenue rose 6%").
                    contender = companyFrame != null && companyFrame.sentence() == c.sentence.index()
                        ? companyFrame.entity() : names.main();
                }
            }
            if (contender == null && c.kind == QuantityKind.MONEY && FrameLexicon.PURCHASE_MEASURES.contains(thing)
                && Holders.saysFor(tokens, c)) {
                names = names != null ? names : new ArticleNames(lexicon, tokens, sentences, article.title());
                contender = holders.purchased(names, tokens, c); // "€150m for Florian Wirtz": what the sum buys
                thing = contender == null ? thing : "value"; // the price of what is bought, however worded
            }
            if (contender == null && c.kind == QuantityKind.MONEY && FrameLexicon.PURCHASE_MEASURES.contains(thing)
                && DealPrices.saysDeal(tokens, c)) {
                int verb = Holders.purchaseVerbBefore(tokens, c);
                if (verb >= 0) {
                    names = names != null ? names : new ArticleNames(lexicon, tokens, sentences, article.title());
                    contender = holders.bought(names, tokens, c, verb); // "the signing of Florian Wirtz ... in a deal worth £116m"
                }
                // "The fee is made up of an initial £100m": else the deal already named
                contender = contender != null ? contender : lastPurchase;
                thing = contender == null ? thing : "value";
            }
            if (contender != null && thing.equals("value") && c.kind == QuantityKind.MONEY) {
                lastPurchase = contender;
                thing = DealPrices.part(tokens, c, thing);
            }
            if (contender == null && lexicon.contestedMeasures.contains(thing) && previous != null && previous.sentence == c.sentence
                && listedWithNouns(tokens, previous, c) && lexicon.contestedMeasures.contains(assigned.get(assigned.size() - 1).thing())) {
                contender = assigned.get(assigned.size() - 1).entity(); // "31 gold medals, 25 silver and 19 bronze"
            }
            if ((event.equals("won") || event.equals("freed")) && lexicon.contestedMeasures.contains(thing)) {
                // "Labour won 411 seats", "Labour's 411 seats", "brought home 65 medals": winning is how a
                // contender holds them, whoever holds them
                event = NONE;
            }
            String entity = contender != null ? contender : entities.entity(tokens, index, c, antecedent, share, dominant);
            if (contender == null && c.kind == QuantityKind.COUNT && NamedDisasters.holds(event)) {
                disaster = disaster != null ? disaster : java.util.Objects.requireNonNullElse(NamedDisasters.of(tokens), NONE);
                // "aid to Kaloa as the death toll from Cyclone Irelle reached 41": the storm's toll
                entity = disaster.equals(NONE) ? entity : disaster;
            }
            String market = null;
            if (contender == null && !company && (c.kind == QuantityKind.MEASURE || "point".equals(c.unit)
                || c.kind == QuantityKind.MONEY && FrameLexicon.PRODUCT_MEASURES.contains(thing))) {
                products = products != null ? products : new ProductNames(lexicon, tokens, claims);
                String product = products.holder(tokens, c, sentences);
                if (product != null) {
                    // "the S25 starts at $799.99", "a 5,000mAh battery" in a sentence on the S25 Ultra: the
                    // product's price, scoped by the market it is sold in, or its specification, the same anywhere.
                    market = c.kind == QuantityKind.MONEY ? entity : "";
                    thing = c.kind == QuantityKind.MONEY ? "price" : thing;
                    entity = product;
                }
            }
            if (antecedent != null && event.equals(NONE) && refersBack(c, share)) {
                event = antecedent.event(); // "the running total went past 850,000"
            }
            // A market's level and its moves are a trading day's: "the FTSE 100 closed at 8,283 on Thursday", "shares fell 2%";
            // a league's points are a running total.
            boolean session = "point".equals(c.unit) && (c.kind == QuantityKind.MEASURE || market != null) || thing.equals("stock");
            String period = period(tokens, c, published, ledeDay, thing, event, session);
            // A standing level (a policy rate) has no period to keep a forecast of it apart: "expects the rate to reach 3.5%".
            boolean standing = !modality.isEmpty() && lexicon.timelessTopics.contains(thing) || modality.equals(SubjectModality.TARGET);
            if (!company && !standing && (modality.equals(SubjectModality.ESTIMATE) || !period.isEmpty() || c.kind != QuantityKind.COUNT)) {
                // Beyond a company's results, only a forecast count without a period of its own stands apart
                // ("31.6 million passengers expected", "projected to win 131 seats" beside the counts reported).
                // A forecast level (growth, inflation, borrowing for a year) is most often the only figure of
                // its period, told with or without "expects"; and an intelligence "estimate" of a toll is the toll.
                modality = SubjectModality.ACTUAL;
            }
            if (modality.isEmpty() && cues.peak()) {
                modality = SubjectModality.PEAK; // "down from a peak of 1,294 sq km": the highest, not where it stands
            }
            if (!modality.isEmpty()) {
                thing = thing + "-" + modality; // "revenue-forecast": the company's outlook is not its results
            }
            if (c.change != null) {
                event = event.equals(NONE) ? "change" : event + "-change";
            }
            String place = market != null ? market : company && thing.equals("revenue") ? segments.segment(tokens, c)
                : FrameLexicon.LEVIED_MEASURES.contains(thing) ? segments.levied(tokens, c) : "";
            if (place.isEmpty() && market == null) {
                place = places.place(tokens, c, article.title());
            }
            if (place.isEmpty() && refersBack(c, share) && antecedent != null) {
                place = antecedent.place();
            }
            if (contender == null && FrameLexicon.LEVIED_MEASURES.contains(thing)) {
                // "a 25% tariff on imports from Mexico": the country that levies it, not the goods' origin
                entity = entities.levying(tokens, index, c, place, entity);
                if (thing.equals("tax") && index.names(place)) {
                    thing = "tariff"; // "an extra 10% levy on Chinese products": a tax on a country's goods is a tariff
                }
            }
            if (place.equals(entity)) {
                place = ""; // "killed 30 people in Kaloa" in a story about Kaloa: the holder, not a part of it
            }
            SubjectFrame parts = new SubjectFrame(entity, thing, event, place, period, c.sentence.index());
            assigned.add(parts);
            if (c.kind == QuantityKind.COUNT) {
                lastCount = parts;
            }
            if (company && !entity.equals(NONE)) {
                companyFrame = parts;
            }
            keyClaim(c, parts);
            previous = c;
        }
        changesOfLevels(tokens, claims, assigned);
        breakdowns(tokens, claims, assigned);
    }

    /**
     * "Drummond remains the worst-hit province, with 612 cases. The Sel Coast has recorded 401
     * cases, and the Northern Lakes 271": figures of one measure stated for two or more names no
     * lexicon knows are a breakdown, and each name scopes its figures.
     */
    private void breakdowns(List<Token> tokens, List<Candidate> claims, List<SubjectFrame> assigned) {
        String[] names = new String[claims.size()];
        java.util.Map<String, java.util.Set<String>> byMeasure = new java.util.HashMap<>();
        for (int i = 0; i < claims.size(); i++) {
            SubjectFrame f = assigned.get(i);
            if (f.place().isEmpty() && (claims.get(i).kind == QuantityKind.COUNT || claims.get(i).kind == QuantityKind.MEASURE)) {
                names[i] = places.breakdownName(tokens, claims.get(i));
            }
            if (names[i] != null && !names[i].equals(f.entity())) {
                byMeasure.computeIfAbsent(measureOf(f), m -> new java.util.HashSet<>()).add(names[i]);
            }
        }
        for (int i = 0; i < claims.size(); i++) {
            SubjectFrame f = assigned.get(i);
            java.util.Set<String> stated = names[i] == null ? null : byMeasure.get(measureOf(f));
            if (stated != null && stated.size() >= 2 && stated.contains(names[i])) {
                SubjectFrame scoped = new SubjectFrame(f.entity(), f.thing(), f.event(), names[i], f.period(), f.sentence());
                assigned.set(i, scoped);
                keyClaim(claims.get(i), scoped);
            }
        }
    }

    /** The holder and measure of a frame, which the names of a breakdown share. */
    private static String measureOf(SubjectFrame f) {
        return f.entity() + "/" + f.thing() + "-" + f.event();
    }

    /** Measures that only say what kind of figure a change is: it names no topic of its own. */
    private static final java.util.Set<String> BARE_MEASURES = java.util.Set.of("share", "points", "money", "count");

    /**
     * "grew 72% to $449 million", "5.84 million are expected to fly, up 2% from last year": a
     * change that names no topic of its own is the change of the level stated with it, so it takes
     * that level's holder, measure and scope.
     */
    private static void changesOfLevels(List<Token> tokens, List<Candidate> claims, List<SubjectFrame> assigned) {
        for (int i = 0; i < claims.size(); i++) {
            Candidate c = claims.get(i);
            SubjectFrame own = assigned.get(i);
            if (c.change == null || !own.event().equals("change")) {
                continue;
            }
            int level = i + 1 < claims.size() && reachesLevel(tokens, c, claims.get(i + 1)) ? i + 1
                : i > 0 && followsLevel(tokens, claims.get(i - 1), c) ? i - 1 : -1;
            // An index's move is always its level's: "the FTSE 100 fell 1% to 8,283 as ... technology shares fell"
            if (level < 0 || !BARE_MEASURES.contains(own.thing()) && !"point".equals(claims.get(level).unit)) {
                continue;
            }
            SubjectFrame of = assigned.get(level);
            SubjectFrame frame = new SubjectFrame(of.entity(), of.thing(),
                of.event().equals(NONE) ? "change" : of.event() + "-change", of.place(),
                own.period().isEmpty() ? of.period() : own.period(), own.sentence());
            assigned.set(i, frame);
            keyClaim(c, frame);
        }
    }

    /** "grew 72% to $449 million": only "to" between the change and the level it reached. */
    private static boolean reachesLevel(List<Token> tokens, Candidate change, Candidate level) {
        if (level.sentence != change.sentence || level.change != null) {
            return false;
        }
        int k = change.last + 1;
        if (level.first == k + 3 && tokens.get(k).is("to") && tokens.get(k + 1).isWord() && tokens.get(k + 2).is("at")) {
            return true; // "gained 2.1% to finish at 11,402.55"
        }
        return level.first == k + 1
            && (tokens.get(k).is("to") || tokens.get(k).is("at") && "point".equals(level.unit)); // "closed down 1% at 8,283"
    }

    /** "$449 million, up 72%", "18.3 million passengers from Nov. 22, about 6% more": the change set off after the level. */
    private static boolean followsLevel(List<Token> tokens, Candidate level, Candidate change) {
        if (level.sentence != change.sentence || level.change != null || change.first - level.last > 12) {
            return false;
        }
        for (int k = change.first - 1; k >= Math.max(level.last + 1, change.first - 3); k--) {
            if (tokens.get(k).is(",")) {
                return true;
            }
        }
        return false;
    }

    private static void keyClaim(Candidate c, SubjectFrame parts) {
        c.subjectKey = parts.key();
        c.subject = parts.label();
        c.claimKey = c.subjectKey + "=" + canonical(c.value) + (c.valueHigh == null ? "" : "-" + canonical(c.valueHigh))
            + (c.kind == QuantityKind.COUNT ? "" : c.unit);
    }

    /**
     * "£116m (€136m)", "9 gigawatts (9,000 megawatts)": a figure in brackets right after another of
     * the same kind states it again in another unit, so it has the other's subject.
     */
    private static boolean converts(List<Token> tokens, Candidate first, Candidate next) {
        return first.sentence == next.sentence && first.kind == next.kind && next.first == first.last + 2
            && tokens.get(first.last + 1).is("(") && next.last + 1 < next.sentence.end() && tokens.get(next.last + 1).is(")");
    }

    private static boolean refersBack(Candidate c, boolean share) {
        return c.pronounCount || c.partitive || c.bareCount || share;
    }

    /**
     * The period stated with the figure; one-off events (a barrage, an exchange) and daily counts
     * also carry the day they happened, so each night's barrage is a subject of its own. Levels
     * that hold until changed (a key rate) carry none.
     */
    private String period(List<Token> tokens, Candidate c, LocalDate published, LocalDate ledeDay, String thing, String event,
                          boolean session) {
        String period = periods.of(tokens, c, published);
        if (lexicon.timelessTopics.contains(thing)) {
            return "";
        }
        boolean once = lexicon.onceEvents.contains(event) || session && period.isEmpty() || period.equals("per-day")
            || period.equals("per-week");
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

    /** "31 gold medals, 25 silver and 19 bronze": one list, its items' nouns and commas and "and" between. */
    private static boolean listedWithNouns(List<Token> tokens, Candidate first, Candidate next) {
        if (next.first - first.last > 5) {
            return false;
        }
        for (int k = first.last + 1; k < next.first; k++) {
            Token t = tokens.get(k);
            if (!(t.is(",") || t.is("and") || t.isWord() && !t.isCapitalised() && !t.word().isFunction())) {
                return false;
            }
        }
        return true;
    }

    private static SubjectFrame antecedent(List<SubjectFrame> assigned, String thing) {
        for (int i = assigned.size() - 1; i >= 0; i--) {
            if (assigned.get(i).thing().equals(thing)) {
                return assigned.get(i);
            }
        }
        return null;
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
        String written = Double.toString(value);
        int digits = Decimals.significantDigits(written);
        if (digits > 0 && digits <= 6) {
            return written; // "12.1", "0.81": the rounding would give these digits (see Decimals)
        }
        BigDecimal d = new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }
}
