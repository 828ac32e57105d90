package io.claimstream.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** A size-capped map that drops the least recently used entry; a bad id stream cannot grow it. */
final class LruCache<K, V> {

    private final Map<K, V> entries;

    LruCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized V get(K key) {
        return entries.get(key);
    }

    synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    /** The cached value, else {@code load}'s result, cached. Loads outside the lock: a slow load blocks no reader. */
    V computeIfAbsent(K key, Function<K, V> load) {
        V cached = get(key);
        if (cached != null) {
            return cached;
        }
        V loaded = load.apply(key);
        put(key, loaded);
        return loaded;
    }

    synchronized void clear() {
        entries.clear();
    }
}
