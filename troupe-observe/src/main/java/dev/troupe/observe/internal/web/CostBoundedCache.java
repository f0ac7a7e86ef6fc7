package dev.troupe.observe.internal.web;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A value that costs a pass over every live actor (a census, the hottest actors), recomputed only when the last
 * one is older than {@link #COST_FACTOR} times what it took to compute. So the observer spends at most about a
 * tenth of one core on each such value however many pages poll it and however large the system: with a few
 * thousand actors a pass takes a millisecond and answers stay fresh to the millisecond; with a million a pass
 * takes a few hundred milliseconds and answers are a few seconds old.
 *
 * <p>Threading: any thread. One computation runs at a time; callers that find the value stale meanwhile wait
 * for it and share its result.
 */
final class CostBoundedCache<T> {
    /** The value is kept for this many times its computing time. */
    static final int COST_FACTOR = 10;

    /** A computed value, when its computation started, and until when it serves. */
    record Entry<T>(T value, long takenAtNanos, long freshUntilNanos) {}

    private final Supplier<T> compute;
    private final LongSupplier clock;
    private volatile Entry<T> latest;

    CostBoundedCache(Supplier<T> compute) {
        this(compute, System::nanoTime);
    }

    /** With {@code clock} in place of {@link System#nanoTime()}, for tests. */
    CostBoundedCache(Supplier<T> compute, LongSupplier clock) {
        this.compute = compute;
        this.clock = clock;
    }

    T get() {
        return entry().value();
    }

    /** The value with its time, for rates between two computations. */
    Entry<T> entry() {
        Entry<T> entry = latest;
        if (entry != null && clock.getAsLong() < entry.freshUntilNanos()) {
            return entry;
        }
        synchronized (this) {
            entry = latest;
            long start = clock.getAsLong();
            if (entry != null && start < entry.freshUntilNanos()) {
                return entry;
            }
            T value = compute.get();
            long end = clock.getAsLong();
            entry = new Entry<>(value, start, end + COST_FACTOR * (end - start));
            latest = entry;
            return entry;
        }
    }
}
