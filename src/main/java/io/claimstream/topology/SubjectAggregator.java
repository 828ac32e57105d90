package io.claimstream.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.claimstream.avro.NumericClaim;
import io.claimstream.avro.internal.ClaimMention;
import io.claimstream.avro.internal.ClaimState;
import io.claimstream.avro.internal.SubjectState;

import org.apache.avro.Schema;
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
 * subject meets the same store.
 *
 * <p>A busy subject is mentioned many times a second, and its record holds up to hundreds of
 * claims with their sources: writing it on every mention would make the output and the
 * changelog grow with the square of its size. So a change only marks the subject pending, in a
 * store of its own, and a wall-clock punctuator writes each pending subject's record once. The
 * pending store is changelogged like the others, so under exactly-once a crash neither loses a
 * pending subject nor writes one twice. A new claim goes to news.claims at once.
 *
 * <p>Expiry looks only at the subjects that have something to expire: an index keyed by each
 * subject's oldest last-seen time, kept as the subject changes, is read in order up to the
 * horizon. Scanning every subject instead cost a full read of the store per expiry interval
 * and slowed processing down as the store grew.
 *
 * <p>The subjects, and the (claim, article) pairs already counted. The
 * second is what makes a mention idempotent: it remembers every article counted for a claim,
 * beyond the sources the record lists, for as long as the claim lives, so a replayed or
 * re-linked article never counts twice. Expiry, on stream time, removes the claims nobody has
 * mentioned for the retention, with their pairs, and deletes a subject left empty with a
 * tombstone.
 *
 * <p>Subjects are keyed by the rules of one key scheme ({@link KeyScheme}); every subject kept
 * records the scheme it was written under, and every claims.by-subject record names it in a
 * header. When the rules change, the subjects under keys of the earlier scheme must not stay
 * beside the new ones: a start that finds its store not wholly of the current scheme (a marker
 * in the key-scheme store says when it is) looks through the subjects a batch per punctuation,
 * deletes each one of another scheme with what is kept about it, and writes its tombstone. The
 * progress is in the key-scheme store, changelogged, and each batch commits with its
 * tombstones, so a crash neither loses the upgrade nor writes a subject twice. Until a subject
 * is reached it stays as it was; a mention of the same key under the new scheme, or its
 * expiry, removes the old subject first. Mentions still keyed by the earlier version of the
 * application (in the repartition topic when it was upgraded) are dropped: their subjects are
 * being removed.
 */
final class SubjectAggregator implements Processor<String, ClaimMention, String, SubjectUpdate> {

    /** Separates claim key and article id in the counted store; prefix scans by claim rely on it. */
    private static final char PAIR_SEPARATOR = '\u0000';
    /** Index keys are a zero-padded time, so that their string order is time order. */
    private static final String INDEX_TIME = "%019d";
    private static final int INDEX_TIME_LENGTH = 19;
    private static final long NOT_INDEXED = -1;
    /** Key-scheme store: the scheme every subject of the store is written under, once known. */
    private static final String SCHEME_OF_ALL = "scheme-of-all";
    /** Key-scheme store: the last subject looked at by the upgrade, while it runs. */
    private static final String UPGRADED_UP_TO = "upgraded-up-to";
    private static final Schema SUBJECT_STATE_V1 = InternalAvroSerde.previousVersion("SubjectState.v1.avsc");
    private static final Logger log = LoggerFactory.getLogger(SubjectAggregator.class);

    private final SubjectMerge merge;
    private final Duration retention;
    private final Duration expiryInterval;
    private final Duration emitInterval;
    private final KeyScheme keyScheme;
    private ProcessorContext<String, SubjectUpdate> context;
    private KeyValueStore<String, SubjectState> subjects;
    private KeyValueStore<String, Long> counted;
    private KeyValueStore<String, Long> pending;
    private KeyValueStore<String, String> expiryIndex;
    private KeyValueStore<String, String> schemeProgress;
    private Cancellable upgrade;
    private long upgradeRemoved;
    private long staleMentions;

    private SubjectAggregator(ClaimsSettings settings, KeyScheme keyScheme) {
        this.merge = new SubjectMerge(settings.maxClaimsPerSubject(), settings.maxSourcesPerClaim());
        this.retention = settings.claimRetention();
        this.expiryInterval = settings.expiryInterval();
        this.emitInterval = settings.subjectEmitInterval();
        this.keyScheme = keyScheme;
    }

