package io.claimstream.runtime;

import java.util.Map;

import io.claimstream.registry.RegistryException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose bytes cannot be read goes to the dead-letter topic
 * ({@code errors.dead.letter.queue.topic.name}, with the topic, partition, offset and error in
 * its {@code __streams.errors.*} headers) and processing goes on. An unreachable schema registry
 * is not a bad record: it stops processing instead, and under exactly-once the record is read
 * again after the restart.
 */
public final class DeadLetterDeserializationHandler extends LogAndContinueExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

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
        Response response = super.handleError(context, record, exception);
        if (meters != null && response.deadLetterQueueRecords() != null) {
            meters.deserialization().increment(response.deadLetterQueueRecords().size());
        }
        return response;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        meters = DeadLetterMeters.from(configs);
    }
}
