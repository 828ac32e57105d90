package io.claimstream.extract;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The modality slot of a subject frame: whether a figure is the reported actual, the holder's own
 * forecast ("Nordwind expects revenue of $5bn", "guided to $2.5bn") or others' estimate of it
 * ("analysts had expected $1.30 a share", "the $2.29 billion consensus"). A forecast and an
 * estimate are subjects of their own beside the actual (DESIGN.md); the cue words are
 * modality-cues.tsv's. The cue must be in the figure's own clause: a sentence that reports an
 * actual "ahead of the consensus of X" keeps the actual's modality for the actual.
 */
final class SubjectModality {

    /** The reported figure itself: no suffix. */
    static final String ACTUAL = "";
    static final String FORECAST = "forecast";
    static final String ESTIMATE = "estimate";
    /** What the holder aims for ("the ECB's 2% target", "a deficit target of 3.8 trillion roubles"): not what it reached. */
    static final String TARGET = "target";

    /** The highest a running figure reached ({@link Cues#peak}): a subject apart from where it stands. */
    static final String PEAK = "peak";
    /** A word that ends the figure's phrase: what follows is about another figure. */
    private static final String END = "end";

    /** How many words right after the figure may say what it is ("$4.71 billion average analyst estimate"). */
    private static final int AFTER = 4;
    /** How far back in its clause a cue may stand ("Nordwind has forecast fourth-quarter revenue of"). */
    private static final int BEFORE = 10;

    private static final Map<String, String> CUES = cues();

    private SubjectModality() {
    }

    /**
     * The claim's modality ({@link #ACTUAL}, {@link #FORECAST} or {@link #ESTIMATE}) and whether a
     * cue before it says its figure is the highest it reached ("down from a peak of 1,294", "At the
     * height of its incursion, Ukraine controlled about 1,300").
     */
    record Cues(String modality, boolean peak) {
    }

    /**
     * {@link #ACTUAL}, {@link #FORECAST} or {@link #ESTIMATE} for the claim's figure, and whether it
     * is a peak: one walk back over the words before the figure answers both, each word's cue read once.
     */
    static Cues of(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        String found = ACTUAL;
        for (int k = c.last + 1; k < Math.min(s.end(), c.last + 1 + AFTER); k++) {
            Token t = tokens.get(k);
            if (t.type() == Token.Type.PUNCT || t.type() == Token.Type.DASH && !t.joined()) {
                break;
            }
            String cue = CUES.get(t.lower());
            if (END.equals(cue)) {
                break;
            }
            found = stronger(found, cue);
        }
        found = stronger(found, passiveCue(tokens, c));
        // The modality's cue must be in the figure's clause (a comma, a dash or an END cue closes it);
        // a peak's may stand further back, up to a semicolon, a colon or a quotation mark.
        boolean clause = true;
        boolean peak = false;
        for (int k = c.first - 1; k >= Math.max(s.first(), c.first - BEFORE); k--) {
            Token t = tokens.get(k);
            if (t.is(";") || t.is(":") || t.type() == Token.Type.QUOTE) {
                break;
            }
            clause &= !(t.is(",") || t.type() == Token.Type.DASH && !t.joined());
            if (!clause && peak) {
                break;
            }
            String cue = CUES.get(t.lower());
            peak |= PEAK.equals(cue);
            if (clause && END.equals(cue)) {
                clause = false;
            } else if (clause) {
                found = stronger(found, cue);
            }
        }
        // "hit 50 targets" counts what was struck: only a level, a share or a sum is aimed for
        return new Cues(found.equals(TARGET) && c.kind == QuantityKind.COUNT ? ACTUAL : found, peak);
    }

    /** How far after the figure its clause's passive verb may stand: "79.9 million people in the United States are expected". */
    private static final int PASSIVE = 9;

    /** "79.9 million people in the United States are expected to travel": the figure is the subject of a passive cue. */
    private static String passiveCue(List<Token> tokens, Candidate c) {
        Sentence s = c.sentence;
        for (int k = c.last + 1; k + 1 < Math.min(s.end(), c.last + 1 + PASSIVE); k++) {
            Token t = tokens.get(k);
            if (t.type() == Token.Type.PUNCT || t.isNumber()) {
                return ACTUAL;
            }
            if (t.is("are") || t.is("is") || t.is("were") || t.is("was")) {
                String cue = CUES.get(tokens.get(k + 1).lower());
                return END.equals(cue) || cue == null ? ACTUAL : cue;
            }
        }
        return ACTUAL;
    }

    private static String stronger(String found, String cue) {
        if (cue == null || PEAK.equals(cue) || END.equals(cue)) {
            return found;
        }
        if (found.equals(TARGET) || cue.equals(TARGET)) {
            return TARGET; // "expects inflation to return to its 2% target": the figure is the target
        }
        if (found.equals(ESTIMATE)) {
            return found;
        }
        return cue;
    }

    private static Map<String, String> cues() {
        Map<String, String> cues = new HashMap<>();
        for (String[] r : LexiconFile.rows("modality-cues.tsv", 2)) {
            cues.put(r[0], r[1]);
        }
        return Map.copyOf(cues);
    }
}
