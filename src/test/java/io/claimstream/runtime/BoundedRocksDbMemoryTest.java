package io.claimstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import java.util.Random;

import io.claimstream.topology.ClaimsSettings;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

class BoundedRocksDbMemoryTest {

    private static final long SIXTEEN_MIB = 16L << 20;

    @Test
    void theStoresOfOneApplicationShareOneBudgetAndAnotherApplicationHasItsOwn() {
        Map<String, Object> first = Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "budget-first");
        Map<String, Object> second = Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "budget-second");

        try (Options subjects = configured("subjects", first); Options counted = configured("counted", first);
             Options other = configured("subjects", second)) {
            assertThat(counted.writeBufferManager()).isSameAs(subjects.writeBufferManager());
            assertThat(other.writeBufferManager()).isNotSameAs(subjects.writeBufferManager());
            assertThat(((BlockBasedTableConfig) subjects.tableFormatConfig()).cacheIndexAndFilterBlocks())
                .as("index and filter blocks count against the budget").isTrue();
        }
    }

    @Test
    void aStoreWrittenFarBeyondTheBudgetStaysWithinIt() {
        Properties props = ProcessingApplication.streamsProperties(Map.of(
            StreamsConfig.APPLICATION_ID_CONFIG, "budget-bounded",
            ClaimsSettings.STATE_MEMORY_BYTES, SIXTEEN_MIB));
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("blobs"), Serdes.String(), Serdes.ByteArray()));
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.ByteArray())).process(BlobWriter::new, "blobs");
        Random random = new Random(3);
        long written = 0;
        long mostUsed = 0;

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic("in", Serdes.String().serializer(), Serdes.ByteArray().serializer());
            for (int i = 0; i < 6_000; i++) {
                byte[] blob = new byte[10_000];
                random.nextBytes(blob);
                in.pipeInput("blob-" + i, blob);
                written += blob.length;
                mostUsed = Math.max(mostUsed, BoundedRocksDbMemory.budgetOf(props).usedBytes());
            }
        }

        assertThat(written).isGreaterThan(3 * SIXTEEN_MIB);
        assertThat(mostUsed).as("the store used the shared budget").isPositive()
            .isLessThanOrEqualTo(SIXTEEN_MIB + (SIXTEEN_MIB / 10));
    }

    private static Options configured(String store, Map<String, Object> configs) {
        Options options = new Options();
        options.setTableFormatConfig(new BlockBasedTableConfig());
        new BoundedRocksDbMemory().setConfig(store, options, configs);
        return options;
    }

    private static final class BlobWriter implements Processor<String, byte[], Void, Void> {
        private KeyValueStore<String, byte[]> blobs;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            blobs = context.getStateStore("blobs");
        }

        @Override
        public void process(Record<String, byte[]> record) {
            blobs.put(record.key(), record.value());
        }
    }
}
