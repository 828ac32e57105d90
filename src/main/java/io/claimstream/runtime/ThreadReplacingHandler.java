package io.claimstream.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a stream thread that died of an exception, as long as the failure budget allows; past
 * it, shuts this Kafka Streams client down (its tasks move to the other instances) and says so.
 * Kafka Streams has already logged the exception with its stack trace, so these lines do not.
 */
public final class ThreadReplacingHandler implements StreamsUncaughtExceptionHandler {

    static final String REPLACED = "claimstream.streams.threads.replaced";

    private static final Logger log = LoggerFactory.getLogger(ThreadReplacingHandler.class);

    private final ThreadFailureBudget budget;
    private final Counter replaced;

    public ThreadReplacingHandler(ThreadFailureBudget budget, MeterRegistry registry) {
        this.budget = budget;
        this.replaced = Counter.builder(REPLACED).description("stream threads replaced after a failure").register(registry);
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        String thread = Thread.currentThread().getName();
        if (budget.allows()) {
            replaced.increment();
            log.error("Stream thread {} failed ({} of {} failures allowed in {} s); starting a new thread: {}", thread,
                budget.recentFailures(), budget.maxFailures(), budget.window().toSeconds(), summary(exception));
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        log.error("Stream thread {} failed: {} failures in {} s exceed the budget of {} "
                + "(claimstream.streams.thread.failures.max); shutting down processing in this instance: {}",
            thread, budget.recentFailures(), budget.window().toSeconds(), budget.maxFailures(), summary(exception));
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /** The innermost cause that says what went wrong, rather than where Kafka Streams caught it. */
    static String summary(Throwable exception) {
        Throwable said = exception;
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                said = t;
            }
        }
        String message = said.getMessage() == null ? "" : ": " + said.getMessage().lines().findFirst().orElse("");
        return said.getClass().getSimpleName() + message;
    }
}