    static ProcessorSupplier<String, ClaimMention, String, SubjectUpdate> supplier(ClaimsSettings settings, KeyScheme keyScheme) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, ClaimMention, String, SubjectUpdate> get() {
                return new SubjectAggregator(settings, keyScheme);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ClaimsTopology.SUBJECT_STORE),
                        Serdes.String(), InternalAvroSerde.of(SubjectState.class, SUBJECT_STATE_V1)).withCachingEnabled(),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ClaimsTopology.COUNTED_STORE),
                        Serdes.String(), Serdes.Long()).withCachingEnabled(),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ClaimsTopology.PENDING_STORE),
                        Serdes.String(), Serdes.Long()).withCachingEnabled(),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ClaimsTopology.EXPIRY_STORE),
                        Serdes.String(), Serdes.String()).withCachingEnabled(),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ClaimsTopology.KEY_SCHEME_STORE),
                        Serdes.String(), Serdes.String()));
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, SubjectUpdate> context) {
        this.context = context;
        this.subjects = context.getStateStore(ClaimsTopology.SUBJECT_STORE);
        this.counted = context.getStateStore(ClaimsTopology.COUNTED_STORE);
        this.pending = context.getStateStore(ClaimsTopology.PENDING_STORE);
        this.expiryIndex = context.getStateStore(ClaimsTopology.EXPIRY_STORE);
        this.schemeProgress = context.getStateStore(ClaimsTopology.KEY_SCHEME_STORE);
        indexSubjectsOfEarlierVersions();
        if (!Integer.toString(keyScheme.version()).equals(schemeProgress.get(SCHEME_OF_ALL))) {
            // Also on a new store: its first batch finds it empty and marks it, once.
            upgrade = context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, this::upgradeBatch);
        }
        // Stream time, like the claims' own times: a replayed backlog expires what it would have
        // expired live, and a stopped feed does not empty the store by the wall clock.
        context.schedule(expiryInterval, PunctuationType.STREAM_TIME, this::expire);
        context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, now -> emitPending());
    }

    @Override
    public void process(Record<String, ClaimMention> record) {
        ClaimMention mention = record.value();
        if (mention == null) {
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
        Instant time = mention.getPublished();
        if (time.toEpochMilli() < context.currentStreamTimeMs() - retention.toMillis()) {
            return; // older than the retention: it would be expired at once
        }
        String pair = pairKey(mention.getClaimKey(), mention.getArticleId());
        SubjectState stored = subjects.get(record.key());
        // A subject of another scheme under the same key is another subject: what was counted
        // for it does not count for this one.
        boolean stale = stored != null && !current(stored);
        if (!stale && counted.get(pair) != null) {
            return; // this article already counts for this claim: nothing changes, nothing is emitted
        }
        // Everything that can fail is computed before the first write, so that a record sent
        // to the dead-letter topic leaves the stores as they were.
        SubjectState before = stale ? null : stored;
        long oldestBefore = oldestLastSeen(before);
        SubjectMerge.Result result = merge.add(before, mention);
        if (!result.changed()) {
            return;
        }
        NumericClaim firstSeen = result.newClaim() ? Outputs.firstSeen(mention) : null;
        if (stale) {
            forgetSubject(record.key(), stored); // its record is overwritten by the new one's
        }
        result.evictedClaimKeys().forEach(this::forgetCounted);
        counted.put(pair, time.toEpochMilli());
        result.state().setKeyScheme(keyScheme.version());
        subjects.put(record.key(), result.state());
        reindex(record.key(), oldestBefore, oldestLastSeen(result.state()));
        markPending(record.key(), record.timestamp());
        if (firstSeen != null) {
            context.forward(record.withValue(SubjectUpdate.firstSeen(firstSeen)));
        }
    }

    private void markPending(String subjectKey, long time) {
        Long before = pending.get(subjectKey);
        pending.put(subjectKey, before == null ? time : Math.max(before, time));
    }

    /** Writes the record of every subject changed since the last time: its current state, or a tombstone. */
    private void emitPending() {
        List<KeyValue<String, Long>> due = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = pending.all()) {
            all.forEachRemaining(due::add);
        }
        for (KeyValue<String, Long> entry : due) {
            SubjectState state = subjects.get(entry.key);
            if (state != null && !current(state)) {
                removeStale(entry.key, state, entry.value); // changed before the upgrade, never written since
                continue;
            }
            SubjectUpdate update = state == null ? SubjectUpdate.deleted() : SubjectUpdate.of(Outputs.subjectClaims(state));
            Record<String, SubjectUpdate> out = new Record<>(entry.key, update, entry.value);
            KeyScheme.stamp(out.headers(), keyScheme.version());
            context.forward(out);
            pending.delete(entry.key);
        }
    }

    private void expire(long streamTime) {
        Instant horizon = Instant.ofEpochMilli(streamTime - retention.toMillis());
        List<KeyValue<String, String>> due = new ArrayList<>();
        // Changes are applied after the scan: stores do not promise iterators stable under writes.
        try (KeyValueIterator<String, String> oldestFirst = expiryIndex.all()) {
            while (oldestFirst.hasNext()) {
                KeyValue<String, String> entry = oldestFirst.next();
                if (indexedTime(entry.key) >= horizon.toEpochMilli()) {
                    break;
                }
                due.add(entry);
            }
        }
        for (KeyValue<String, String> entry : due) {
            String subjectKey = entry.value;
            SubjectState state = subjects.get(subjectKey);
            expiryIndex.delete(entry.key);
            if (state == null) {
                continue;
            }
            if (!current(state)) {
                removeStale(subjectKey, state, streamTime);
                continue;
            }
            ClaimExpiry.expire(state, horizon).forEach(this::forgetCounted);
            if (state.getClaims().isEmpty()) {
                subjects.delete(subjectKey);
            } else {
                subjects.put(subjectKey, state);
                reindex(subjectKey, NOT_INDEXED, oldestLastSeen(state));
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
        List<KeyValue<String, SubjectState>> batch = new ArrayList<>(keyScheme.upgradeBatch());
        boolean more = false;
        // Changes are applied after the scan: stores do not promise iterators stable under writes.
        try (KeyValueIterator<String, SubjectState> next = subjects.range(after, null)) {
            while (next.hasNext()) {
                KeyValue<String, SubjectState> entry = next.next();
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
        for (KeyValue<String, SubjectState> entry : batch) {
            if (!current(entry.value)) {
                removeStale(entry.key, entry.value, now);
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

    private boolean current(SubjectState state) {
        return state.getKeyScheme() == keyScheme.version();
    }

    /** Deletes a subject of another key scheme, with everything kept about it, and writes its tombstone. */
    private void removeStale(String subjectKey, SubjectState state, long time) {
        forgetSubject(subjectKey, state);
        Record<String, SubjectUpdate> tombstone = new Record<>(subjectKey, SubjectUpdate.deleted(), Math.max(0, time));
        // The tombstone names the scheme of the key it deletes.
        KeyScheme.stamp(tombstone.headers(), state.getKeyScheme());
        context.forward(tombstone);
    }

    /** Deletes a subject from every store: the subject, its counted pairs, its index entry, its pending mark. */
    private void forgetSubject(String subjectKey, SubjectState state) {
        state.getClaims().forEach(claim -> forgetCounted(claim.getClaimKey()));
        reindex(subjectKey, oldestLastSeen(state), NOT_INDEXED);
        subjects.delete(subjectKey);
        pending.delete(subjectKey);
    }

    private void reindex(String subjectKey, long before, long after) {
        if (before == after) {
            return;
        }
        if (before != NOT_INDEXED) {
            expiryIndex.delete(indexKey(before, subjectKey));
        }
        if (after != NOT_INDEXED) {
            expiryIndex.put(indexKey(after, subjectKey), subjectKey);
        }
    }

    /** State kept before the index existed has no entries in it: index it once, on the first start. */
    private void indexSubjectsOfEarlierVersions() {
        try (KeyValueIterator<String, String> any = expiryIndex.all()) {
            if (any.hasNext()) {
                return;
            }
        }
        List<KeyValue<String, Long>> unindexed = new ArrayList<>();
        try (KeyValueIterator<String, SubjectState> all = subjects.all()) {
            all.forEachRemaining(kv -> unindexed.add(KeyValue.pair(kv.key, oldestLastSeen(kv.value))));
        }
        unindexed.forEach(kv -> reindex(kv.key, NOT_INDEXED, kv.value));
    }

    /** When the subject's first claim to expire was last seen; {@link #NOT_INDEXED} for none. */
    private static long oldestLastSeen(SubjectState state) {
        if (state == null || state.getClaims().isEmpty()) {
            return NOT_INDEXED;
        }
        long oldest = Long.MAX_VALUE;
        for (ClaimState claim : state.getClaims()) {
            oldest = Math.min(oldest, claim.getLastSeen().toEpochMilli());
        }
        return Math.max(0, oldest);
    }

    private static String indexKey(long time, String subjectKey) {
        return String.format(Locale.ROOT, INDEX_TIME, time) + PAIR_SEPARATOR + subjectKey;
    }

    private static long indexedTime(String indexKey) {
        return Long.parseLong(indexKey.substring(0, INDEX_TIME_LENGTH));
    }

    private void forgetCounted(String claimKey) {
        List<String> pairs = new ArrayList<>();
        try (KeyValueIterator<String, Long> found = counted.prefixScan(claimKey + PAIR_SEPARATOR, new StringSerializer())) {
            found.forEachRemaining(kv -> pairs.add(kv.key));
        }
        pairs.forEach(counted::delete);
    }

    private static String pairKey(String claimKey, String articleId) {
        return claimKey + PAIR_SEPARATOR + articleId;
    }
}
