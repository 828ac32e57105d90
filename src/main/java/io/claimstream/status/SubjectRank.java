package io.claimstream.status;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the orders of the subject list compare: a subject's key, when its claims last changed
 * (the latest event time among its mentions, the record's {@code updated}) and how often it was
 * reported (articles that reported any of its figures, summed over the figures).
 */
record SubjectRank(String key, Instant updated, long mentions) {

    SubjectRank {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(updated, "updated");
    }

    /**
     * The rank of a subject as the API shows it. Its mentions are those of the figures listed:
     * all of them unless the record passed its size bound, which is why pages carry the rank
     * their instance computed from every figure (see {@link SubjectPage}).
     */
    static SubjectRank of(JsonNode subject) {
        long mentions = 0;
        for (JsonNode claim : subject.path("claims")) {
            mentions += claim.path("mentions").asLong();
        }
        Instant updated;
        try {
            updated = Instant.parse(subject.path("updated").asText());
        } catch (RuntimeException e) {
            updated = Instant.EPOCH;
        }
        return new SubjectRank(subject.path("subject_key").asText(), updated, mentions);
    }
}
