package io.claimstream.registry;

import java.util.function.Consumer;

/**
 * The registry's durable, ordered record of what happened: every registration, deletion and
 * compatibility change. The registry's state is what replaying it gives.
 */
interface SchemaLog extends AutoCloseable {

    /** Replays the whole log into {@code sink}, then keeps feeding it each record appended later, in order. */
    void start(Consumer<StoreRecord> sink);

    /**
     * Appends {@code record} and returns once the sink has been given it, so that the caller's
     * next read of the state sees it.
     *
     * @throws RegistryException when the record cannot be stored in time
     */
    void append(StoreRecord record);

    @Override
    void close();
}
