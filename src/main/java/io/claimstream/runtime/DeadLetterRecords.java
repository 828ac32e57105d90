package io.claimstream.runtime;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;

/**
 * Makes the dead letters Kafka Streams builds writable, whatever the record that failed: the
 * dead-letter path must never be the next failure. Two things made it one: a record that fails
 * outside a record's processing (a punctuation, a flush) has no timestamp, and Kafka Streams
 * gives its dead letter -1, which the producer refuses ("Invalid timestamp: -1"); and a dead
 * letter of a record near the broker's size limit, with a stack trace beside it, passes the
 * limit. A dead letter keeps the failed record's key and value whenever they fit; the source
 * coordinates (topic, partition, offset headers) find it otherwise.
 */
final class DeadLetterRecords {

    /** Largest header value kept: a stack trace beyond it is cut. */
    static final int MAX_HEADER_BYTES = 8 << 10;
    /** Largest dead letter written, under Kafka's default 1 MB with room for the batch. */
    static final int MAX_RECORD_BYTES = 900 << 10;
    /** Set when the failed record's value was left out for size: its size in bytes, decimal ASCII. */
    static final String VALUE_LEFT_OUT = "claimstream.dlq.value.left.out.bytes";
    /** Set when the failed record's key was left out for size: its size in bytes, decimal ASCII. */
    static final String KEY_LEFT_OUT = "claimstream.dlq.key.left.out.bytes";

    private DeadLetterRecords() {
    }

    /**
     * The dead letter of a record that failed with {@code exception}: what Kafka Streams' own
     * builder writes (the context's headers, then {@code __streams.errors.exception}, {@code
     * .message}, {@code .stacktrace}, {@code .topic}, {@code .partition}, {@code .offset}), made
     * writable. Kafka's builder throws on a context without timestamp, so it is not used.
     */
    static ProducerRecord<byte[], byte[]> of(String topic, byte[] key, byte[] value, ErrorHandlerContext context,
                                            Exception exception) {
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topic, null, null, key, value);
        if (context.headers() != null) {
            context.headers().forEach(letter.headers()::add);
        }
        StringWriter trace = new StringWriter();
        exception.printStackTrace(new PrintWriter(trace));
        letter.headers().add(ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME, utf8(exception.getClass().getName()));
        letter.headers().add(ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME, utf8(exception.getMessage()));
        letter.headers().add(ExceptionHandlerUtils.HEADER_ERRORS_STACKTRACE_NAME, utf8(trace.toString()));
        letter.headers().add(ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME, utf8(context.topic()));
        letter.headers().add(ExceptionHandlerUtils.HEADER_ERRORS_PARTITION_NAME, utf8(Integer.toString(context.partition())));
        letter.headers().add(ExceptionHandlerUtils.HEADER_ERRORS_OFFSET_NAME, utf8(Long.toString(context.offset())));
        long timestamp = context.timestamp();
        return writable(new ProducerRecord<>(topic, null, timestamp < 0 ? null : timestamp, key, value, letter.headers()));
    }

    /** The dead-letter topic the Streams configuration names ({@code errors.dead.letter.queue.topic.name}), or null. */
    static String topic(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        return topic == null ? null : topic.toString();
    }

    /** {@code records}, each made writable; null stays null. */
    static List<ProducerRecord<byte[], byte[]>> writable(List<ProducerRecord<byte[], byte[]>> records) {
        if (records == null) {
            return null;
        }
        List<ProducerRecord<byte[], byte[]>> writable = new ArrayList<>(records.size());
        records.forEach(r -> writable.add(writable(r)));
        return writable;
    }

    static ProducerRecord<byte[], byte[]> writable(ProducerRecord<byte[], byte[]> record) {
        RecordHeaders headers = new RecordHeaders();
        long headerBytes = 0;
        for (Header h : record.headers()) {
            byte[] value = h.value();
            if (value != null && value.length > MAX_HEADER_BYTES) {
                value = Arrays.copyOf(value, MAX_HEADER_BYTES);
            }
            headers.add(h.key(), value);
            headerBytes += h.key().length() + (value == null ? 0 : value.length);
        }
        byte[] key = record.key();
        byte[] value = record.value();
        if (length(key) + headerBytes > MAX_RECORD_BYTES / 2) {
            headers.add(KEY_LEFT_OUT, ascii(length(key)));
            key = null;
        }
        if (length(key) + length(value) + headerBytes > MAX_RECORD_BYTES) {
            headers.add(VALUE_LEFT_OUT, ascii(length(value)));
            value = null;
        }
        // No timestamp: the producer stamps the time of writing.
        Long timestamp = record.timestamp() == null || record.timestamp() < 0 ? null : record.timestamp();
        return new ProducerRecord<>(record.topic(), record.partition(), timestamp, key, value, headers);
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(int n) {
        return Integer.toString(n).getBytes(StandardCharsets.US_ASCII);
    }
}
