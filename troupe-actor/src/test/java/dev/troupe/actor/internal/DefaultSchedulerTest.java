package dev.troupe.actor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.actor.Cancellable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The timer wheel's timing: deadline order, never early, periodic tasks, delays longer than a turn of the wheel,
 * zero delays, failing tasks and argument checks. Timing bounds on lateness are generous: the machine may be
 * busy; earliness is checked exactly.
 */
class DefaultSchedulerTest {
    private static final Duration TICK = Duration.ofMillis(1);
    private static final long GENEROUS_LATENESS = TimeUnit.SECONDS.toNanos(2);

    private record Run(int id, long at) {}

    @Test
    void tasksRunInDeadlineOrderAndNeverEarly() throws Exception {
        try (DefaultScheduler s = new DefaultScheduler(TICK, 64)) {
            int[] delaysMs = {25, 5, 45, 15, 35, 0, 20, 40, 10, 30};
            List<Run> runs = new CopyOnWriteArrayList<>();
            long[] requested = new long[delaysMs.length];
            CountDownLatch done = new CountDownLatch(delaysMs.length);
            long begin = System.nanoTime();
            for (int i = 0; i < delaysMs.length; i++) {
                int id = i;
                requested[i] = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delaysMs[i]);
                s.scheduleOnce(Duration.ofMillis(delaysMs[i]), () -> {
                    runs.add(new Run(id, System.nanoTime()));
                    done.countDown();
                });
            }
            long spread = System.nanoTime() - begin; // a deadline is within this of its requested instant
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            for (int a = 0; a < runs.size(); a++) {
                for (int b = a + 1; b < runs.size(); b++) {
                    int earlier = runs.get(a).id();
                    int later = runs.get(b).id();
                    assertThat(requested[later] + spread).as("task %d (%d ms) ran before task %d (%d ms)",
                            earlier, delaysMs[earlier], later, delaysMs[later])
                            .isGreaterThanOrEqualTo(requested[earlier]);
                }
            }
            if (spread < TimeUnit.MILLISECONDS.toNanos(5)) { // the usual case: all deadlines 5 ms apart
                assertThat(runs).extracting(r -> delaysMs[r.id()]).isSorted();
            }
            for (Run r : runs) {
                assertThat(r.at()).as("task with delay %d ms", delaysMs[r.id()])
                        .isGreaterThanOrEqualTo(requested[r.id()])
                        .isLessThan(requested[r.id()] + GENEROUS_LATENESS);
            }
        }
    }

    @Test
    void manyTasksWithRandomDelaysNeverRunEarly() throws Exception {
        try (DefaultScheduler s = new DefaultScheduler(TICK, 16)) {
            int n = 500;
            AtomicInteger early = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(n);
            java.util.Random random = new java.util.Random(42);
            for (int i = 0; i < n; i++) {
                long delay = random.nextInt(40_000_000); // up to 40 ms, past two turns of this 16 ms wheel
                long notBefore = System.nanoTime() + delay;
                s.scheduleOnce(Duration.ofNanos(delay), () -> {
                    if (System.nanoTime() < notBefore) {
                        early.incrementAndGet();
                    }
                    done.countDown();
                });
            }
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(early).hasValue(0);
            await().atMost(Duration.ofSeconds(5)).until(() -> s.pendingTasks() == 0);
        }
    }

    @Test
    void delaysOfManyTurnsOfASmallWheelRunOnTimeNotOnAnEarlierTurn() throws Exception {
        try (DefaultScheduler s = new DefaultScheduler(TICK, 8)) { // one turn is 8 ms
            int[] delaysMs = {9, 16, 17, 33, 64, 80};
            long[] requested = new long[delaysMs.length];
            long[] ran = new long[delaysMs.length];
            CountDownLatch done = new CountDownLatch(delaysMs.length);
            for (int i = 0; i < delaysMs.length; i++) {
                int id = i;
                requested[i] = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delaysMs[i]);
                s.scheduleOnce(Duration.ofMillis(delaysMs[i]), () -> {
                    ran[id] = System.nanoTime();
                    done.countDown();
                });
            }
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < delaysMs.length; i++) {
                assertThat(ran[i]).as("delay %d ms", delaysMs[i]).isGreaterThanOrEqualTo(requested[i])
                        .isLessThan(requested[i] + GENEROUS_LATENESS);
            }
        }
    }

    @Test
    void aVeryLongDelayStaysPendingAndCanBeCancelled() {
        try (DefaultScheduler s = new DefaultScheduler(TICK, 8)) {
            AtomicInteger ran = new AtomicInteger();
            Cancellable forever = s.scheduleOnce(Duration.ofDays(365 * 1000L), ran::incrementAndGet);
            Cancellable year = s.scheduleAtFixedRate(Duration.ofDays(365), Duration.ofDays(365), ran::incrementAndGet);
            await().atMost(Duration.ofSeconds(5)).until(() -> s.pendingTasks() == 2);
            assertThat(forever.cancel()).isTrue();
            assertThat(year.cancel()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> s.pendingTasks() == 0);
            assertThat(ran).hasValue(0);
        }
    }

    @Test
    void zeroDelayRunsWhetherTheThreadIsParkedOrTicking() throws Exception {
        try (DefaultScheduler s = new DefaultScheduler(TICK, 8)) {
            CountDownLatch parked = new CountDownLatch(1);
            s.scheduleOnce(Duration.ZERO, parked::countDown);
            assertThat(parked.await(5, TimeUnit.SECONDS)).isTrue();
            s.scheduleOnce(Duration.ofHours(1), () -> { }); // keeps it ticking
            CountDownLatch ticking = new CountDownLatch(1);
            s.scheduleOnce(Duration.ZERO, ticking::countDown);
            assertThat(ticking.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void fixedRateRunsAreNeverEarlyAndStopOnCancel() throws Exception {
        try (DefaultScheduler s = new DefaultScheduler(TICK, 8)) {
            long interval = TimeUnit.MILLISECONDS.toNanos(5);
            long initial = TimeUnit.MILLISECONDS.toNanos(3);
            List<Long> runs = new CopyOnWriteArrayList<>();
            CountDownLatch five = new CountDownLatch(5);
            long start = System.nanoTime();
            Cancellable c = s.scheduleAtFixedRate(Duration.ofNanos(initial), Duration.ofNanos(interval), () -> {
                runs.add(System.nanoTime());
                five.countDown();
            });
            assertThat(five.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(c.cancel()).isTrue();
            assertThat(c.isCancelled()).isTrue();
            assertThat(c.cancel()).isFalse();
            int atCancel = runs.size();
            awaitQuiescence(s);
            assertThat(runs.size()).isLessThanOrEqualTo(atCancel + 1); // a run in progress may finish
            for (int i = 0; i < runs.size(); i++) {
                assertThat(runs.get(i) - start).as("run %d", i).isGreaterThanOrEqualTo(initial + i * interval);
            }
        }
    }

    @Test
    void fixedDelayKeepsTheDelayBetweenRunsAndStopsOnCancel() throws Exception {
        try (DefaultScheduler s = new DefaultScheduler(TICK, 8)) {
            long delay = TimeUnit.MILLISECONDS.toNanos(12); // longer than a turn of this wheel
            List<long[]> runs = new CopyOnWriteArrayList<>();
            CountDownLatch four = new CountDownLatch(4);
            Cancellable c = s.scheduleWithFixedDelay(Duration.ZERO, Duration.ofNanos(delay), () -> {
                long begin = System.nanoTime();
                runs.add(new long[] {begin, System.nanoTime()});
                four.countDown();
            });
            assertThat(four.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(c.cancel()).isTrue();
            awaitQuiescence(s);
            for (int i = 1; i < runs.size(); i++) {
                assertThat(runs.get(i)[0] - runs.get(i - 1)[1]).as("gap before run %d", i)
                        .isGreaterThanOrEqualTo(delay);
            }
        }
    }

    @Test
    void aRepeatingTaskCanCancelItselfAndAnIntervalBelowTheTickRunsOncePerTick() throws Exception {
        try (DefaultScheduler s = new DefaultScheduler(TICK, 8)) {
            AtomicInteger runs = new AtomicInteger();
            CountDownLatch stopped = new CountDownLatch(1);
            Cancellable[] self = new Cancellable[1];
            CountDownLatch assigned = new CountDownLatch(1);
            self[0] = s.scheduleAtFixedRate(Duration.ZERO, Duration.ofNanos(1_000), () -> {
                if (runs.incrementAndGet() == 20) {
                    try {
                        assigned.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    assertThat(self[0].cancel()).isTrue();
                    stopped.countDown();
                }
            });
            assigned.countDown();
            assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
            awaitQuiescence(s);
            assertThat(runs).hasValue(20);
        }
    }

    @Test
    void aTaskThatThrowsIsLoggedAndTheThreadGoesOn() throws Exception {
        try (DefaultScheduler s = new DefaultScheduler(TICK, 8)) {
            s.scheduleOnce(Duration.ZERO, () -> {
                throw new IllegalStateException("test: a failing task");
            });
            s.scheduleOnce(Duration.ZERO, () -> {
                throw new AssertionError("test: an Error from a task");
            });
            s.scheduleOnce(Duration.ZERO, () -> Thread.currentThread().interrupt());
            CountDownLatch repeated = new CountDownLatch(3);
            Cancellable failing = s.scheduleAtFixedRate(Duration.ZERO, Duration.ofMillis(2), () -> {
                repeated.countDown();
                throw new IllegalStateException("test: a failing repeated task");
            });
            assertThat(repeated.await(10, TimeUnit.SECONDS)).isTrue();
            failing.cancel();
            CountDownLatch after = new CountDownLatch(1);
            s.scheduleOnce(Duration.ofMillis(5), after::countDown);
            assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(s.thread().isAlive()).isTrue();
        }
    }

    @Test
    void badArgumentsAreRejectedAsBefore() {
        try (DefaultScheduler s = new DefaultScheduler(TICK, 8)) {
            Runnable task = () -> { };
            assertThatThrownBy(() -> s.scheduleOnce(Duration.ofNanos(-1), task))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("delay must be zero or positive");
            assertThatThrownBy(() -> s.scheduleOnce(null, task)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> s.scheduleOnce(Duration.ZERO, null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> s.scheduleAtFixedRate(Duration.ZERO, Duration.ZERO, task))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval must be positive");
            assertThatThrownBy(() -> s.scheduleAtFixedRate(Duration.ofNanos(-1), Duration.ofSeconds(1), task))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initialDelay");
            assertThatThrownBy(() -> s.scheduleWithFixedDelay(Duration.ZERO, Duration.ofNanos(-5), task))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay must be positive");
            assertThatThrownBy(() -> s.scheduleWithFixedDelay(Duration.ZERO, Duration.ofSeconds(1), null))
                    .isInstanceOf(NullPointerException.class);
            assertThat(s.pendingTasks()).isZero();
        }
        assertThatThrownBy(() -> new DefaultScheduler(Duration.ofNanos(99_999)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DefaultScheduler(Duration.ofMillis(1001)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DefaultScheduler(TICK, 12)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DefaultScheduler(TICK, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DefaultScheduler(TICK, 1 << 17)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DefaultScheduler(null)).isInstanceOf(NullPointerException.class);
    }

    /** Waits until a task scheduled now has run, so that everything due before it has run or been dropped. */
    static void awaitQuiescence(DefaultScheduler s) throws InterruptedException {
        CountDownLatch marker = new CountDownLatch(1);
        s.scheduleOnce(s.tick().multipliedBy(3), marker::countDown);
        assertThat(marker.await(10, TimeUnit.SECONDS)).isTrue();
    }
}
