package io.claimstream.topology;

import java.util.ArrayList;
import java.util.List;

import io.claimstream.avro.internal.ClaimEntry;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * How the aggregator's stores are keyed. A subject is a head (subject-heads, keyed by subject
 * key) and one entry per claim (subject-claim-entries, keyed by subject key, NUL, claim key), so
 * that a mention rewrites one small entry and the subject's record is built by a prefix scan
 * when it is written. The counted store holds, under each claim key and a NUL, the articles
 * counted for it and markers of its outlets and claimants, so that one prefix scan forgets all
 * of them. The expiry index is keyed by the end of the expiry interval each claim's last-seen
 * time falls in, zero-padded so that string order is time order.
 */
final class SubjectStores {

    static final char SEPARATOR = '\u0000';
    private static final char OUTLET_MARK = '\u0001';
    private static final char CLAIMANT_MARK = '\u0002';
    /** Index keys start with the time in 19 digits, zero-padded: a long's widest, so string order is time order. */
    private static final int INDEX_TIME_LENGTH = 19;
    private static final String ZEROS = "0".repeat(INDEX_TIME_LENGTH);
    static final long NOT_INDEXED = -1;

    private SubjectStores() {
    }

    static String entryKey(String subjectKey, String claimKey) {
        return subjectKey + SEPARATOR + claimKey;
    }

    /** Every claim entry of {@code subjectKey}, in key order: a prefix scan, exact because subject keys hold no NUL. */
    static List<ClaimEntry> entriesOf(ReadOnlyKeyValueStore<String, ClaimEntry> claims, String subjectKey) {
        List<ClaimEntry> entries = new ArrayList<>();
        try (KeyValueIterator<String, ClaimEntry> found = claims.prefixScan(subjectKey + SEPARATOR, new StringSerializer())) {
            while (found.hasNext()) {
                KeyValue<String, ClaimEntry> next = found.next();
                entries.add(next.value);
            }
        }
        return entries;
    }

    static String articleKey(String claimKey, String articleId) {
        return claimKey + SEPARATOR + articleId;
    }

    static String outletKey(String claimKey, String outlet) {
        return claimKey + SEPARATOR + OUTLET_MARK + outlet;
    }

    static String claimantKey(String claimKey, String claimant) {
        return claimKey + SEPARATOR + CLAIMANT_MARK + claimant;
    }

    /** The prefix under which everything counted for {@code claimKey} is kept. */
    static String countedPrefix(String claimKey) {
        return claimKey + SEPARATOR;
    }

    static String indexKey(long time, String entryKey) {
        // Written whenever a mention moves a claim's last-seen time to another interval: no String.format here.
        String digits = Long.toString(Math.max(0, time));
        StringBuilder key = new StringBuilder(INDEX_TIME_LENGTH + 1 + entryKey.length());
        key.append(ZEROS, 0, INDEX_TIME_LENGTH - digits.length()).append(digits).append(SEPARATOR).append(entryKey);
        return key.toString();
    }

    static long indexedTime(String indexKey) {
        return Long.parseLong(indexKey.substring(0, INDEX_TIME_LENGTH));
    }

    static String indexedEntry(String indexKey) {
        return indexKey.substring(INDEX_TIME_LENGTH + 1);
    }
}
