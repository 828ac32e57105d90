package io.claimstream.status;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Subjects in the order of a query, as JSON objects of the API, each with the rank it was
 * placed by, and whether the source they came from holds more after them.
 *
 * <p>The rank travels beside the subject rather than being read back from it: an instance ranks
 * a subject by all its figures, and the record it shows may list only some of them (its size
 * bound), so another instance could not recompute the same rank.
 */
record SubjectPage(List<Ranked> entries, boolean more) {

    /** A subject and its place in the order. */
    record Ranked(SubjectRank rank, JsonNode subject) {
    }

    SubjectPage {
        entries = List.copyOf(entries);
    }

    List<JsonNode> subjects() {
        return entries.stream().map(Ranked::subject).toList();
    }

    /** The {@code after} of the next page, or null when this is the last. */
    String next(SubjectOrder order) {
        return more && !entries.isEmpty() ? order.cursor(entries.get(entries.size() - 1).rank()) : null;
    }

    /** For each subject, the {@code after} that continues the list after it. */
    List<String> cursors(SubjectOrder order) {
        return entries.stream().map(e -> order.cursor(e.rank())).toList();
    }

    /**
     * The first {@code limit} subjects of several pages answering the same query (from
     * partitions or instances that hold disjoint keys). Each page holds its source's first
     * subjects in {@code order}, so the merged page misses none that come before its last one.
     */
    static SubjectPage merge(List<SubjectPage> pages, SubjectOrder order, int limit) {
        List<Ranked> all = new ArrayList<>();
        boolean more = false;
        for (SubjectPage page : pages) {
            all.addAll(page.entries());
            more |= page.more();
        }
        all.sort((a, b) -> order.comparator().compare(a.rank(), b.rank()));
        more |= all.size() > limit;
        return new SubjectPage(all.subList(0, Math.min(limit, all.size())), more);
    }

    static String key(JsonNode subject) {
        return subject.path("subject_key").asText();
    }
}
