package io.claimstream.extract;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

    /** A count's class and a word in its phrase -> the narrower measure (refined-measures.tsv): "gold medals" are golds. */
    static final Map<String, String> REFINED_MEASURES = pairs("refined-measures.tsv");

    /** Verbs, mostly irregular, after which a name is its clause's subject (holder-verbs.tsv): "the party took 38%". */
    static final Set<String> HOLDER_VERBS = firstColumn("holder-verbs.tsv");

    /** Verbs after which "one" counts what is held (holder-verbs.tsv, second column "one"): "won one gold medal". */
    static final Set<String> ONE_COUNTING_VERBS = marked("holder-verbs.tsv", "one");

    /**
     * Measures of a sum paid for something (purchase-measures.tsv): the name after "for" holds them
     * ("a fee of £116m for Florian Wirtz", "$69bn for Activision").
     */
    static final Set<String> PURCHASE_MEASURES = firstColumn("purchase-measures.tsv");

    /** Measures scoped by what they are levied on (scoped-measures.tsv): "a 10% duty on lentils". */
    static final Set<String> LEVIED_MEASURES = firstColumn("scoped-measures.tsv");

    /** Topics of a sum that is the price of the product named with it (product-measures.tsv). */
    static final Set<String> PRODUCT_MEASURES = firstColumn("product-measures.tsv");

    /** Words naming a model's variant, and their key parts (product-variants.tsv): "Ultra", "+" is "plus". */
    static final Map<String, String> PRODUCT_VARIANTS = column("product-variants.tsv");

    /** Words that tell a sum is the price of the deal already named (purchase-cues.tsv). */
    static final Set<String> PURCHASE_CUES = firstColumn("purchase-cues.tsv");

    /** Words after which what is bought is named (purchase-cues.tsv, second column "verb"): "the signing of Florian Wirtz". */
    static final Set<String> PURCHASE_VERBS = marked("purchase-cues.tsv", "verb");

    /** "initial before" and "add-ons after" -> the part of a price they name (purchase-parts.tsv). */
    static final Map<String, String> PURCHASE_PARTS = pairs("purchase-parts.tsv");

    /** Words of a ballot and the side they name (ballot-words.tsv): "voted 64% to reject", "approved by 59%". */
    static final Map<String, String> BALLOT_WORDS = column("ballot-words.tsv");

    /** Words that name a disaster and the events of the people it strikes (disasters.tsv). */
    static final Map<String, String> DISASTER_WORDS = column("disasters.tsv");

    /** Verbs whose object does what the infinitive after it says (causative-verbs.tsv): "forced 12,000 people to leave". */
    static final Set<String> CAUSATIVE_VERBS = firstColumn("causative-verbs.tsv");

    private FrameLexicon() {
    }

    private static Map<String, String> pairs(String file) {
        Map<String, String> map = new HashMap<>();
        for (String[] r : LexiconFile.rows(file, 3)) {
            map.put(r[0] + " " + r[1], r[2]);
        }
        return Map.copyOf(map);
    }

    private static Map<String, String> column(String file) {
        Map<String, String> map = new HashMap<>();
        for (String[] r : LexiconFile.rows(file, 2)) {
            map.put(r[0], r[1]);
        }
        return Map.copyOf(map);
    }

    private static Set<String> marked(String file, String mark) {
        Set<String> words = new HashSet<>();
        for (String[] r : LexiconFile.rows(file, 2)) {
            if (mark.equals(r[1])) {
                words.add(r[0]);
            }
        }
        return Set.copyOf(words);
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
