package dev.troupe.actor.internal;

import dev.troupe.actor.Cancellable;
import dev.troupe.actor.Scheduler;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default scheduler: one daemon thread with a delay queue. Cancelled tasks are removed from the queue at
 * once, so cancelled timers and answered asks hold no memory. Thread-safe.
 */
public final class DefaultScheduler implements Scheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultScheduler.class);
    private static final AtomicInteger IDS = new AtomicInteger();

    private final ScheduledThreadPoolExecutor executor;

    public DefaultScheduler() {
        String name = "troupe-scheduler-" + IDS.incrementAndGet();
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    @Override
    public Cancellable scheduleOnce(Duration delay, Runnable task) {
        return handle(executor.schedule(guarded(task), nanos(delay, "delay", true), TimeUnit.NANOSECONDS));
    }

    @Override
    public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration interval, Runnable task) {
        return handle(executor.scheduleAtFixedRate(guarded(task), nanos(initialDelay, "initialDelay", true),
                nanos(interval, "interval", false), TimeUnit.NANOSECONDS));
    }

    @Override
    public Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration delay, Runnable task) {
        return handle(executor.scheduleWithFixedDelay(guarded(task), nanos(initialDelay, "initialDelay", true),
                nanos(delay, "delay", false), TimeUnit.NANOSECONDS));
    }

    /** Tasks waiting to run (for leak checks). */
    public int pendingTasks() {
        return executor.getQueue().size();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static Runnable guarded(Runnable task) {
        Objects.requireNonNull(task, "task");
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("Scheduled task failed", e);
            }
        };
    }

    static long nanos(Duration d, String what, boolean zeroAllowed) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || (!zeroAllowed && d.isZero())) {
            throw new IllegalArgumentException(what + " must be " + (zeroAllowed ? "zero or positive" : "positive")
                    + ", was " + d);
        }
        return d.toNanos();
    }

    private static Cancellable handle(Future<?> future) {
        return new Cancellable() {
            @Override
            public boolean cancel() {
                return future.cancel(false);
            }

            @Override
            public boolean isCancelled() {
                return future.isCancelled();
            }
        };
    }
}
