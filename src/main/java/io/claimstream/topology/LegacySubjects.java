package io.claimstream.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.claimstream.avro.internal.ClaimEntry;
import io.claimstream.avro.internal.ClaimState;
import io.claimstream.avro.internal.SourceState;
import io.claimstream.avro.internal.SubjectHead;
import io.claimstream.avro.internal.SubjectState;

import org.apache.avro.Schema;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the subjects of the earlier layout — one value per subject, all its claims inside, in
 * the subject-claims store, indexed for expiry by subject in subject-expiry — to the current one
 * of a head and an entry per claim. On the first start of a store that still holds them, a
 * batch is moved per punctuation; a subject mentioned or written before its batch is moved
 * first, at that moment. Each moved subject is deleted from the old stores in the same
 * transaction as its new entries are written, so a crash neither loses a subject nor moves one
 * twice. When both old stores are empty a marker in the key-scheme store says so, and they are
 * never read again.
 *
 * <p>What the new entries keep that the old values did not (distinct outlets and claimants
 * beyond the lists) is counted from what the old value listed: exact for a claim reported by
 * fewer articles than the old source cap (20), a lower bound beyond it.
 */
final class LegacySubjects {

    static final Schema SUBJECT_STATE_V1 = InternalAvroSerde.previousVersion("SubjectState.v1.avsc");
    /** Key-scheme store: set once no subject of the earlier layout is left. */
    static final String LAYOUT = "layout";
    static final String CLAIM_ENTRIES = "claim-entries";
    static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(LegacySubjects.class);

    /**
     * A subject of the earlier layout in the current one.
     *
     * @param outlets per claim key, the distinct outlets of the sources the old value listed
     */
    record Migrated(SubjectHead head, List<ClaimEntry> entries, Map<String, List<String>> outlets) {
    }

    /** Writes a migrated subject to the current stores; returns its head, null if it was removed instead. */
    interface Target {
        SubjectHead write(Migrated subject, long time);
    }

    private final KeyValueStore<String, SubjectState> subjects;
    private final KeyValueStore<String, String> index;
    private final KeyValueStore<String, String> progress;
    private final ClaimMerge merge;
    private final Target target;
    private boolean done;
    private long moved;
    private Cancellable punctuation;

    LegacySubjects(KeyValueStore<String, SubjectState> subjects, KeyValueStore<String, String> index,
                   KeyValueStore<String, String> progress, ClaimMerge merge, Target target) {
        this.subjects = subjects;
        this.index = index;
        this.progress = progress;
        this.merge = merge;
        this.target = target;
        this.done = CLAIM_ENTRIES.equals(progress.get(LAYOUT));
    }

    /**
     * Whether subjects of the earlier layout may be left: until a marker says none are. A new
     * store finds that out in its first batch, which finds nothing to move.
     */
    boolean pending() {
        return !done;
    }

    void schedule(ProcessorContext<?, ?> context, Duration interval) {
        punctuation = context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::batch);
    }

    /** Moves {@code subjectKey} now if the earlier layout still holds it; its head, or null. */
    SubjectHead migrateOne(String subjectKey, long time) {
        if (done) {
            return null;
        }
        SubjectState state = subjects.get(subjectKey);
        return state == null ? null : move(subjectKey, state, time);
    }

    private void batch(long now) {
        List<KeyValue<String, SubjectState>> next = new ArrayList<>(BATCH);
        // Changes are applied after the scan: stores do not promise iterators stable under writes.
        try (KeyValueIterator<String, SubjectState> all = subjects.all()) {
            while (all.hasNext() && next.size() < BATCH) {
                next.add(all.next());
            }
        }
        next.forEach(kv -> move(kv.key, kv.value, now));
        if (next.size() < BATCH && sweepIndex()) {
            markDone();
            punctuation.cancel();
            log.info("Moved {} subjects from the earlier state layout (one value per subject) to claim entries", moved);
        }
    }

    /** Deletes a batch of what is left of the old expiry index; true when it is empty. */
    private boolean sweepIndex() {
        List<String> left = new ArrayList<>(BATCH);
        try (KeyValueIterator<String, String> all = index.all()) {
            while (all.hasNext() && left.size() < BATCH) {
                left.add(all.next().key);
            }
        }
        left.forEach(index::delete);
        return left.size() < BATCH;
    }

    private SubjectHead move(String subjectKey, SubjectState state, long time) {
        subjects.delete(subjectKey);
        index.delete(SubjectStores.indexKey(oldestLastSeen(state), subjectKey));
        moved++;
        return target.write(convert(subjectKey, state), time);
    }

    private Migrated convert(String subjectKey, SubjectState state) {
        SubjectHead head = SubjectHead.newBuilder()
            .setSubjectKey(subjectKey)
            .setSubject(state.getSubject())
            .setSubjectFrom(state.getSubjectFrom())
            .setClaimCount(state.getClaims().size())
            .setEvictedClaims(state.getEvictedClaims())
            .setKeyScheme(state.getKeyScheme())
            .build();
        List<ClaimEntry> entries = new ArrayList<>(state.getClaims().size());
        Map<String, List<String>> outlets = new LinkedHashMap<>();
        for (ClaimState c : state.getClaims()) {
            List<String> distinct = c.getSources().stream().map(SourceState::getSource).distinct().toList();
            outlets.put(c.getClaimKey(), distinct);
            entries.add(ClaimEntry.newBuilder()
                .setClaimKey(c.getClaimKey())
                .setValue(c.getValue())
                .setValueHigh(c.getValueHigh())
                .setUnit(c.getUnit())
                .setKind(c.getKind())
                .setQualifier(c.getQualifier())
                .setChange(c.getChange())
                .setStatedFrom(c.getStatedFrom())
                .setFirstSeen(c.getFirstSeen())
                .setLastSeen(c.getLastSeen())
                .setMentions(c.getMentions())
                .setOutlets(distinct.size())
                .setClaimantCount(c.getClaimants().size())
                .setSources(merge.earliestAndLatest(c.getSources()))
                .setClaimants(merge.earliestClaimants(c.getClaimants()))
                .build());
        }
        return new Migrated(head, entries, outlets);
    }

    private void markDone() {
        progress.put(LAYOUT, CLAIM_ENTRIES);
        done = true;
    }

    /** How the earlier layout indexed a subject: by its claims' oldest last-seen time. */
    private static long oldestLastSeen(SubjectState state) {
        long oldest = Long.MAX_VALUE;
        for (ClaimState claim : state.getClaims()) {
            oldest = Math.min(oldest, claim.getLastSeen().toEpochMilli());
        }
        return state.getClaims().isEmpty() ? 0 : Math.max(0, oldest);
    }
}
