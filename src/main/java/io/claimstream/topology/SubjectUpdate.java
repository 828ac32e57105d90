package io.claimstream.topology;

import java.util.List;

import io.claimstream.avro.NumericClaim;
import io.claimstream.avro.SubjectClaims;

/**
 * What the aggregator puts on the output topics: either a subject's new record for
 * claims.by-subject ({@code subject} null: the subject is gone, a tombstone), or the claims it saw
 * for the first time, for news.claims. Never serialized: it only carries the aggregator's output
 * to the two sinks.
 */
record SubjectUpdate(boolean carriesSubject, SubjectClaims subject, List<NumericClaim> firstSeen) {

    SubjectUpdate {
        firstSeen = List.copyOf(firstSeen);
    }

    static SubjectUpdate of(SubjectClaims subject) {
        return new SubjectUpdate(true, subject, List.of());
    }

    static SubjectUpdate deleted() {
        return new SubjectUpdate(true, null, List.of());
    }

    static SubjectUpdate firstSeen(List<NumericClaim> claims) {
        return new SubjectUpdate(false, null, claims);
    }
}
