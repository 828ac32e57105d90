package io.claimstream.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A schema log in a list, for tests that need the registry but not Kafka; it outlives registries, like a topic. */
final class InMemorySchemaLog implements SchemaLog {

    private final List<StoreRecord> records = new ArrayList<>();
    private Consumer<StoreRecord> sink;

    @Override
    public synchronized void start(Consumer<StoreRecord> sink) {
        this.sink = sink;
        records.forEach(sink);
    }

    @Override
    public synchronized void append(StoreRecord record) {
        records.add(record);
        sink.accept(record);
    }

    synchronized List<StoreRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public void close() {
        // Keeps its records, as a topic outlives a registry.
    }
}
