package dev.troupe.actor.internal;

import static dev.troupe.actor.internal.DefaultSchedulerTest.awaitQuiescence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.actor.Cancellable;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * The timer wheel's lifecycle: cancelling (never runs, releases the task), many threads scheduling at once,
 * parking when idle and being woken once, and close.
 */
class DefaultSchedulerLifecycleTest {
    private static final Duration TICK = Duration.ofMillis(1);

    @Test
    void aTaskCancelledBeforeItsDeadlineNeverRuns() throws Exception {
        try (DefaultScheduler s = new DefaultScheduler(TICK, 8)) {
            AtomicInteger ran = new AtomicInteger();
            List<Cancellable> handles = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                handles.add(s.scheduleOnce(Duration.ofMillis(5 + i % 20), ran::incrementAndGet));
            }
            for (Cancellable c : handles) {
                assertThat(c.cancel()).isTrue();
                assertThat(c.isCancelled()).isTrue();
                assertThat(c.cancel()).isFalse();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> s.pendingTasks() == 0);
            CountDownLatch later = new CountDownLatch(1);
            s.scheduleOnce(Duration.ofMillis(40), later::countDown);
            assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).hasValue(0);
        }
    }

    @Test
    void cancellingAfterTheRunFailsAndReportsNotCancelled() throws Exception {
        try (DefaultScheduler s = new DefaultScheduler(TICK, 8)) {
            CountDownLatch ran = new CountDownLatch(1);
            Cancellable c = s.scheduleOnce(Duration.ZERO, ran::countDown);
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> s.pendingTasks() == 0);
            assertThat(c.cancel()).isFalse();
            assertThat(c.isCancelled()).isFalse();
        }
    }

    @Test
    void cancelReleasesTheTaskAtOnceEvenWhileTheHandleIsKept() {
        try (DefaultScheduler s = new DefaultScheduler(TICK, 8)) {
            Object[] holder = {new byte[1024]};
            WeakReference<Object> weak = new WeakReference<>(holder[0]);
            Cancellable once = s.scheduleOnce(Duration.ofHours(1), capturing(holder[0], null));
            Cancellable rate = s.scheduleAtFixedRate(Duration.ofHours(1), Duration.ofHours(1),
                    capturing(holder[0], null));
            holder[0] = null;
            assertThat(once.cancel()).isTrue();
            assertThat(rate.cancel()).isTrue();
            awaitCollected(weak);
            await().atMost(Duration.ofSeconds(5)).until(() -> s.pendingTasks() == 0);
            Reference.reachabilityFence(once);
            Reference.reachabilityFence(rate);
        }
    }

    @Test
    void aOneShotTaskIsReleasedOnceItHasRun() throws Exception {
        try (DefaultScheduler s = new DefaultScheduler(TICK, 8)) {
            CountDownLatch ran = new CountDownLatch(1);
            Object[] holder = {new byte[1024]};
            WeakReference<Object> weak = new WeakReference<>(holder[0]);
            Cancellable c = s.scheduleOnce(Duration.ofMillis(2), capturing(holder[0], ran));
            holder[0] = null;
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
            awaitCollected(weak);
            Reference.reachabilityFence(c);
        }
    }

    @Test
    void tasksScheduledFromManyThreadsRunExactlyOnceUnlessCancelled() throws Exception {
        int threads = 4;
        int perThread = 5_000;
        try (DefaultScheduler s = new DefaultScheduler(TICK, 16)) {
            AtomicIntegerArray runs = new AtomicIntegerArray(threads * perThread);
            AtomicIntegerArray cancelled = new AtomicIntegerArray(threads * perThread);
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> producers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                Thread producer = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < perThread; i++) {
                        int id = base + i;
                        Cancellable c = s.scheduleOnce(Duration.ofNanos(random.nextLong(30_000_000)),
                                () -> runs.incrementAndGet(id));
                        if (random.nextBoolean() && c.cancel()) {
                            cancelled.set(id, 1);
                        }
                    }
                }, "producer-" + t);
                producer.start();
                producers.add(producer);
            }
            start.countDown();
            for (Thread producer : producers) {
                producer.join(TimeUnit.SECONDS.toMillis(30));
                assertThat(producer.isAlive()).isFalse();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> s.pendingTasks() == 0);
            awaitQuiescence(s);
            int ranCount = 0;
            for (int id = 0; id < runs.length(); id++) {
                int expected = cancelled.get(id) == 1 ? 0 : 1;
                assertThat(runs.get(id)).as("runs of task %d", id).isEqualTo(expected);
                ranCount += runs.get(id);
            }
            assertThat(ranCount).isGreaterThan(0);
        }
    }

    @Test
    void schedulingNeverWakesATickingThread() throws Exception {
        try (DefaultScheduler s = new DefaultScheduler(TICK, 1024)) {
            Cancellable anchor = s.scheduleOnce(Duration.ofHours(1), () -> { }); // keeps the wheel ticking
            assertThat(s.wakeUps()).isOne();
            int threads = 3;
            CountDownLatch done = new CountDownLatch(threads * 2_000);
            List<Thread> producers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread producer = new Thread(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        s.scheduleOnce(Duration.ofNanos(i % 3 == 0 ? 0 : 1_000_000L * (i % 7)), done::countDown);
                        s.scheduleOnce(Duration.ofHours(1), () -> { }).cancel(); // an answered ask
                    }
                });
                producer.start();
                producers.add(producer);
            }
            for (Thread producer : producers) {
                producer.join();
            }
            assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(s.wakeUps()).isOne();
            anchor.cancel();
        }
    }

    @Test
    void anIdleThreadParksWithoutATimeOutUsesNoCpuAndTheNextScheduleWakesItOnce() throws Exception {
        try (DefaultScheduler s = new DefaultScheduler(TICK, 8)) { // idles after 8 quiet ticks
            Thread timer = s.thread();
            assertThat(timer.getName()).startsWith("troupe-scheduler-");
            assertThat(timer.isDaemon()).isTrue();
            CountDownLatch ran = new CountDownLatch(1);
            s.scheduleOnce(Duration.ofMillis(2), ran::countDown);
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> timer.getState() == Thread.State.WAITING);
            long wakeUps = s.wakeUps();
            long cpu = cpuNanos(timer);
            assumeThat(cpu).as("thread CPU time is measurable here").isNotNegative();
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .until(() -> cpuNanos(timer) == cpu && timer.getState() == Thread.State.WAITING);
            CountDownLatch again = new CountDownLatch(2);
            s.scheduleOnce(Duration.ZERO, again::countDown);
            s.scheduleOnce(Duration.ofMillis(1), again::countDown);
            assertThat(again.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(s.wakeUps()).isEqualTo(wakeUps + 1);
        }
    }

    @Test
    void closeStopsTheThreadDropsPendingTasksAndRejectsNewOnes() throws Exception {
        DefaultScheduler s = new DefaultScheduler(TICK, 8);
        AtomicBoolean ran = new AtomicBoolean();
        Object[] holder = {new byte[1024]};
        WeakReference<Object> weak = new WeakReference<>(holder[0]);
        CountDownLatch pendingRan = new CountDownLatch(1);
        Cancellable pending = s.scheduleOnce(Duration.ofMillis(200), capturing(holder[0], pendingRan));
        holder[0] = null;
        Cancellable periodic = s.scheduleAtFixedRate(Duration.ofMillis(200), Duration.ofMillis(1), () -> ran.set(true));
        s.close();
        s.close(); // idempotent
        await().atMost(Duration.ofSeconds(5)).until(() -> !s.thread().isAlive());
        assertThat(ran).isFalse();
        assertThat(pendingRan.getCount()).isOne();
        assertThat(s.pendingTasks()).isZero();
        awaitCollected(weak);
        assertThatThrownBy(() -> s.scheduleOnce(Duration.ZERO, () -> { }))
                .isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> s.scheduleAtFixedRate(Duration.ZERO, Duration.ofSeconds(1), () -> { }))
                .isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> s.scheduleWithFixedDelay(Duration.ZERO, Duration.ofSeconds(1), () -> { }))
                .isInstanceOf(RejectedExecutionException.class);
        assertThat(pending.cancel()).isTrue(); // it never ran
        assertThat(periodic.cancel()).isTrue();
    }

    @Test
    void theThreadStartsWithTheFirstScheduleAndAnUnusedSchedulerClosesWithoutOne() throws Exception {
        try (DefaultScheduler unused = new DefaultScheduler(TICK, 8)) {
            assertThat(unused.thread().getState()).isEqualTo(Thread.State.NEW);
        }
        try (DefaultScheduler s = new DefaultScheduler(TICK, 8)) {
            assertThat(s.thread().getState()).isEqualTo(Thread.State.NEW);
            CountDownLatch ran = new CountDownLatch(1);
            s.scheduleOnce(Duration.ZERO, ran::countDown);
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(s.wakeUps()).isOne();
        }
    }

    @Test
    void closeFromATaskStopsAfterThatTask() throws Exception {
        DefaultScheduler s = new DefaultScheduler(TICK, 8);
        AtomicBoolean second = new AtomicBoolean();
        CountDownLatch first = new CountDownLatch(1);
        s.scheduleOnce(Duration.ofMillis(30), () -> second.set(true));
        s.scheduleOnce(Duration.ofMillis(1), () -> {
            s.close();
            first.countDown();
        });
        assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !s.thread().isAlive());
        assertThat(second).isFalse();
    }

    /**
     * The thread's CPU time from the platform's ThreadMXBean, or -1 if not measurable. Looked up reflectively:
     * the tests are compiled into the module dev.troupe.actor, which does not read java.management.
     */
    private static long cpuNanos(Thread thread) throws ReflectiveOperationException {
        Object mx = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
        return (long) Class.forName("java.lang.management.ThreadMXBean").getMethod("getThreadCpuTime", long.class)
                .invoke(mx, thread.threadId());
    }

    /** A task that holds {@code captured} and counts {@code ran} down (if not null). */
    private static Runnable capturing(Object captured, CountDownLatch ran) {
        return () -> {
            Reference.reachabilityFence(captured);
            if (ran != null) {
                ran.countDown();
            }
        };
    }

    private static void awaitCollected(WeakReference<?> weak) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            System.gc();
            return weak.get() == null;
        });
    }
}
