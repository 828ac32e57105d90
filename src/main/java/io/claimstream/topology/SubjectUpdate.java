package io.claimstream.topology;

import java.util.List;

import io.claimstream.avro.NumericClaim;
import io.claimstream.avro.SubjectClaims;

/**
 * What one change to a subject puts on the output topics: its new record for claims.by-subject
 * (null: the subject is gone, a tombstone) and the claims it saw for the first time, for
 * news.claims. Never serialized: it only carries the aggregator's output to the two sinks.
 */
record SubjectUpdate(SubjectClaims subject, List<NumericClaim> firstSeen) {

    SubjectUpdate {
        firstSeen = List.copyOf(firstSeen);
    }

    static SubjectUpdate deleted() {
        return new SubjectUpdate(null, List.of());
    }
}
