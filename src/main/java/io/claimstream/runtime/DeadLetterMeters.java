package io.claimstream.runtime;

import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of the records sent to the dead-letter topic, by the stage that gave up on them.
 * Kafka Streams creates the exception handlers itself, from class names; the counters reach them
 * through the configuration map under {@link #CONFIG}, as Kafka passes any object it is given.
 *
 * @param deserialization records whose bytes could not be read
 * @param processing records a processor failed on
 * @param production records the broker refused to store
 */
public record DeadLetterMeters(Counter deserialization, Counter processing, Counter production) {

    /** Set by {@link ProcessingApplication} on the Streams configuration only; never a user setting. */
    static final String CONFIG = "claimstream.internal.dead.letter.meters";
    static final String NAME = "claimstream.dead.letters";

    public static DeadLetterMeters register(MeterRegistry registry) {
        return new DeadLetterMeters(counter(registry, "deserialization"), counter(registry, "processing"),
            counter(registry, "production"));
    }

    /** The meters passed in {@code configs}, or null when there are none (a handler configured by hand). */
    static DeadLetterMeters from(Map<String, ?> configs) {
        return configs.get(CONFIG) instanceof DeadLetterMeters meters ? meters : null;
    }

    private static Counter counter(MeterRegistry registry, String stage) {
        return Counter.builder(NAME).tag("stage", stage)
            .description("records sent to the dead-letter topic news.dlq").register(registry);
    }
}
