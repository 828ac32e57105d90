package io.claimstream.topology;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import io.claimstream.extract.ExtractionLimits;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * What the topology keeps and for how long, and how its topics are created. Read from
 * properties with the {@code claimstream.} keys below; every other property is Kafka's.
 *
 * @param articleDedupRetention how long (in event time) an article id or text is remembered, so that a
 *     re-delivered or re-linked article is not extracted again
 * @param claimRetention a claim not mentioned for this long (in event time) is removed; a subject left
 *     without claims is deleted
 * @param expiryInterval how often (in stream time) expired claims are looked for
 * @param subjectEmitInterval how often (wall-clock time) the subjects changed since the last time are
 *     written to claims.by-subject: a busy subject is written once per interval, not once per mention
 * @param subjectEmitBudgetBytes bytes of claims.by-subject records one subject may write per emit interval,
 *     on average: a subject whose record is larger waits as many intervals as its record takes budgets
 * @param maxClaimsPerSubject distinct claims kept per subject; beyond it the least recently seen one goes
 * @param maxSourcesPerClaim sources listed per claim, the earliest and the latest; the mention count keeps the total
 * @param maxClaimantsPerClaim claimants listed per claim, the earliest; the claimant count keeps the total
 * @param maxSubjectRecordBytes size bound of a claims.by-subject record; a subject that would pass it lists
 *     the claims reported most, and its claim count keeps the total
 * @param topicPartitions partitions of the topics the application creates
 * @param topicReplicationFactor replicas of the topics the application creates (also its internal
 *     topics); -1 for the broker's default
 * @param subjectTopicSegment segment.ms of claims.by-subject: how soon a segment can be compacted
 * @param subjectTopicMinCompactionLag min.compaction.lag.ms of claims.by-subject: how long each update
 *     stays readable before compaction may replace it
 * @param subjectTopicDeleteRetention delete.retention.ms of claims.by-subject: how long a tombstone stays,
 *     so that consumers that were down that long still see the deletion
 * @param stateMemoryBytes off-heap memory the RocksDB state stores of one application instance share
 *     (block cache, index and filter blocks, memtables), whatever the number of stores and partitions
 * @param extractionLimits what one article may cost the extractor: text read, claims kept, time
 */
