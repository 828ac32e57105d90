package io.claimstream.status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Subjects in key order, as JSON objects of the API, and whether the source they came from
 * holds more after them.
 */
record SubjectPage(List<JsonNode> subjects, boolean more) {

    private static final Comparator<JsonNode> BY_KEY = Comparator.comparing(SubjectPage::key, SubjectKeyOrder.ORDER);

    SubjectPage {
        subjects = List.copyOf(subjects);
    }

    /** The {@code after} of the next page, or null when this is the last. */
    String next() {
        return more && !subjects.isEmpty() ? key(subjects.get(subjects.size() - 1)) : null;
    }

    /**
     * The first {@code limit} subjects of several pages answering the same query (from
     * partitions or instances that hold disjoint keys). Each page holds its source's first
     * subjects, so the merged page misses none that sort before its last one.
     */
    static SubjectPage merge(List<SubjectPage> pages, int limit) {
        List<JsonNode> all = new ArrayList<>();
        boolean more = false;
        for (SubjectPage page : pages) {
            all.addAll(page.subjects());
            more |= page.more();
        }
        all.sort(BY_KEY);
        more |= all.size() > limit;
        return new SubjectPage(all.subList(0, Math.min(limit, all.size())), more);
    }

    static String key(JsonNode subject) {
        return subject.path("subject_key").asText();
    }
}
