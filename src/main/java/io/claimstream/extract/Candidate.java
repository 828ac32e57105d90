package io.claimstream.extract;

/**
 * A quantity while the extractor works on it: recognised, then classified, then given its
 * counted noun, claimant and subject. Mutable and confined to one extraction call.
 */
final class Candidate {

    final Sentence sentence;
    /** Tokens of the whole span, qualifier and unit words included (inclusive). */
    int first;
    int last;
    /** Tokens of the figure itself, for the rules that look around it. */
    final int numberFirst;
    int numberLast;
    double value;
    Double valueHigh;
    String unit;
    QuantityKind kind;
    Qualifier qualifier = Qualifier.EXACT;
    boolean qualifierStated;
    /** Token of the qualifier cue before the figure, or -1. */
    int qualifierCue = -1;
    Change change;
    String currency;
    boolean scaled;
    NumberReader.Form form;
    /** A count whose counted noun was not written next to it ("another 119", "2,700 wounded"). */
    boolean bareCount;
    /** "138 of them", "72 of which": the counted noun is the antecedent's. */
    boolean pronounCount;
    /** "2,700 of the troops": a part of a group named before. */
    boolean partitive;
    String claimant;
    String subject;
    String subjectKey;
    String claimKey;

    Candidate(Sentence sentence, int first, int numberFirst, int numberLast, double value, NumberReader.Form form,
              boolean scaled) {
        this.sentence = sentence;
        this.first = first;
        this.last = numberLast;
        this.numberFirst = numberFirst;
        this.numberLast = numberLast;
        this.value = value;
        this.form = form;
        this.scaled = scaled;
    }

    boolean isClaim() {
        return kind != null && kind.isClaim();
    }
}
