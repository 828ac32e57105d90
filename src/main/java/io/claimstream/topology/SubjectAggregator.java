package io.claimstream.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.claimstream.avro.NumericClaim;
import io.claimstream.avro.SubjectClaims;
import io.claimstream.avro.internal.ClaimEntry;
import io.claimstream.avro.internal.ClaimMention;
import io.claimstream.avro.internal.SubjectHead;
import io.claimstream.avro.internal.SubjectMentions;
import io.claimstream.avro.internal.SubjectState;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps, per subject, its distinct claims, and writes the records of the subjects that changed
 * once per emit interval. Runs after the repartition by subject key, so every mention of a
 * subject meets the same stores.
 *
 * <p>A subject is kept as a small head and one entry per claim ({@link SubjectStores}): a
 * mention reads and rewrites its claim's entry, which has a size bound, never the whole subject.
 * A busy subject is mentioned many times a second by hundreds of outlets; kept as one value it
 * was rewritten whole on every mention, grew past Kafka's record limit and stopped processing.
 * Its record for claims.by-subject is built from a prefix scan over its entries only when it is
 * written: a change marks the subject pending, in a store of its own ({@link PendingSubjects}),
 * and a wall-clock punctuator writes each pending subject's record once per interval. The
 * pending store is changelogged like the others, so under exactly-once a crash neither loses a
 * pending subject nor writes one twice. A new claim goes to news.claims at once.
 *
 * <p>A subject with many claims has a large record, written whole whenever one of its claims
 * changes: most of claims.by-subject's bytes, and of the time spent writing subjects, came from
 * the few subjects that collect dozens of figures and are mentioned in nearly every interval. Each
 * subject has a byte budget per emit interval: one whose record is larger waits, still pending, as
 * many intervals as its record takes budgets before it is written again, with every change since.
 * The hold is kept in memory only: a restart forgets it and writes such a subject at the next
 * interval, which is allowed (the hold only makes writes rarer, never wrong).
 *
 * <p>Idempotence: the counted store remembers every article counted for a claim (and the
 * claim's outlets and claimants, for exact counts beyond the capped lists) for as long as the
 * claim lives, so a replayed or re-linked article never counts twice. Expiry, on stream time,
 * reads an index keyed by the end of the expiry interval each claim was last seen in, up to
 * the horizon, removes the claims nobody has mentioned for the retention, with what was counted
 * for them, and deletes a subject left empty with a tombstone.
 *
 * <p>Subjects are keyed by the rules of one key scheme ({@link KeyScheme}); every subject kept
 * records the scheme it was written under, and every claims.by-subject record names it in a
 * header. A start that finds its store not wholly of the current scheme (a marker in the
 * key-scheme store says when it is) looks through the subjects a batch per punctuation, deletes
 * each one of another scheme with what is kept about it, and writes its tombstone. Mentions
 * still keyed by the earlier version of the application are dropped.
 *
 * <p>State of the earlier layout, one value per subject, is migrated by {@link LegacySubjects}.
 */
final class SubjectAggregator implements Processor<String, SubjectMentions, String, SubjectUpdate> {

    /** Key-scheme store: the scheme every subject of the store is written under, once known. */
    private static final String SCHEME_OF_ALL = "scheme-of-all";
    /** Key-scheme store: the last subject looked at by the upgrade, while it runs. */
    private static final String UPGRADED_UP_TO = "upgraded-up-to";
    /** Which claim goes when a subject is full: seen least recently, then fewest mentions. */
    private static final Comparator<ClaimEntry> EVICTION_ORDER = Comparator
        .comparing(ClaimEntry::getLastSeen).thenComparingLong(ClaimEntry::getMentions).thenComparing(ClaimEntry::getClaimKey);
    private static final Logger log = LoggerFactory.getLogger(SubjectAggregator.class);

    private final ClaimMerge merge;
    private final int maxClaimsPerSubject;
    private final int maxRecordBytes;
    private final Duration retention;
    private final Duration expiryInterval;
    private final Duration emitInterval;
    private final int emitBudgetBytes;
    private final KeyScheme keyScheme;
    /**
     * Subjects written with a record over the emit budget, and the wall-clock time until which
     * they are not written again. An entry lives at most {@code maxRecordBytes / emitBudgetBytes}
     * intervals: the map holds only subjects written that recently.
     */
    private final Map<String, Long> heldUntil = new HashMap<>();
    private ProcessorContext<String, SubjectUpdate> context;
    private KeyValueStore<String, SubjectHead> heads;
    private KeyValueStore<String, ClaimEntry> claims;
    private KeyValueStore<String, Long> counted;
    private PendingSubjects pending;
    private KeyValueStore<String, String> expiryIndex;
    private KeyValueStore<String, String> schemeProgress;
    private LegacySubjects legacy;
    private Cancellable upgrade;
    private long upgradeRemoved;
    private long staleMentions;

    private SubjectAggregator(ClaimsSettings settings, KeyScheme keyScheme) {
        this.merge = new ClaimMerge(settings.maxSourcesPerClaim(), settings.maxClaimantsPerClaim());
        this.maxClaimsPerSubject = settings.maxClaimsPerSubject();
        this.maxRecordBytes = settings.maxSubjectRecordBytes();
        this.retention = settings.claimRetention();
        this.expiryInterval = settings.expiryInterval();
        this.emitInterval = settings.subjectEmitInterval();
        this.emitBudgetBytes = settings.subjectEmitBudgetBytes();
        this.keyScheme = keyScheme;
    }

    static ProcessorSupplier<String, SubjectMentions, String, SubjectUpdate> supplier(ClaimsSettings settings, KeyScheme keyScheme) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, SubjectMentions, String, SubjectUpdate> get() {
                return new SubjectAggregator(settings, keyScheme);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ClaimsTopology.SUBJECT_STORE),
                        Serdes.String(), InternalAvroSerde.of(SubjectHead.class)).withCachingEnabled(),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ClaimsTopology.CLAIM_STORE),
                        Serdes.String(), InternalAvroSerde.of(ClaimEntry.class)).withCachingEnabled(),
                    // Not cached: its keys are written once each (an article, outlet or claimant
                    // newly counted for a claim) and mostly looked up to find them absent, so the
                    // record cache only held them until the commit and, full of them, evicted and
                    // flushed the entries the other stores rewrite (a tenth of the stream thread).
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ClaimsTopology.COUNTED_STORE),
                        Serdes.String(), Serdes.Long()).withCachingDisabled(),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ClaimsTopology.PENDING_STORE),
                        Serdes.String(), Serdes.Long()).withCachingEnabled(),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ClaimsTopology.CLAIM_EXPIRY_STORE),
                        Serdes.String(), Serdes.String()).withCachingEnabled(),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ClaimsTopology.KEY_SCHEME_STORE),
                        Serdes.String(), Serdes.String()),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ClaimsTopology.LEGACY_SUBJECT_STORE),
                        Serdes.String(), InternalAvroSerde.of(SubjectState.class, LegacySubjects.SUBJECT_STATE_V1)),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ClaimsTopology.LEGACY_EXPIRY_STORE),
                        Serdes.String(), Serdes.String()));
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, SubjectUpdate> context) {
        this.context = context;
        this.heads = context.getStateStore(ClaimsTopology.SUBJECT_STORE);
        this.claims = context.getStateStore(ClaimsTopology.CLAIM_STORE);
        this.counted = context.getStateStore(ClaimsTopology.COUNTED_STORE);
        this.pending = new PendingSubjects(context.getStateStore(ClaimsTopology.PENDING_STORE));
        this.expiryIndex = context.getStateStore(ClaimsTopology.CLAIM_EXPIRY_STORE);
        this.schemeProgress = context.getStateStore(ClaimsTopology.KEY_SCHEME_STORE);
        this.legacy = new LegacySubjects(context.getStateStore(ClaimsTopology.LEGACY_SUBJECT_STORE),
            context.getStateStore(ClaimsTopology.LEGACY_EXPIRY_STORE), schemeProgress, merge, this::migrate);
        if (legacy.pending()) {
            legacy.schedule(context, emitInterval);
        }
        if (!Integer.toString(keyScheme.version()).equals(schemeProgress.get(SCHEME_OF_ALL))) {
            // Also on a new store: its first batch finds it empty and marks it, once.
            upgrade = context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, this::upgradeBatch);
        }
        // Stream time, like the claims' own times: a replayed backlog expires what it would have
        // expired live, and a stopped feed does not empty the store by the wall clock.
        context.schedule(expiryInterval, PunctuationType.STREAM_TIME, this::expire);
        context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, this::emitPending);
    }

    /**
     * Merges one article's mentions of one subject: the subject's head is read once and written
     * at most once, its pending mark set once, and its new claims go to news.claims together.
     */
    @Override
    public void process(Record<String, SubjectMentions> record) {
        SubjectMentions folded = record.value();
        if (folded == null || folded.getMentions().isEmpty()) {
            return;
        }
        int scheme = KeyScheme.of(record.headers());
        if (scheme != keyScheme.version()) {
            if (staleMentions++ == 0) {
                log.info("Dropping mentions keyed by subject-key scheme {} (from before the upgrade to scheme {}); first: {}",
                    scheme, keyScheme.version(), record.key());
            }
            return;
        }
        if (folded.getPublished().toEpochMilli() < context.currentStreamTimeMs() - retention.toMillis()) {
            return; // older than the retention: it would be expired at once
        }
        String subjectKey = record.key();
        SubjectHead head = head(subjectKey, record.timestamp());
        // A subject of another scheme under the same key is another subject: what was counted
        // for it does not count for this one.
        if (head != null && !current(head)) {
            forgetSubject(subjectKey);
            head = null;
        }
        boolean headChanges = false;
        boolean changed = false;
        List<NumericClaim> firstSeen = new ArrayList<>();
        for (ClaimMention mention : MentionFolding.unfold(subjectKey, folded)) {
            String entryKey = SubjectStores.entryKey(subjectKey, mention.getClaimKey());
            ClaimEntry entry = head == null ? null : claims.get(entryKey);
            long lastSeenBefore = SubjectStores.NOT_INDEXED;
            if (entry == null) {
                entry = merge.first(mention);
                if (head != null && head.getClaimCount() >= maxClaimsPerSubject && !evictForNew(subjectKey, head, entry)) {
                    continue; // the new claim would be the one a full subject drops
                }
                // Nothing is counted for a claim that has no entry (a claim is forgotten with
                // what was counted for it): no look-ups, only the marks.
                countFirst(mention);
            } else {
                if (counted.get(SubjectStores.articleKey(mention.getClaimKey(), mention.getArticleId())) != null) {
                    continue; // this article already counts for this claim: nothing changes, nothing is emitted
                }
                lastSeenBefore = entry.getLastSeen().toEpochMilli();
                merge.add(entry, mention, countOutletAndClaimant(entry, mention));
            }
            boolean newClaim = lastSeenBefore == SubjectStores.NOT_INDEXED;
            // Most mentions add to a known claim of a known subject and leave its head as it was.
            headChanges |= head == null || newClaim
                || ClaimMerge.POSITION_ORDER.compare(ClaimMerge.position(mention), head.getSubjectFrom()) < 0;
            head = withMention(head, mention, newClaim);
            counted.put(SubjectStores.articleKey(mention.getClaimKey(), mention.getArticleId()),
                mention.getPublished().toEpochMilli());
            claims.put(entryKey, entry);
            reindex(entryKey, lastSeenBefore, entry.getLastSeen().toEpochMilli(), subjectKey);
            changed = true;
            if (newClaim) {
                firstSeen.add(Outputs.firstSeen(mention));
            }
        }
        if (!changed) {
            return;
        }
        if (headChanges) {
            heads.put(subjectKey, head);
        }
        markPending(subjectKey, record.timestamp());
        if (!firstSeen.isEmpty()) {
            context.forward(record.withValue(SubjectUpdate.firstSeen(firstSeen)));
        }
    }

    /** The subject's head, migrated from the earlier layout first if it is still kept there. */
    private SubjectHead head(String subjectKey, long time) {
        SubjectHead head = heads.get(subjectKey);
        return head != null ? head : legacy.migrateOne(subjectKey, time);
    }

    /** Marks the outlet and claimant of a claim's first mention counted for it. */
    private void countFirst(ClaimMention m) {
        counted.put(SubjectStores.outletKey(m.getClaimKey(), m.getSource()), m.getPublished().toEpochMilli());
        if (ClaimMerge.hasClaimant(m)) {
            counted.put(SubjectStores.claimantKey(m.getClaimKey(), m.getClaimant()), m.getPublished().toEpochMilli());
        }
    }

    /**
     * Marks the mention's outlet and claimant counted for its claim, and says which were new. An
     * outlet or claimant the entry lists is counted already (whatever is listed was counted when
     * it was added): only the others are looked up.
     */
    private ClaimMerge.Novelty countOutletAndClaimant(ClaimEntry entry, ClaimMention m) {
        boolean newOutlet = false;
        if (!ClaimMerge.listsOutlet(entry, m.getSource())) {
            String outlet = SubjectStores.outletKey(m.getClaimKey(), m.getSource());
            newOutlet = counted.get(outlet) == null;
            if (newOutlet) {
                counted.put(outlet, m.getPublished().toEpochMilli());
            }
        }
        boolean newClaimant = false;
        if (ClaimMerge.hasClaimant(m) && !ClaimMerge.listsClaimant(entry, m.getClaimant())) {
            String claimant = SubjectStores.claimantKey(m.getClaimKey(), m.getClaimant());
            newClaimant = counted.get(claimant) == null;
            if (newClaimant) {
                counted.put(claimant, m.getPublished().toEpochMilli());
            }
        }
        return new ClaimMerge.Novelty(newOutlet, newClaimant);
    }

    /**
     * Makes room in a full subject for {@code candidate} by dropping the claim seen least
     * recently, unless the candidate itself would be that claim. Only a full subject pays for
     * the scan of its entries.
     */
    private boolean evictForNew(String subjectKey, SubjectHead head, ClaimEntry candidate) {
        ClaimEntry victim = SubjectStores.entriesOf(claims, subjectKey).stream().min(EVICTION_ORDER).orElse(null);
        if (victim == null) {
            return true;
        }
        if (EVICTION_ORDER.compare(candidate, victim) < 0) {
            return false;
        }
        forgetClaim(subjectKey, victim);
        head.setClaimCount(head.getClaimCount() - 1);
        head.setEvictedClaims(head.getEvictedClaims() + 1);
        return true;
    }

    private SubjectHead withMention(SubjectHead head, ClaimMention m, boolean newClaim) {
        if (head == null) {
            head = SubjectHead.newBuilder()
                .setSubjectKey(m.getSubjectKey())
                .setSubject(m.getSubject())
                .setSubjectFrom(ClaimMerge.position(m))
                .setClaimCount(0)
                .setKeyScheme(keyScheme.version())
                .build();
        } else if (ClaimMerge.POSITION_ORDER.compare(ClaimMerge.position(m), head.getSubjectFrom()) < 0) {
            head.setSubject(m.getSubject());
            head.setSubjectFrom(ClaimMerge.position(m));
        }
        if (newClaim) {
            head.setClaimCount(head.getClaimCount() + 1);
        }
        return head;
    }

    private void markPending(String subjectKey, long time) {
        pending.mark(subjectKey, time);
    }

    /**
     * Writes the record of every subject changed since the last time, its current state or a
     * tombstone, but for the subjects still held by their emit budget, which stay pending.
     */
    private void emitPending(long now) {
        heldUntil.values().removeIf(until -> until <= now);
        for (KeyValue<String, Long> entry : pending.all()) {
            SubjectHead head = head(entry.key, entry.value);
            if (head != null && !current(head)) {
                removeStale(entry.key, head.getKeyScheme(), entry.value); // changed before the upgrade, never written since
                continue;
            }
            if (head != null && heldUntil.containsKey(entry.key)) {
                continue; // written lately with a record over the budget: written with every change once its hold ends
            }
            SubjectUpdate update;
            if (head == null) {
                update = SubjectUpdate.deleted();
                heldUntil.remove(entry.key);
            } else {
                SubjectClaims record = Outputs.subjectClaims(head, SubjectStores.entriesOf(claims, entry.key), maxRecordBytes);
                update = SubjectUpdate.of(record);
                hold(entry.key, Outputs.approximateBytes(record), now);
            }
            Record<String, SubjectUpdate> out = new Record<>(entry.key, update, Math.max(0, entry.value));
            KeyScheme.stamp(out.headers(), keyScheme.version());
            context.forward(out);
            pending.remove(entry.key);
        }
    }

    /**
     * Holds a subject just written with a record of about {@code bytes}: a record within the
     * budget is not held, a larger one for one interval per further budget it takes. Half an
     * interval of slack, so that a punctuation a little early still writes it on time.
     */
    private void hold(String subjectKey, long bytes, long now) {
        long intervals = (bytes - 1) / emitBudgetBytes;
        if (intervals > 0) {
            heldUntil.put(subjectKey, now + intervals * emitInterval.toMillis() - emitInterval.toMillis() / 2);
        }
    }

    private void expire(long streamTime) {
        long horizon = streamTime - retention.toMillis();
        List<KeyValue<String, String>> due = new ArrayList<>();
        // Changes are applied after the scan: stores do not promise iterators stable under writes.
        try (KeyValueIterator<String, String> oldestFirst = expiryIndex.all()) {
            while (oldestFirst.hasNext()) {
                KeyValue<String, String> entry = oldestFirst.next();
                if (SubjectStores.indexedTime(entry.key) >= horizon) {
                    break;
                }
                due.add(entry);
            }
        }
        for (KeyValue<String, String> indexed : due) {
            expiryIndex.delete(indexed.key);
            String subjectKey = indexed.value;
            SubjectHead head = heads.get(subjectKey);
            if (head == null) {
                continue;
            }
            if (!current(head)) {
                removeStale(subjectKey, head.getKeyScheme(), streamTime);
                continue;
            }
            ClaimEntry claim = claims.get(SubjectStores.indexedEntry(indexed.key));
            if (claim == null || claim.getLastSeen().toEpochMilli() >= horizon) {
                continue;
            }
            forgetClaim(subjectKey, claim);
            head.setClaimCount(head.getClaimCount() - 1);
            if (head.getClaimCount() <= 0) {
                heads.delete(subjectKey);
            } else {
                heads.put(subjectKey, head);
            }
            markPending(subjectKey, streamTime);
        }
    }

    /**
     * One step of the upgrade to the current key scheme: looks at the next batch of subjects
     * after the last one looked at, and removes those of another scheme. When none are left,
     * marks the store as wholly of the current scheme, and stops.
     */
    private void upgradeBatch(long now) {
        String after = schemeProgress.get(UPGRADED_UP_TO);
        List<KeyValue<String, SubjectHead>> batch = new ArrayList<>(keyScheme.upgradeBatch());
        boolean more = false;
        // Changes are applied after the scan: stores do not promise iterators stable under writes.
        try (KeyValueIterator<String, SubjectHead> next = heads.range(after, null)) {
            while (next.hasNext()) {
                KeyValue<String, SubjectHead> entry = next.next();
                if (entry.key.equals(after)) {
                    continue;
                }
                if (batch.size() == keyScheme.upgradeBatch()) {
                    more = true;
                    break;
                }
                batch.add(entry);
            }
        }
        for (KeyValue<String, SubjectHead> entry : batch) {
            if (!current(entry.value)) {
                removeStale(entry.key, entry.value.getKeyScheme(), now);
                upgradeRemoved++;
            }
        }
        if (more) {
            schemeProgress.put(UPGRADED_UP_TO, batch.get(batch.size() - 1).key);
            return;
        }
        schemeProgress.put(SCHEME_OF_ALL, Integer.toString(keyScheme.version()));
        schemeProgress.delete(UPGRADED_UP_TO);
        upgrade.cancel();
        if (upgradeRemoved > 0) {
            log.info("Task {}: removed {} subjects keyed by earlier subject-key schemes (tombstones written to claims.by-subject); "
                + "every subject is now of scheme {}", context.taskId(), upgradeRemoved, keyScheme.version());
        }
    }

    /**
     * Takes over one subject of the earlier layout: its head and claim entries are written, or,
     * when it is of another key scheme, it is removed with a tombstone. Returns its head, null
     * when removed.
     */
    private SubjectHead migrate(LegacySubjects.Migrated subject, long time) {
        if (subject.head().getKeyScheme() != keyScheme.version()) {
            subject.entries().forEach(e -> forgetCounted(e.getClaimKey()));
            pending.remove(subject.head().getSubjectKey());
            tombstone(subject.head().getSubjectKey(), subject.head().getKeyScheme(), time);
            return null;
        }
        String subjectKey = subject.head().getSubjectKey();
        for (ClaimEntry e : subject.entries()) {
            String entryKey = SubjectStores.entryKey(subjectKey, e.getClaimKey());
            claims.put(entryKey, e);
            reindex(entryKey, SubjectStores.NOT_INDEXED, e.getLastSeen().toEpochMilli(), subjectKey);
            subject.outlets().getOrDefault(e.getClaimKey(), List.of())
                .forEach(o -> counted.put(SubjectStores.outletKey(e.getClaimKey(), o), e.getFirstSeen().toEpochMilli()));
            e.getClaimants().forEach(c ->
                counted.put(SubjectStores.claimantKey(e.getClaimKey(), c.getName()), c.getFirstSeen().toEpochMilli()));
        }
        heads.put(subjectKey, subject.head());
        return subject.head();
    }

    private boolean current(SubjectHead head) {
        return head.getKeyScheme() == keyScheme.version();
    }

    /** Deletes a subject of another key scheme, with everything kept about it, and writes its tombstone. */
    private void removeStale(String subjectKey, int scheme, long time) {
        forgetSubject(subjectKey);
        tombstone(subjectKey, scheme, time);
    }

    private void tombstone(String subjectKey, int scheme, long time) {
        Record<String, SubjectUpdate> tombstone = new Record<>(subjectKey, SubjectUpdate.deleted(), Math.max(0, time));
        // The tombstone names the scheme of the key it deletes.
        KeyScheme.stamp(tombstone.headers(), scheme);
        context.forward(tombstone);
    }

    /** Deletes a subject from every store: its head, its claims with what was counted for them, its pending mark. */
    private void forgetSubject(String subjectKey) {
        SubjectStores.entriesOf(claims, subjectKey).forEach(claim -> forgetClaim(subjectKey, claim));
        heads.delete(subjectKey);
        pending.remove(subjectKey);
    }

    /** Deletes one claim's entry, its index entry and everything counted for it. */
    private void forgetClaim(String subjectKey, ClaimEntry claim) {
        String entryKey = SubjectStores.entryKey(subjectKey, claim.getClaimKey());
        claims.delete(entryKey);
        reindex(entryKey, claim.getLastSeen().toEpochMilli(), SubjectStores.NOT_INDEXED, subjectKey);
        forgetCounted(claim.getClaimKey());
    }

    /**
     * Moves a claim's expiry index entry from the bucket of its last-seen time {@code before} to
     * that of {@code after}. Buckets end on a multiple of the expiry interval and a claim is
     * indexed at the end of its bucket: most mentions move a claim's last-seen time within its
     * bucket and so write nothing here, where indexing the exact time wrote a delete and a put
     * (two changelog records) per mention. A claim then expires at the first expiry after its
     * bucket's end passes the horizon: up to one interval later than at the exact time. Entries
     * written at exact times by an earlier version are read the same way and, once passed, found
     * stale and dropped.
     */
    private void reindex(String entryKey, long before, long after, String subjectKey) {
        long from = bucketEnd(before);
        long to = bucketEnd(after);
        if (from == to) {
            return;
        }
        if (from != SubjectStores.NOT_INDEXED) {
            expiryIndex.delete(SubjectStores.indexKey(from, entryKey));
        }
        if (to != SubjectStores.NOT_INDEXED) {
            expiryIndex.put(SubjectStores.indexKey(to, entryKey), subjectKey);
        }
    }

    /** The end of the expiry bucket of {@code time}: the first multiple of the expiry interval at or after it. */
    private long bucketEnd(long time) {
        if (time == SubjectStores.NOT_INDEXED || time <= 0) {
            return time;
        }
        long interval = expiryInterval.toMillis();
        long end = Math.floorDiv(time + interval - 1, interval) * interval;
        return end < time ? time : end; // overflow near Long.MAX_VALUE: the exact time
    }

    private void forgetCounted(String claimKey) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Long> found = counted.prefixScan(SubjectStores.countedPrefix(claimKey), new StringSerializer())) {
            found.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(counted::delete);
    }
}
