package io.claimstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.junit.jupiter.api.Test;

class DeadLetterRecordsTest {

    /** Kafka Streams' own builder throws "Invalid timestamp: -1" here, and the failing record's dead letter fails too. */
    @Test
    void aFailureOutsideARecordsProcessingGetsADeadLetterStampedWhenWritten() {
        ErrorHandlerContext punctuation = new NoRecordContext("subject-aggregator");
        ProducerRecord<byte[], byte[]> letter = DeadLetterRecords.of("news.dlq", bytes("subject"), bytes("v"), punctuation,
            new IllegalStateException("boom"));
        assertThat(letter.timestamp()).isNull();
        assertThat(letter.key()).isEqualTo(bytes("subject"));
        assertThat(new String(letter.headers().lastHeader("__streams.errors.message").value(), StandardCharsets.UTF_8))
            .isEqualTo("boom");
        assertThat(new String(letter.headers().lastHeader("__streams.errors.exception").value(), StandardCharsets.UTF_8))
            .isEqualTo(IllegalStateException.class.getName());
        assertThat(new String(letter.headers().lastHeader("__streams.errors.offset").value(), StandardCharsets.UTF_8))
            .isEqualTo("-1");
    }

    @Test
    void aDeadLetterTooLargeForTheBrokerKeepsItsReasonAndSaysWhatWasLeftOut() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("__streams.errors.stacktrace", new byte[200_000]);
        headers.add("__streams.errors.offset", bytes("17"));
        byte[] nearTheLimit = new byte[1_000_000];
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>("news.dlq", null, 5L, bytes("article-1"), nearTheLimit, headers);

        ProducerRecord<byte[], byte[]> writable = DeadLetterRecords.writable(letter);
        assertThat(writable.value()).isNull();
        assertThat(new String(writable.headers().lastHeader(DeadLetterRecords.VALUE_LEFT_OUT).value(), StandardCharsets.US_ASCII))
            .isEqualTo("1000000");
        assertThat(writable.headers().lastHeader("__streams.errors.stacktrace").value()).hasSize(DeadLetterRecords.MAX_HEADER_BYTES);
        assertThat(writable.headers().lastHeader("__streams.errors.offset").value()).isEqualTo(bytes("17"));
        assertThat(writable.key()).isEqualTo(bytes("article-1"));
        assertThat(writable.timestamp()).isEqualTo(5L);
    }

    @Test
    void aDeadLetterWithinTheBoundIsWrittenAsItIs() {
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>("news.dlq", 2, 5L, bytes("k"), new byte[500_000]);
        assertThat(DeadLetterRecords.writable(List.of(letter))).singleElement()
            .satisfies(w -> {
                assertThat(w.value()).hasSize(500_000);
                assertThat(w.partition()).isEqualTo(2);
                assertThat(w.headers().lastHeader(DeadLetterRecords.VALUE_LEFT_OUT)).isNull();
            });
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
