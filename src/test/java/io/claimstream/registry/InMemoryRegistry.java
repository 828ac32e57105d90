package io.claimstream.registry;

/**
 * A schema registry over loopback HTTP that keeps its schemas in memory: for tests in other
 * packages that need the real registry serdes but no Kafka broker.
 */
public final class InMemoryRegistry {

    private InMemoryRegistry() {
    }

    public static EmbeddedSchemaRegistry start() {
        return EmbeddedSchemaRegistry.start(new InMemorySchemaLog(), 0, CompatibilityLevel.BACKWARD);
    }
}
