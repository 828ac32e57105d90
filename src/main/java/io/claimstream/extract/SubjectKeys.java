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
 * <li>holder: a contender of a contested measure ({@link Holders}), else the country or entity
 *     the figure belongs to ({@link SubjectEntities});</li>
 * <li>period ({@link Periods}), dated for one-off events;</li>
 * <li>scope: a named place ({@link SubjectPlaces});</li>
 * </ol>
 * then {@link SubjectFrame} renders the key, and {@link #canonical} the figure of the claim key.
 * A claim that refers back ("3,000 of them") takes the slots it lacks from the claim it refers to.
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

    SubjectKeys(Lexicon lexicon, CountedNouns countedNouns) {
        this.lexicon = lexicon;
        this.periods = new Periods(lexicon);
        this.holders = new Holders(lexicon);
        this.entities = new SubjectEntities(lexicon, countedNouns);
        this.measures = new SubjectMeasures(lexicon);
        this.events = new SubjectEvents(lexicon);
        this.places = new SubjectPlaces(lexicon);
    }

    void assign(ArticleText article, List<Token> tokens, List<Sentence> sentences, List<Candidate> claims) {
        LocalDate published = article.published() == null ? null : article.published().atZone(ZoneOffset.UTC).toLocalDate();
        SubjectEntities.EntityIndex index = entities.index(tokens);
        String dominant = index.dominant(article.title());
        ArticleNames names = null; // found once, and only for an article with a contested measure
        LocalDate ledeDay = published == null ? null : periods.ledeDay(tokens, sentences, published);
        List<SubjectFrame> assigned = new ArrayList<>();
        SubjectFrame lastCount = null;
        Candidate previous = null;
        for (Candidate c : claims) {
            boolean share = isShareOfGroup(tokens, c) && lastCount != null;
            String thing = share ? lastCount.thing() + "-share" : measures.thing(tokens, c);
            SubjectFrame antecedent = share ? lastCount : antecedent(assigned, thing);
            // What is done with a sum or a share varies with the telling ("spent", "pledged",
            // "raised"); its topic says what it is.
            boolean eventless = c.kind == QuantityKind.MONEY || c.kind == QuantityKind.PERCENT;
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
            if (lexicon.contestedMeasures.contains(thing)) {
                names = names != null ? names : new ArticleNames(lexicon, tokens, sentences, article.title());
                contender = holders.holder(names, tokens, c);
            }
            String entity = contender != null ? contender : entities.entity(tokens, index, c, antecedent, share, dominant);
            if (antecedent != null && event.equals(NONE) && refersBack(c, share)) {
                event = antecedent.event(); // "the running total went past 850,000"
            }
            String period = period(tokens, c, published, ledeDay, thing, event);
            if (c.change != null) {
                event = event.equals(NONE) ? "change" : event + "-change";
            }
            String place = places.place(tokens, c);
            if (place.isEmpty() && refersBack(c, share) && antecedent != null) {
                place = antecedent.place();
            }
            SubjectFrame parts = new SubjectFrame(entity, thing, event, place, period, c.sentence.index());
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

    private static boolean refersBack(Candidate c, boolean share) {
        return c.pronounCount || c.partitive || c.bareCount || share;
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
