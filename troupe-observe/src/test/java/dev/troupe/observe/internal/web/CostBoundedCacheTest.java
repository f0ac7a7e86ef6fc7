package dev.troupe.observe.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CostBoundedCacheTest {

    @Test
    void keepsAValueForTenTimesWhatItCostAndThenComputesAnew() {
        AtomicLong clock = new AtomicLong(1_000);
        AtomicInteger computations = new AtomicInteger();
        CostBoundedCache<Integer> cache = new CostBoundedCache<>(() -> {
            clock.addAndGet(100); // this computation takes 100 ns of the clock
            return computations.incrementAndGet();
        }, clock::get);

        CostBoundedCache.Entry<Integer> first = cache.entry();
        assertThat(first.value()).isEqualTo(1);
        assertThat(first.takenAtNanos()).isEqualTo(1_000);
        assertThat(first.freshUntilNanos()).isEqualTo(1_100 + 10 * 100);

        clock.set(2_099);
        assertThat(cache.get()).as("still fresh just before 10 x its cost has passed").isEqualTo(1);
        clock.set(2_100);
        assertThat(cache.get()).as("stale then: computed again").isEqualTo(2);
        assertThat(computations).hasValue(2);
    }
}
