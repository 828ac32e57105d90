package io.claimstream.extract;

import java.util.List;

/** Placeholder until subject keys land. */
final class SubjectKeys {

    SubjectKeys(Lexicon lexicon, CountedNouns countedNouns) {
    }

    void assign(ArticleText article, List<Token> tokens, List<Candidate> claims) {
    }
}
