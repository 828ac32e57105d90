package io.claimstream.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

import com.fasterxml.jackson.databind.JsonNode;

import io.claimstream.avro.internal.ClaimEntry;
import io.claimstream.avro.internal.SubjectHead;
import io.claimstream.topology.ClaimsSettings;
import io.claimstream.topology.ClaimsTopology;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The subjects this instance holds: interactive queries of the topology's subject store, for
 * the partitions whose active task runs here.
 */
final class LocalSubjects {

    /**
     * The subject store is fed by the mentions repartition topic, {@code <application.id>-claim-mentions-repartition};
     * a task that reads it is a task that holds a partition of the store.
     */
    private static final String STORE_SOURCE_SUFFIX = "-" + ClaimsTopology.MENTIONS_REPARTITION + "-repartition";

    /** Read once: parsing the settings per subject of a page would be work done for nothing. */
    private static final int RECORD_BOUND = ClaimsSettings.defaults().maxSubjectRecordBytes();

    /** Between the subject key and the claim key in the claim store's keys; subject keys hold none. */
    private static final char ENTRY_SEPARATOR = '\u0000';

    private final KafkaStreams streams;

    LocalSubjects(KafkaStreams streams) {
        this.streams = streams;
    }

    /** The subject as claims.by-subject shows it, from one partition, or from every local one when {@code partition} is null. */
    Optional<JsonNode> get(String key, Integer partition) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, SubjectHead>> heads = storeQuery(ClaimsTopology.SUBJECT_STORE);
        StoreQueryParameters<ReadOnlyKeyValueStore<String, ClaimEntry>> claims = storeQuery(ClaimsTopology.CLAIM_STORE);
        if (partition != null) {
            heads = heads.withPartition(partition);
            claims = claims.withPartition(partition);
        }
        try {
            ReadOnlyKeyValueStore<String, ClaimEntry> claimStore = store(claims);
            return Optional.ofNullable(store(heads).get(key)).map(head -> json(head, claimStore));
        } catch (InvalidStateStoreException e) {
            throw unavailable(e);
        }
    }

    /**
     * The query's page of the local partitions. In key order each partition's store is scanned
     * from the query's start and stops after at most {@code limit} + 1 keys, so a page costs the
     * same whatever the store holds. The other orders rank every subject with the prefix: they
     * read each claim entry of the partition once (its times and counts), and build the records
     * of only the subjects on the page.
     */
    SubjectPage list(SubjectQuery query) {
        List<SubjectPage> pages = new ArrayList<>();
        for (int partition : partitions()) {
            StoreQueryParameters<ReadOnlyKeyValueStore<String, SubjectHead>> heads = storeQuery(ClaimsTopology.SUBJECT_STORE);
            StoreQueryParameters<ReadOnlyKeyValueStore<String, ClaimEntry>> claims = storeQuery(ClaimsTopology.CLAIM_STORE);
            ReadOnlyKeyValueStore<String, SubjectHead> headStore = store(heads.withPartition(partition));
            ReadOnlyKeyValueStore<String, ClaimEntry> claimStore = store(claims.withPartition(partition));
            pages.add(query.order().followsTheStore() ? scan(headStore, claimStore, query) : rank(headStore, claimStore, query));
        }
        return SubjectPage.merge(pages, query.order(), query.limit());
    }

    private SubjectPage scan(ReadOnlyKeyValueStore<String, SubjectHead> heads, ReadOnlyKeyValueStore<String, ClaimEntry> claims,
                             SubjectQuery query) {
        List<SubjectPage.Ranked> subjects = new ArrayList<>();
        try (KeyValueIterator<String, SubjectHead> range = heads.range(query.scanFrom(), null)) {
            while (range.hasNext()) {
                KeyValue<String, SubjectHead> entry = range.next();
                if (query.passed(entry.key)) {
                    break;
                }
                if (!query.admits(entry.key)) {
                    continue;
                }
                if (subjects.size() == query.limit()) {
                    return new SubjectPage(subjects, true);
                }
                JsonNode subject = json(entry.value, claims);
                subjects.add(new SubjectPage.Ranked(SubjectRank.of(subject), subject));
            }
        } catch (InvalidStateStoreException e) {
            throw unavailable(e);
        }
        return new SubjectPage(subjects, false);
    }

    /**
     * The first {@code limit} subjects of the partition in the query's order, of those after its
     * cursor: one pass over the claim entries, whose keys start with their subject's key and a
     * NUL, so that a subject's entries come together; only the best {@code limit} + 1 are kept.
     */
    private SubjectPage rank(ReadOnlyKeyValueStore<String, SubjectHead> heads, ReadOnlyKeyValueStore<String, ClaimEntry> claims,
                             SubjectQuery query) {
        Comparator<SubjectRank> order = query.order().comparator();
        SubjectRank after = query.order().after(query.after());
        // The worst of the best kept is at the head, to be dropped when a better one comes.
        PriorityQueue<SubjectRank> best = new PriorityQueue<>(order.reversed());
        String subject = null;
        Instant updated = Instant.EPOCH;
        long mentions = 0;
        try (KeyValueIterator<String, ClaimEntry> range = claims.range(query.prefix(), null)) {
            while (true) {
                KeyValue<String, ClaimEntry> entry = range.hasNext() ? range.next() : null;
                String key = entry == null ? null : subjectKeyOf(entry.key);
                if (subject != null && !subject.equals(key)) {
                    SubjectRank rank = new SubjectRank(subject, updated, mentions);
                    if (subject.startsWith(query.prefix()) && (after == null || order.compare(rank, after) > 0)) {
                        best.add(rank);
                        if (best.size() > query.limit() + 1) {
                            best.poll();
                        }
                    }
                    subject = null;
                }
                if (entry == null || !entry.key.startsWith(query.prefix())) {
                    break;
                }
                if (subject == null) {
                    subject = key;
                    updated = Instant.EPOCH;
                    mentions = 0;
                }
                if (entry.value.getLastSeen().isAfter(updated)) {
                    updated = entry.value.getLastSeen();
                }
                mentions += entry.value.getMentions();
            }
            List<SubjectRank> ranks = new ArrayList<>(best);
            ranks.sort(order);
            boolean more = ranks.size() > query.limit();
            List<SubjectPage.Ranked> subjects = new ArrayList<>();
            for (SubjectRank rank : ranks.subList(0, Math.min(query.limit(), ranks.size()))) {
                SubjectHead head = heads.get(rank.key());
                if (head != null) { // else deleted since the scan
                    subjects.add(new SubjectPage.Ranked(rank, json(head, claims)));
                }
            }
            return new SubjectPage(subjects, more);
        } catch (InvalidStateStoreException e) {
            throw unavailable(e);
        }
    }

    /** The subject key of a claim entry's store key: what comes before the NUL (see the topology's SubjectStores). */
    private static String subjectKeyOf(String entryKey) {
        int end = entryKey.indexOf(ENTRY_SEPARATOR);
        return end < 0 ? entryKey : entryKey.substring(0, end);
    }

    /** Partitions of the subject store whose active task runs on this instance now. */
    private List<Integer> partitions() {
        requireQueryable();
        return streams.metadataForLocalThreads().stream()
            .flatMap(thread -> thread.activeTasks().stream())
            .filter(LocalSubjects::holdsSubjectStore)
            .map(task -> task.taskId().partition())
            .sorted()
            .toList();
    }

    private static boolean holdsSubjectStore(TaskMetadata task) {
        return task.topicPartitions().stream().anyMatch(tp -> tp.topic().endsWith(STORE_SOURCE_SUFFIX));
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> query) {
        requireQueryable();
        try {
            return streams.store(query);
        } catch (InvalidStateStoreException e) {
            throw unavailable(e);
        }
    }

    /** Fails with a 503 unless Kafka Streams runs or rebalances: only then can stores and metadata be asked. */
    void requireQueryable() {
        KafkaStreams.State state = streams.state();
        if (!state.isRunningOrRebalancing()) {
            throw ApiException.unavailable("the subject store cannot be queried: Kafka Streams is " + state, null);
        }
    }

    private static <V> StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> storeQuery(String store) {
        return StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore());
    }

    static ApiException unavailable(InvalidStateStoreException e) {
        // Thrown while partitions move between instances or restore: the answer exists, just not here yet.
        return ApiException.unavailable("the subject store is being rebalanced or restored: " + e.getMessage(), e);
    }

    /** Rendered within the topic's default size bound, so that one page of subjects stays a bounded answer. */
    private static JsonNode json(SubjectHead head, ReadOnlyKeyValueStore<String, ClaimEntry> claims) {
        return RecordJson.of(ClaimsTopology.subjectRecord(head, claims, RECORD_BOUND));
    }
}
