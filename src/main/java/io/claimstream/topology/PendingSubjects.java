package io.claimstream.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The subjects changed since their record was last written, each with the latest time it
 * changed: kept in the changelogged pending-subjects store, so that under exactly-once a crash
 * neither loses a pending subject nor writes one twice, and mirrored in memory, which is what is
 * read. Marking a subject pending was a store read and write per article and subject (a read
 * that mostly missed the record cache and went to RocksDB), and every emit interval iterated the
 * store; now a subject already pending costs a map look-up, and a subject that is not pending
 * is not deleted from the store.
 *
 * <p>The mirror is loaded from the store on first use, after the store is restored, and only
 * this class writes the store: the two hold the same subjects. A processor made again (a task
 * revived after a failed transaction) makes a new one.
 */
final class PendingSubjects {

    private final KeyValueStore<String, Long> store;
    /** In key order, as the store iterates: subjects are written in the same order as before. */
    private final TreeMap<String, Long> times = new TreeMap<>();
    private boolean loaded;

    PendingSubjects(KeyValueStore<String, Long> store) {
        this.store = store;
    }

    /** Marks {@code subjectKey} changed at {@code time}: kept with the latest time it changed. */
    void mark(String subjectKey, long time) {
        Map<String, Long> pending = times();
        Long before = pending.get(subjectKey);
        if (before == null || before < time) {
            pending.put(subjectKey, time);
            store.put(subjectKey, time);
        }
    }

    /** Unmarks {@code subjectKey}: its record was written, or it is gone. */
    void remove(String subjectKey) {
        if (times().remove(subjectKey) != null) {
            store.delete(subjectKey);
        }
    }

    /** The pending subjects and their times, in key order, as a copy: callers remove subjects as they go. */
    List<KeyValue<String, Long>> all() {
        List<KeyValue<String, Long>> all = new ArrayList<>(times().size());
        times().forEach((subject, time) -> all.add(KeyValue.pair(subject, time)));
        return all;
    }

    private Map<String, Long> times() {
        if (!loaded) {
            try (KeyValueIterator<String, Long> stored = store.all()) {
                stored.forEachRemaining(kv -> times.put(kv.key, kv.value));
            }
            loaded = true;
        }
        return times;
    }
}
