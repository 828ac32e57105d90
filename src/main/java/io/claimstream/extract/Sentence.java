package io.claimstream.extract;

/** A sentence: tokens {@code first..end} (exclusive) of the article, in paragraph {@code paragraph}. */
record Sentence(int index, int first, int end, int start, int stop, int paragraph) {

    boolean contains(int token) {
        return token >= first && token < end;
    }
}
