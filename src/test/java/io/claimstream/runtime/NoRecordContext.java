package io.claimstream.runtime;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;

/**
 * The context Kafka Streams gives an error handler for a failure outside any record's processing
 * (a punctuation, a write at commit): no source topic, offset or bytes, and a timestamp of -1.
 */
record NoRecordContext(String processorNodeId) implements ErrorHandlerContext {

    @Override
    public String topic() {
        return null;
    }

    @Override
    public int partition() {
        return -1;
    }

    @Override
    public long offset() {
        return -1;
    }

    @Override
    public Headers headers() {
        return new RecordHeaders();
    }

    @Override
    public TaskId taskId() {
        return new TaskId(1, 0);
    }

    @Override
    public long timestamp() {
        return -1;
    }

    @Override
    public byte[] sourceRawKey() {
        return null;
    }

    @Override
    public byte[] sourceRawValue() {
        return null;
    }
}
