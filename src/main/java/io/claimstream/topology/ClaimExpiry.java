package io.claimstream.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.claimstream.avro.internal.ClaimState;
import io.claimstream.avro.internal.SubjectState;

/** Removes the claims of a subject that nobody has mentioned since a horizon. */
final class ClaimExpiry {

    private ClaimExpiry() {
    }

    /**
     * Removes from {@code state}, in place, every claim last seen before {@code horizon}, and
     * returns their keys. A state left without claims is to be deleted.
     */
    static List<String> expire(SubjectState state, Instant horizon) {
        List<ClaimState> kept = new ArrayList<>(state.getClaims().size());
        List<String> expired = new ArrayList<>();
        for (ClaimState claim : state.getClaims()) {
            if (claim.getLastSeen().isBefore(horizon)) {
                expired.add(claim.getClaimKey());
            } else {
                kept.add(claim);
            }
        }
        if (!expired.isEmpty()) {
            state.setClaims(kept);
        }
        return expired;
    }
}
