package io.claimstream.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * Keeps two retried producer errors of transactional writes out of the log, and says once, at
 * INFO, that it does. Installed by the shipped {@code logback.xml}.
 *
 * <p>{@code CONCURRENT_TRANSACTIONS}: with transactions version 2 (Kafka 4) a produce request adds
 * its partition to the transaction; while the previous transaction's commit markers are still
 * being written, the broker waits up to {@code add.partitions.to.txn.retry.backoff.max.ms} (100 ms
 * by default), then answers CONCURRENT_TRANSACTIONS and the producer retries. Kafka Streams
 * under exactly_once_v2 commits every 100 ms, so on a busy machine this happens now and then,
 * above all in the first transactions of a new application. Nothing is lost or written twice.
 *
 * <p>{@code OUT_OF_ORDER_SEQUENCE_NUMBER}: the batches the producer had in flight behind a
 * batch so refused arrive with a sequence number past the one the broker expects; the
 * idempotent producer resends them, in order, after the refused one. Also benign, unless the gap
 * lasts: that is how a lost first batch shows (KAFKA-15591), so such a warning is shown again once
 * the same partition has had them for {@link #LASTING_GAP_MS}.
 *
 * <p>When Kafka's producer logs at INFO or below (CLAIMSTREAM_KAFKA_LOG_LEVEL=INFO) nothing is
 * held back. Every other message, of this logger or another, passes untouched.
 */
public final class TransactionRetryWarnings extends TurboFilter {

    static final String SENDER = "org.apache.kafka.clients.producer.internals.Sender";
    /** How long one partition's sequence gap may last before its warnings are shown again. */
    static final long LASTING_GAP_MS = 10_000;
    /** A partition with no gap for this long starts afresh. */
    private static final long GAP_ENDED_MS = 30_000;
    private static final Pattern RETRIED = Pattern.compile(
        "Got error produce response with correlation id \\d+ on topic-partition (\\S+), retrying \\(.*\\)\\. Error: "
            + "(CONCURRENT_TRANSACTIONS|OUT_OF_ORDER_SEQUENCE_NUMBER)\\b");

    static final String EXPLANATION = "Kafka's producer retried transactional writes that the broker answered with "
        + "CONCURRENT_TRANSACTIONS (the previous transaction's commit still being written) or OUT_OF_ORDER_SEQUENCE_NUMBER "
        + "(batches sent behind such a write); both are resent in order and nothing is lost or doubled, so these warnings "
        + "are not shown (CLAIMSTREAM_KAFKA_LOG_LEVEL=INFO shows them; a sequence gap lasting "
        + LASTING_GAP_MS / 1000 + " s is shown)";

    private final LongSupplier clock;
    private final Map<String, long[]> gaps = new HashMap<>();
    private boolean explained;

    public TransactionRetryWarnings() {
        this(() -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime()));
    }

    TransactionRetryWarnings(LongSupplier clockMillis) {
        this.clock = clockMillis;
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level != Level.WARN || format == null || !logger.getName().equals(SENDER) || !logger.isEnabledFor(Level.WARN)
            || logger.isInfoEnabled()) {
            return FilterReply.NEUTRAL;
        }
        Matcher retried = RETRIED.matcher(params == null ? format : MessageFormatter.arrayFormat(format, params).getMessage());
        if (!retried.find()) {
            return FilterReply.NEUTRAL;
        }
        boolean outOfOrder = retried.group(2).equals("OUT_OF_ORDER_SEQUENCE_NUMBER");
        if (outOfOrder && lasting(retried.group(1))) {
            return FilterReply.NEUTRAL;
        }
        explainOnce(logger);
        return FilterReply.DENY;
    }

    /** Whether {@code partition}'s sequence gap has lasted long enough to be worth a warning. */
    private synchronized boolean lasting(String partition) {
        long now = clock.getAsLong();
        long[] gap = gaps.get(partition);
        if (gap == null || now - gap[1] > GAP_ENDED_MS) {
            gap = new long[] {now, now};
            gaps.put(partition, gap);
        }
        gap[1] = now;
        return now - gap[0] >= LASTING_GAP_MS;
    }

    private void explainOnce(Logger sender) {
        synchronized (this) {
            if (explained) {
                return;
            }
            explained = true;
        }
        // Logged outside the lock: this line passes through the turbo filters too.
        sender.getLoggerContext().getLogger(TransactionRetryWarnings.class).info(EXPLANATION);
    }
}
