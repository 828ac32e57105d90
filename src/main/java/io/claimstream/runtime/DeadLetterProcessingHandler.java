package io.claimstream.runtime;

import java.util.Map;

import io.claimstream.registry.RegistryException;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that a processor fails on goes to the dead-letter topic (its source bytes, with the
 * topic, partition, offset and error in {@code __streams.errors.*} headers) and processing goes
 * on. A schema registry failure while writing an output — unreachable, or refusing the schema —
 * is a fault of the setup, not of the record: it stops processing instead, so that under
 * exactly-once nothing is lost and the record is processed again after the fix.
 */
public final class DeadLetterProcessingHandler extends LogAndContinueProcessingExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private DeadLetterMeters meters;

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof RegistryException) {
                log.error("Schema registry failure in {} for {}-{}@{}: stopping rather than dead-lettering",
                    context.processorNodeId(), context.topic(), context.partition(), context.offset(), exception);
                return Response.fail();
            }
        }
        Response response = super.handleError(context, record, exception);
        if (meters != null && response.deadLetterQueueRecords() != null) {
            meters.processing().increment(response.deadLetterQueueRecords().size());
        }
        return response;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        meters = DeadLetterMeters.from(configs);
    }
}
