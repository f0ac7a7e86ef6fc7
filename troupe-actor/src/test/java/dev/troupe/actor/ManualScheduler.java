package dev.troupe.actor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A scheduler whose clock only moves when the test calls {@link #advance}; due tasks then run on the test's
 * thread, in due order. Makes timer tests deterministic.
 */
final class ManualScheduler implements Scheduler {
    private final class Task implements Cancellable {
        final Runnable runnable;
        final long period; // 0 = once
        final boolean fixedRate;
        long due;
        long seq;
        boolean cancelled;
        boolean done;

        Task(Runnable runnable, long due, long period, boolean fixedRate) {
            this.runnable = runnable;
            this.due = due;
            this.period = period;
            this.fixedRate = fixedRate;
        }

        @Override
        public boolean cancel() {
            synchronized (ManualScheduler.this) {
                if (cancelled || done) {
                    return false;
                }
                cancelled = true;
                tasks.remove(this);
                return true;
            }
        }

        @Override
        public boolean isCancelled() {
            synchronized (ManualScheduler.this) {
                return cancelled;
            }
        }
    }

    private final List<Task> tasks = new ArrayList<>();
    private long now;
    private long seqs;

    @Override
    public Cancellable scheduleOnce(Duration delay, Runnable task) {
        return add(delay, Duration.ZERO, false, task);
    }

    @Override
    public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration interval, Runnable task) {
        return add(initialDelay, interval, true, task);
    }

    @Override
    public Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration delay, Runnable task) {
        return add(initialDelay, delay, false, task);
    }

    private synchronized Cancellable add(Duration delay, Duration period, boolean fixedRate, Runnable runnable) {
        Objects.requireNonNull(runnable, "task");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        Task t = new Task(runnable, now + delay.toNanos(), period.toNanos(), fixedRate);
        t.seq = seqs++;
        tasks.add(t);
        return t;
    }

    /** The virtual time: moves only with {@link #advance}, so restart windows and back-off resets do too. */
    @Override
    public synchronized long nanoTime() {
        return now;
    }

    /** Tasks scheduled and neither run (for one-shots) nor cancelled. */
    synchronized int pendingTasks() {
        return tasks.size();
    }

    /** Moves the clock forward by {@code d}, running every task that falls due, on this thread. */
    void advance(Duration d) {
        long target;
        synchronized (this) {
            target = now + d.toNanos();
        }
        for (;;) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> t.due <= target)
                        .min(Comparator.<Task>comparingLong(t -> t.due).thenComparingLong(t -> t.seq))
                        .orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                now = Math.max(now, next.due);
                if (next.period == 0) {
                    tasks.remove(next);
                    next.done = true;
                } else {
                    next.due = next.fixedRate ? next.due + next.period : now + next.period;
                    next.seq = seqs++;
                }
            }
            next.runnable.run();
        }
    }
}
