package io.claimstream.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.claimstream.topology.ClaimsSettings;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Puts every RocksDB store of one application in one memory budget,
 * {@value ClaimsSettings#STATE_MEMORY_BYTES}: one block cache, which also holds the index and
 * filter blocks and is charged for the memtables. Kafka Streams' own default gives each store of
 * each partition its own 50 MB cache and up to three 16 MB memtables, so off-heap memory was bounded
 * by the number of stores times partitions, not by a setting. This is the recipe of the Kafka
 * Streams memory-management guide.
 *
 * <p>The budget is shared by the stores of an application id in this JVM, for the JVM's life: a
 * store's {@link #close} must not free what the others still use.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** Index and filter blocks get this share of the cache first, so that reads never miss them for data blocks. */
    private static final double INDEX_AND_FILTER_SHARE = 0.1;

    private static final Map<String, Budget> BUDGETS = new ConcurrentHashMap<>();

    /** The cache of one application, and the memtables' account in it. */
    record Budget(Cache cache, WriteBufferManager memtables) {

        static Budget of(long bytes) {
            Cache cache = new LRUCache(bytes, -1, false, INDEX_AND_FILTER_SHARE);
            return new Budget(cache, new WriteBufferManager(bytes / 2, cache));
        }

        /** Bytes in use: blocks cached and memtables. */
        long usedBytes() {
            return cache.getUsage();
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Budget budget = budgetOf(configs);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(budget.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(budget.memtables());
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager belong to every store of the application.
    }

    /** The budget of the application {@code configs} belong to; created by its first store. */
    static Budget budgetOf(Map<?, ?> configs) {
        String application = String.valueOf(configs.get(StreamsConfig.APPLICATION_ID_CONFIG));
        return BUDGETS.computeIfAbsent(application, id -> Budget.of(ClaimsSettings.from(configs).stateMemoryBytes()));
    }
}
