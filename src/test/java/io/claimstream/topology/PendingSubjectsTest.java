package io.claimstream.topology;

import static io.claimstream.topology.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.claimstream.registry.EmbeddedSchemaRegistry;
import io.claimstream.registry.InMemoryRegistry;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subject changed but not yet written when processing stops is written after the restart,
 * once: the pending subjects are read from the restored store, not only from memory.
 */
class PendingSubjectsTest {

    private static final Instant T0 = Instant.parse("2025-02-14T08:00:00Z");
    private static final List<String> AGGREGATOR_STORES = List.of(ClaimsTopology.SUBJECT_STORE, ClaimsTopology.CLAIM_STORE,
        ClaimsTopology.COUNTED_STORE, ClaimsTopology.PENDING_STORE, ClaimsTopology.CLAIM_EXPIRY_STORE,
        ClaimsTopology.KEY_SCHEME_STORE);

    @TempDir
    Path before;
    @TempDir
    Path after;

    private EmbeddedSchemaRegistry registry;

    @BeforeEach
    void start() {
        registry = InMemoryRegistry.start();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void aSubjectPendingWhenProcessingStopsIsWrittenOnceAfterTheRestart() {
        try (TopologyHarness running = new TopologyHarness(registry.url(), before, Map.of(), FoldedMentionsTest.FIGURES);
             TopologyHarness restarted = new TopologyHarness(registry.url(), after, Map.of(), FoldedMentionsTest.FIGURES)) {
            running.publish(article("a0", "wire", "tanks:90", T0));
            running.subjectRecords();
            running.publishWithoutWaiting(article("a1", "wire", "soldiers:1150 tanks:91", T0.plusSeconds(60)));
            assertThat(running.subjectRecords()).as("not written before the interval ends").isEmpty();

            // Stopped here: the restarted instance finds the state as its changelogs restore it.
            for (String name : AGGREGATOR_STORES) {
                copy(running.driver().getKeyValueStore(name), restarted.driver().getKeyValueStore(name));
            }
            restarted.driver().advanceWallClockTime(Duration.ofSeconds(1));
            List<KeyValue<String, io.claimstream.avro.SubjectClaims>> written = restarted.subjectRecords();
            restarted.driver().advanceWallClockTime(Duration.ofSeconds(1));

            assertThat(written).extracting(kv -> kv.key).containsExactly("russia/soldiers", "russia/tanks");
            assertThat(written.get(1).value.getClaims()).hasSize(2);
            assertThat(restarted.subjectRecords()).as("written once").isEmpty();
        }
    }

    private static void copy(KeyValueStore<Object, Object> from, KeyValueStore<Object, Object> to) {
        try (KeyValueIterator<Object, Object> all = from.all()) {
            all.forEachRemaining(kv -> to.put(kv.key, kv.value));
        }
    }
}
