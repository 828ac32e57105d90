package io.claimstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.claimstream.topology.ClaimsTopics;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Response;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.junit.jupiter.api.Test;

class DeadLetterProductionHandlerTest {

    /** A write at commit time, outside any record's processing: no source, no timestamp. */
    private static final ErrorHandlerContext AT_COMMIT = new NoRecordContext("subject-claims-sink");

    private final DeadLetterProductionHandler handler = handler();

    @Test
    void anOutputRecordTheBrokerRefusesAsTooLargeGoesToTheDeadLettersAndProcessingGoesOn() {
        ProducerRecord<byte[], byte[]> subject = new ProducerRecord<>(ClaimsTopics.SUBJECT_CLAIMS, bytes("russia/soldier-killed"),
            new byte[300_000]);

        Response response = handler.handleError(AT_COMMIT, subject, new RecordTooLargeException("too large"));

        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo(ClaimsTopics.DEAD_LETTERS);
            assertThat(letter.key()).isEqualTo(bytes("russia/soldier-killed"));
            assertThat(letter.timestamp()).isNull();
            assertThat(new String(letter.headers().lastHeader("__streams.errors.exception").value(), StandardCharsets.UTF_8))
                .isEqualTo(RecordTooLargeException.class.getName());
        });
    }

    @Test
    void aChangelogWriteThatFailsStopsProcessingSoThatNoStateIsLost() {
        ProducerRecord<byte[], byte[]> changelog = new ProducerRecord<>("claimstream-processor-subject-claim-entries-changelog",
            bytes("k"), bytes("v"));

        Response response = handler.handleError(AT_COMMIT, changelog, new RecordTooLargeException("too large"));

        assertThat(response.result()).isEqualTo(Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).singleElement()
            .satisfies(letter -> assertThat(letter.timestamp()).as("writable: no -1").isNull());
    }

    @Test
    void aRetriableFailureIsRetried() {
        ProducerRecord<byte[], byte[]> claim = new ProducerRecord<>(ClaimsTopics.CLAIMS, bytes("k"), bytes("v"));
        assertThat(handler.handleError(AT_COMMIT, claim, new NotLeaderOrFollowerException("moved")).result())
            .isEqualTo(Result.RETRY);
    }

    private static DeadLetterProductionHandler handler() {
        DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
        handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, ClaimsTopics.DEAD_LETTERS));
        return handler;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
