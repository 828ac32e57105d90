package io.claimstream.extract;

/**
 * The version of the rules that build subject keys ({@link SubjectKeys}, the classes it composes:
 * {@link SubjectMeasures}, {@link SubjectEvents}, {@link SubjectEntities}, {@link Holders},
 * {@link Periods}, {@link SubjectPlaces}, {@link SubjectSegments}, {@link SubjectModality}, {@link SubjectFrame};
 * and the lexicons they read, {@link FrameLexicon}'s among them). Subjects are stored and published under their key, so keys built by other rules are
 * other subjects: the processor writes the version into every subject it keeps and into a header
 * of every claims.by-subject record, and on start removes (with a tombstone) the subjects written
 * under any other version.
 *
 * <p><b>Whoever changes the rules that build subject keys bumps {@link #VERSION}</b>, in the same
 * commit: a change after which some subject gets another key than before. Without the bump,
 * subjects under the old keys stay in claims.by-subject beside the new ones until they expire.
 * A change that keys every subject as before (a fix that only changes claims, a new lexicon
 * entry for words no key was built from) keeps it.
 */
public final class SubjectKeyScheme {

    /**
     * The current scheme. 1: {@code entity/thing/event[/place][@period]} (everything written
     * before versions existed); 2: {@code holder/measure[/scope][@period]}; 3: the same, with a
     * company holding the measures it reports and a forecast or estimate of a figure a subject of
     * its own beside the actual ({@code nordwind/revenue-forecast}); 4: the same, with the figure of
     * the year or quarter before a subject apart ({@code nordwind/revenue@year-earlier}) and a change
     * against the quarter or month before apart from the change over a year; 5: the same, with a
     * change that names no topic the change of the level stated with it ({@code grew 18% to $2.1bn})
     * and an index level keyed without what the market did to reach it; a product named by its
     * model holding its price in each market and its specifications ({@code s25-ultra/price/germany});
     * the regions of a breakdown scoping their figures ({@code tavaria/person-infected/sel-coast}); the
     * parts of a deal's price apart from its whole ({@code wirtz/value-initial}, {@code wirtz/value-total});
     * 6: the same, with a ballot's result keyed by the side it counts ({@code vote-against}), the
     * companies of a breakdown scoping their figures, and a dateline's country no lexicon knows
     * holding the figures told near a known country.
     */
    public static final int VERSION = 6;

    private SubjectKeyScheme() {
    }
}
