package io.claimstream.runtime;

import java.util.List;
import java.util.Map;

import io.claimstream.registry.RegistryException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose bytes cannot be read goes to the dead-letter topic
 * ({@code errors.dead.letter.queue.topic.name}, with the topic, partition, offset and error in
 * its {@code __streams.errors.*} headers) and processing goes on. An unreachable schema registry
 * is not a bad record: it stops processing instead, and under exactly-once the record is read
 * again after the restart.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private String deadLetterTopic;
    private DeadLetterMeters meters;

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof RegistryException registry && registry.isUnavailable()) {
                log.error("Schema registry unavailable while reading {}-{}@{}: stopping rather than dead-lettering",
                    record.topic(), record.partition(), record.offset(), exception);
                return Response.fail();
            }
        }
        log.warn("Cannot read {}-{}@{}: sent to {} and going on", record.topic(), record.partition(), record.offset(),
            deadLetterTopic, exception);
        if (deadLetterTopic == null) {
            return Response.resume();
        }
        if (meters != null) {
            meters.deserialization().increment();
        }
        return Response.resume(List.of(DeadLetterRecords.of(deadLetterTopic, record.key(), record.value(), context, exception)));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetterTopic = DeadLetterRecords.topic(configs);
        meters = DeadLetterMeters.from(configs);
    }
}