public record ClaimsSettings(
    Duration articleDedupRetention,
    Duration claimRetention,
    Duration expiryInterval,
    Duration subjectEmitInterval,
    int subjectEmitBudgetBytes,
    int maxClaimsPerSubject,
    int maxSourcesPerClaim,
    int maxClaimantsPerClaim,
    int maxSubjectRecordBytes,
    int topicPartitions,
    short topicReplicationFactor,
    Duration subjectTopicSegment,
    Duration subjectTopicMinCompactionLag,
    Duration subjectTopicDeleteRetention,
    long stateMemoryBytes,
    ExtractionLimits extractionLimits) {

    public static final String PREFIX = "claimstream.";
    public static final String ARTICLE_DEDUP_RETENTION_MS = "claimstream.article.dedup.retention.ms";
    public static final String CLAIM_RETENTION_MS = "claimstream.claim.retention.ms";
    public static final String EXPIRY_INTERVAL_MS = "claimstream.claim.expiry.interval.ms";
    public static final String SUBJECT_EMIT_INTERVAL_MS = "claimstream.subject.emit.interval.ms";
    public static final String SUBJECT_EMIT_BUDGET_BYTES = "claimstream.subject.emit.budget.bytes";
    public static final String MAX_CLAIMS_PER_SUBJECT = "claimstream.max.claims.per.subject";
    public static final String MAX_SOURCES_PER_CLAIM = "claimstream.max.sources.per.claim";
    public static final String MAX_CLAIMANTS_PER_CLAIM = "claimstream.max.claimants.per.claim";
    public static final String SUBJECT_RECORD_MAX_BYTES = "claimstream.subject.record.max.bytes";
    /** The least {@value #SUBJECT_RECORD_MAX_BYTES} may be: room for several claims at their own bound. */
    public static final int MIN_SUBJECT_RECORD_BYTES = 64 << 10;
    public static final String TOPIC_PARTITIONS = "claimstream.topic.partitions";
    public static final String TOPIC_REPLICATION_FACTOR = "claimstream.topic.replication.factor";
    public static final String SUBJECT_TOPIC_SEGMENT_MS = "claimstream.subject.topic.segment.ms";
    public static final String SUBJECT_TOPIC_MIN_COMPACTION_LAG_MS = "claimstream.subject.topic.min.compaction.lag.ms";
    public static final String SUBJECT_TOPIC_DELETE_RETENTION_MS = "claimstream.subject.topic.delete.retention.ms";
    public static final String STATE_MEMORY_BYTES = "claimstream.state.memory.bytes";
    public static final String EXTRACT_MAX_TEXT_BYTES = "claimstream.extract.max.text.bytes";
    public static final String EXTRACT_MAX_CLAIMS = "claimstream.extract.max.claims.per.article";
    public static final String EXTRACT_TIME_BUDGET_MS = "claimstream.extract.time.budget.ms";

    private static final ConfigDef DEFINITION = new ConfigDef()
        .define(ARTICLE_DEDUP_RETENTION_MS, Type.LONG, Duration.ofDays(7).toMillis(), Range.atLeast(1), Importance.MEDIUM,
            "How long (event time) article ids and texts are remembered for deduplication.")
        .define(CLAIM_RETENTION_MS, Type.LONG, Duration.ofDays(30).toMillis(), Range.atLeast(1), Importance.MEDIUM,
            "A claim not mentioned for this long (event time) is removed; a subject left empty is deleted.")
        .define(EXPIRY_INTERVAL_MS, Type.LONG, Duration.ofHours(1).toMillis(), Range.atLeast(1), Importance.LOW,
            "How often (stream time) expired claims are looked for; a claim is removed at the first look after the end "
                + "of the interval its last mention falls in has passed the retention, so up to two intervals after the retention.")
        .define(SUBJECT_EMIT_INTERVAL_MS, Type.LONG, 200L, Range.atLeast(1), Importance.MEDIUM,
            "How often (wall-clock time) changed subjects are written to claims.by-subject; a subject "
                + "mentioned many times in one interval is written once, with all of them.")
        .define(SUBJECT_EMIT_BUDGET_BYTES, Type.INT, 8 << 10, Range.atLeast(1024), Importance.MEDIUM,
            "Bytes of claims.by-subject records one subject may write per emit interval, on average. A subject "
                + "whose record is larger is written at most once every size/budget intervals (rounded up; with "
                + "the defaults a 64 KiB record once every 8 intervals, 1.6 s), with every change since; "
                + "smaller records are written every interval. A deleted subject's tombstone is never held.")
        .define(MAX_CLAIMS_PER_SUBJECT, Type.INT, 200, Range.atLeast(1), Importance.MEDIUM,
            "Distinct claims kept per subject; beyond it the least recently seen claim is dropped.")
        .define(MAX_SOURCES_PER_CLAIM, Type.INT, 2, Range.atLeast(1), Importance.MEDIUM,
            "Sources listed per claim: the earliest half and the latest half of this many articles "
                + "(with 2, the first and the latest report); the mention count keeps the total.")
        .define(MAX_CLAIMANTS_PER_CLAIM, Type.INT, 20, Range.atLeast(1), Importance.MEDIUM,
            "Claimants listed per claim, in order of first appearance; the claimant count keeps the total.")
        // Below Kafka's default max.message.bytes (1 MB) with room for headers and batch overhead.
        .define(SUBJECT_RECORD_MAX_BYTES, Type.INT, 256 << 10, Range.between(MIN_SUBJECT_RECORD_BYTES, 900 << 10),
            Importance.MEDIUM, "Size bound of a claims.by-subject record (Avro bytes). A subject that would pass it lists "
                + "the claims reported most; its claim_count keeps the total.")
        .define(TOPIC_PARTITIONS, Type.INT, 6, Range.atLeast(1), Importance.MEDIUM,
            "Partitions of the topics the application creates.")
        // An int, not a short: ConfigDef's SHORT refuses the Integer a map of settings holds.
        .define(TOPIC_REPLICATION_FACTOR, Type.INT, -1, Range.between(-1, (int) Short.MAX_VALUE), Importance.MEDIUM,
            "Replicas of the topics the application creates, internal ones included; -1 for the broker's default.")
        .define(SUBJECT_TOPIC_SEGMENT_MS, Type.LONG, Duration.ofHours(6).toMillis(), Range.atLeast(1), Importance.LOW,
            "segment.ms of claims.by-subject.")
        .define(SUBJECT_TOPIC_MIN_COMPACTION_LAG_MS, Type.LONG, Duration.ofHours(1).toMillis(), Range.atLeast(0),
            Importance.LOW, "min.compaction.lag.ms of claims.by-subject.")
        .define(SUBJECT_TOPIC_DELETE_RETENTION_MS, Type.LONG, Duration.ofDays(7).toMillis(), Range.atLeast(0),
            Importance.LOW, "delete.retention.ms of claims.by-subject: how long tombstones are kept.")
        .define(STATE_MEMORY_BYTES, Type.LONG, 256L << 20, Range.atLeast(16L << 20), Importance.MEDIUM,
            "Off-heap memory shared by all RocksDB state stores of one instance: block cache, index and "
                + "filter blocks and, up to half of it, memtables. Kafka Streams' own default is about "
                + "100 MB per store and partition.")
        .define(EXTRACT_MAX_TEXT_BYTES, Type.INT, ExtractionLimits.DEFAULT.maxTextBytes(), Range.atLeast(1),
            Importance.MEDIUM, "UTF-8 bytes of an article's text that extraction reads; the rest of a longer text is "
                + "not read (counted in claimstream_extract_truncated_total{reason=\"text-bytes\"}).")
        .define(EXTRACT_MAX_CLAIMS, Type.INT, ExtractionLimits.DEFAULT.maxClaims(), Range.atLeast(1), Importance.MEDIUM,
            "Claims extracted per article; the figures after them are not claims "
                + "(claimstream_extract_truncated_total{reason=\"max-claims\"}).")
        .define(EXTRACT_TIME_BUDGET_MS, Type.LONG, ExtractionLimits.DEFAULT.timeBudget().toMillis(), Range.atLeast(1),
            Importance.MEDIUM, "Time one article's extraction may take; past it the extractor stops with the claims it "
                + "has (claimstream_extract_truncated_total{reason=\"time-budget\"}). Keep it well inside "
                + "producer.transaction.timeout.ms.");

    public ClaimsSettings {
        requirePositive(articleDedupRetention, ARTICLE_DEDUP_RETENTION_MS);
        requirePositive(claimRetention, CLAIM_RETENTION_MS);
        requirePositive(expiryInterval, EXPIRY_INTERVAL_MS);
        requirePositive(subjectEmitInterval, SUBJECT_EMIT_INTERVAL_MS);
        requirePositive(subjectTopicSegment, SUBJECT_TOPIC_SEGMENT_MS);
        if (subjectTopicMinCompactionLag.isNegative()) {
            throw new ConfigException(SUBJECT_TOPIC_MIN_COMPACTION_LAG_MS, subjectTopicMinCompactionLag, "must not be negative");
        }
        if (subjectTopicDeleteRetention.isNegative()) {
            throw new ConfigException(SUBJECT_TOPIC_DELETE_RETENTION_MS, subjectTopicDeleteRetention, "must not be negative");
        }
        if (subjectEmitBudgetBytes < 1) {
            throw new ConfigException(SUBJECT_EMIT_BUDGET_BYTES, subjectEmitBudgetBytes, "must be at least 1");
        }
        if (maxClaimsPerSubject < 1) {
            throw new ConfigException(MAX_CLAIMS_PER_SUBJECT, maxClaimsPerSubject, "must be at least 1");
        }
        if (maxSourcesPerClaim < 1) {
            throw new ConfigException(MAX_SOURCES_PER_CLAIM, maxSourcesPerClaim, "must be at least 1");
        }
        if (maxClaimantsPerClaim < 1) {
            throw new ConfigException(MAX_CLAIMANTS_PER_CLAIM, maxClaimantsPerClaim, "must be at least 1");
        }
        if (maxSubjectRecordBytes < MIN_SUBJECT_RECORD_BYTES) {
            throw new ConfigException(SUBJECT_RECORD_MAX_BYTES, maxSubjectRecordBytes, "must be at least " + MIN_SUBJECT_RECORD_BYTES);
        }
        if (topicPartitions < 1) {
            throw new ConfigException(TOPIC_PARTITIONS, topicPartitions, "must be at least 1");
        }
        if (topicReplicationFactor == 0 || topicReplicationFactor < -1) {
            throw new ConfigException(TOPIC_REPLICATION_FACTOR, topicReplicationFactor, "must be -1 or at least 1");
        }
    }

    public static ClaimsSettings defaults() {
        return from(Map.of());
    }

    /**
     * Reads the {@code claimstream.} keys of {@code props}, defaulting the missing ones; other keys
     * are ignored.
     *
     * @throws ConfigException naming the key when a value is invalid
     */
    public static ClaimsSettings from(Map<?, ?> props) {
        Map<String, Object> own = new TreeMap<>();
        props.forEach((k, v) -> {
            if (String.valueOf(k).startsWith(PREFIX)) {
                own.put(String.valueOf(k), v);
            }
        });
        Map<String, Object> values = DEFINITION.parse(own);
        return new ClaimsSettings(
            millis(values, ARTICLE_DEDUP_RETENTION_MS),
            millis(values, CLAIM_RETENTION_MS),
            millis(values, EXPIRY_INTERVAL_MS),
            millis(values, SUBJECT_EMIT_INTERVAL_MS),
            (Integer) values.get(SUBJECT_EMIT_BUDGET_BYTES),
            (Integer) values.get(MAX_CLAIMS_PER_SUBJECT),
            (Integer) values.get(MAX_SOURCES_PER_CLAIM),
            (Integer) values.get(MAX_CLAIMANTS_PER_CLAIM),
            (Integer) values.get(SUBJECT_RECORD_MAX_BYTES),
            (Integer) values.get(TOPIC_PARTITIONS),
            ((Integer) values.get(TOPIC_REPLICATION_FACTOR)).shortValue(),
            millis(values, SUBJECT_TOPIC_SEGMENT_MS),
            millis(values, SUBJECT_TOPIC_MIN_COMPACTION_LAG_MS),
            millis(values, SUBJECT_TOPIC_DELETE_RETENTION_MS),
            (Long) values.get(STATE_MEMORY_BYTES),
            new ExtractionLimits((Integer) values.get(EXTRACT_MAX_TEXT_BYTES), (Integer) values.get(EXTRACT_MAX_CLAIMS),
                Duration.ofMillis((Long) values.get(EXTRACT_TIME_BUDGET_MS))));
    }

    /** The keys this record reads, with their documentation, as an operator would want them listed. */
    public static ConfigDef definition() {
        return new ConfigDef(DEFINITION);
    }

    private static Duration millis(Map<String, Object> values, String key) {
        return Duration.ofMillis((Long) values.get(key));
    }

    private static void requirePositive(Duration d, String key) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new ConfigException(key, d, "must be positive");
        }
    }
}
