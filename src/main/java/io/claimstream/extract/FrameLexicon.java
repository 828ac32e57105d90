package io.claimstream.extract;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The word lists the subject frame's rules read beside {@link Lexicon}'s, loaded once from the
 * lexicon folder: kept apart so that the frame's data lives in one place.
 */
final class FrameLexicon {

    /**
     * Measures a company reports of itself (revenue, net income, margin, backlog, shares): the
     * company named in the figure's clause holds them, else the organisation the article is about
     * (company-measures.tsv).
     */
    static final Set<String> COMPANY_MEASURES = firstColumn("company-measures.tsv");

    private FrameLexicon() {
    }

    private static Set<String> firstColumn(String file) {
        List<String[]> rows = LexiconFile.rows(file, 1);
        Set<String> words = new HashSet<>();
        for (String[] r : rows) {
            words.add(r[0]);
        }
        return Set.copyOf(words);
    }
}
