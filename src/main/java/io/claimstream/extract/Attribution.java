package io.claimstream.extract;

/**
 * A cue in one sentence: who is speaking, and which figures of the sentence it covers. {@code cue}
 * is the cue's token, {@code speakerFirst} the speaker's first; a cue covers what follows it
 * ({@code forward}), what comes before the speaker ({@code backward}) or the whole sentence.
 */
record Attribution(int cue, int speakerFirst, String claimant, boolean forward, boolean backward,
                   boolean sentenceWide) {

    boolean covers(int token) {
        return sentenceWide || (forward && token > cue) || (backward && token < speakerFirst && token < cue);
    }
}
