package io.claimstream.runtime;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.claimstream.topology.ClaimsTopics;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record of claims.by-subject or news.claims that the broker refuses as too large goes to the
 * dead-letter topic, with the reason, and processing goes on: the topology bounds every record
 * it writes, so this is a broker whose limit was set below that bound, and stopping would stop
 * every other subject too. Any other failure to write (a changelog, a repartition topic) stops
 * processing as Kafka Streams' default does, so that under exactly-once no state is lost, and a
 * retriable one is retried. Either way the dead letters written are made writable
 * ({@link DeadLetterRecords}).
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

    private static final Set<String> OUTPUTS = Set.of(ClaimsTopics.SUBJECT_CLAIMS, ClaimsTopics.CLAIMS);
    private static final Logger log = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private String deadLetterTopic;
    private DeadLetterMeters meters;

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RecordTooLargeException && OUTPUTS.contains(record.topic()) && deadLetterTopic != null) {
            log.warn("The broker refused a record of {} (key {} bytes, value {} bytes) as too large: sent to {} instead; "
                    + "raise the topic's max.message.bytes or lower claimstream.subject.record.max.bytes",
                record.topic(), length(record.key()), length(record.value()), deadLetterTopic);
            count(1);
            return Response.resume(List.of(DeadLetterRecords.of(deadLetterTopic, record.key(), record.value(), context, exception)));
        }
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        if (deadLetterTopic == null) {
            return Response.fail();
        }
        count(1);
        return Response.fail(List.of(DeadLetterRecords.of(deadLetterTopic, record.key(), record.value(), context, exception)));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetterTopic = DeadLetterRecords.topic(configs);
        meters = DeadLetterMeters.from(configs);
    }

    private void count(int letters) {
        if (meters != null) {
            meters.production().increment(letters);
        }
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
