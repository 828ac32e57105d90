package io.claimstream.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.claimstream.avro.internal.ClaimMention;
import io.claimstream.avro.internal.SubjectState;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Keeps, per subject, its distinct claims, and emits the subject's record whenever a mention
 * changes it. Runs after the repartition by subject key, so every mention of a subject meets
 * the same store.
 *
 * <p>Two stores: the subjects themselves, and the (claim, article) pairs already counted. The
 * second is what makes a mention idempotent: it remembers every article counted for a claim,
 * beyond the sources the record lists, for as long as the claim lives, so a replayed or
 * re-linked article never counts twice. Expiry, on stream time, removes the claims nobody has
 * mentioned for the retention, with their pairs, and deletes a subject left empty with a
 * tombstone.
 */
final class SubjectAggregator implements Processor<String, ClaimMention, String, SubjectUpdate> {

    /** Separates claim key and article id in the counted store; prefix scans by claim rely on it. */
    private static final char PAIR_SEPARATOR = '\u0000';

    private final SubjectMerge merge;
    private final Duration retention;
    private final Duration expiryInterval;
    private ProcessorContext<String, SubjectUpdate> context;
    private KeyValueStore<String, SubjectState> subjects;
    private KeyValueStore<String, Long> counted;

    private SubjectAggregator(ClaimsSettings settings) {
        this.merge = new SubjectMerge(settings.maxClaimsPerSubject(), settings.maxSourcesPerClaim());
        this.retention = settings.claimRetention();
        this.expiryInterval = settings.expiryInterval();
    }

    static ProcessorSupplier<String, ClaimMention, String, SubjectUpdate> supplier(ClaimsSettings settings) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, ClaimMention, String, SubjectUpdate> get() {
                return new SubjectAggregator(settings);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ClaimsTopology.SUBJECT_STORE),
                        Serdes.String(), InternalAvroSerde.of(SubjectState.class)).withCachingEnabled(),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ClaimsTopology.COUNTED_STORE),
                        Serdes.String(), Serdes.Long()).withCachingEnabled());
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, SubjectUpdate> context) {
        this.context = context;
        this.subjects = context.getStateStore(ClaimsTopology.SUBJECT_STORE);
        this.counted = context.getStateStore(ClaimsTopology.COUNTED_STORE);
        // Stream time, like the claims' own times: a replayed backlog expires what it would have
        // expired live, and a stopped feed does not empty the store by the wall clock.
        context.schedule(expiryInterval, PunctuationType.STREAM_TIME, this::expire);
    }

    @Override
    public void process(Record<String, ClaimMention> record) {
        ClaimMention mention = record.value();
        if (mention == null) {
            return;
        }
        Instant time = mention.getPublished();
        if (time.toEpochMilli() < context.currentStreamTimeMs() - retention.toMillis()) {
            return; // older than the retention: it would be expired at once
        }
        String pair = pairKey(mention.getClaimKey(), mention.getArticleId());
        if (counted.get(pair) != null) {
            return; // this article already counts for this claim: nothing changes, nothing is emitted
        }
        // Everything that can fail is computed before the first write, so that a record sent
        // to the dead-letter topic leaves the stores as they were.
        SubjectMerge.Result result = merge.add(subjects.get(record.key()), mention);
        if (!result.changed()) {
            return;
        }
        SubjectUpdate update = new SubjectUpdate(Outputs.subjectClaims(result.state()),
            result.newClaim() ? List.of(Outputs.firstSeen(mention)) : List.of());
        result.evictedClaimKeys().forEach(this::forgetCounted);
        counted.put(pair, time.toEpochMilli());
        subjects.put(record.key(), result.state());
        context.forward(record.withValue(update));
    }

    private void expire(long streamTime) {
        Instant horizon = Instant.ofEpochMilli(streamTime - retention.toMillis());
        List<KeyValue<String, SubjectState>> changed = new ArrayList<>();
        List<String> expiredClaims = new ArrayList<>();
        // Changes are applied after the scan: stores do not promise iterators stable under writes.
        try (KeyValueIterator<String, SubjectState> all = subjects.all()) {
            while (all.hasNext()) {
                KeyValue<String, SubjectState> entry = all.next();
                List<String> expired = ClaimExpiry.expire(entry.value, horizon);
                if (!expired.isEmpty()) {
                    changed.add(entry);
                    expiredClaims.addAll(expired);
                }
            }
        }
        expiredClaims.forEach(this::forgetCounted);
        for (KeyValue<String, SubjectState> entry : changed) {
            if (entry.value.getClaims().isEmpty()) {
                subjects.delete(entry.key);
                context.forward(new Record<>(entry.key, SubjectUpdate.deleted(), streamTime));
            } else {
                subjects.put(entry.key, entry.value);
                context.forward(new Record<>(entry.key, new SubjectUpdate(Outputs.subjectClaims(entry.value), List.of()),
                    streamTime));
            }
        }
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
