package dev.troupe.observe.internal.metrics;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A map that only grows (actor types, failure causes, message classes), with listeners told of each new entry:
 * how a Micrometer binder gives meters to keys that appear after it was bound.
 *
 * <p>Threading: any thread. {@link #get} is lock-free once a key exists. A listener added by {@link #listen}
 * is called once for each entry present then and for each added later, on the adding thread; an entry added
 * while {@code listen} runs may reach it twice (listeners must be idempotent, as meter registration is).
 */
public final class KeyedTable<K, V> {
    private final ConcurrentHashMap<K, V> entries = new ConcurrentHashMap<>();
    private final Function<K, V> factory;
    private final CopyOnWriteArrayList<BiConsumer<? super K, ? super V>> listeners = new CopyOnWriteArrayList<>();

    public KeyedTable(Function<K, V> factory) {
        this.factory = factory;
    }

    /** A table of counters. */
    public static <K> KeyedTable<K, LongAdder> counters() {
        return new KeyedTable<>(key -> new LongAdder());
    }

    /** The value for {@code key}, made by the factory and announced to the listeners the first time. */
    public V get(K key) {
        V value = entries.get(key);
        if (value != null) {
            return value;
        }
        V made = factory.apply(key);
        V raced = entries.putIfAbsent(key, made);
        if (raced != null) {
            return raced;
        }
        for (BiConsumer<? super K, ? super V> listener : listeners) {
            listener.accept(key, made);
        }
        return made;
    }

    public Collection<V> values() {
        return entries.values();
    }

    /** Calls {@code listener} for every entry, now and to come. */
    public void listen(BiConsumer<? super K, ? super V> listener) {
        listeners.add(listener);
        entries.forEach(listener);
    }

    /** The counts of a table of counters. */
    public static <K> Map<K, Long> counts(KeyedTable<K, LongAdder> table) {
        Map<K, Long> counts = new HashMap<>();
        table.entries.forEach((key, adder) -> counts.put(key, adder.sum()));
        return counts;
    }
}
