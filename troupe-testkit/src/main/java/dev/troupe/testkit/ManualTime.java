package dev.troupe.testkit;

import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.actor.Cancellable;
import dev.troupe.actor.Scheduler;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} whose clock only moves when the test says so, making timers, receive time-outs and ask
 * time-outs deterministic. Give it to the system under test:
 *
 * <pre>{@code
 * ManualTime time = ManualTime.create();
 * ActorTestKit kit = ActorTestKit.create("timers", time.systemSettings());
 * ... actor starts a 5 s timer ...
 * time.timePasses(Duration.ofSeconds(5));   // the timer fires, on this thread
 * probe.expectMessage(new Tick());
 * }</pre>
 *
 * <p>Nothing runs until {@link #timePasses} is called; tasks then run on the calling thread, in the order
 * they are due (by time, then by when they were scheduled). Firing a timer only sends its message: the actor
 * processes it later on its own thread, so expect its effects with a probe.
 *
 * <p><b>Threading.</b> Thread-safe: actors schedule from their threads while the test moves time. Tasks run
 * outside the lock and may schedule further tasks; those due within the same step run in the same call.
 *
 * <p><b>Bad input.</b> A negative delay or a non-positive interval throws {@link IllegalArgumentException}, a
 * null one {@link NullPointerException}, like the default scheduler.
 */
public final class ManualTime implements Scheduler {
    private final PriorityQueue<Task> tasks = new PriorityQueue<>(
            Comparator.comparingLong((Task t) -> t.dueNanos).thenComparingLong(t -> t.sequence));
    private long nowNanos;
    private long nextSequence;

    private ManualTime() {}

    /** A clock at zero with nothing scheduled. */
    public static ManualTime create() {
        return new ManualTime();
    }

    /** Default system settings, with this as the scheduler. */
    public ActorSystemSettings systemSettings() {
        return ActorSystemSettings.builder().scheduler(() -> this).build();
    }

    @Override
    public Cancellable scheduleOnce(Duration delay, Runnable task) {
        return schedule(nanos(delay, "delay", true), 0, false, task);
    }

    @Override
    public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration interval, Runnable task) {
        return schedule(nanos(initialDelay, "initialDelay", true), nanos(interval, "interval", false), true, task);
    }

    /** Same as fixed rate here: a task takes no manual time to run. */
    @Override
    public Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration delay, Runnable task) {
        return schedule(nanos(initialDelay, "initialDelay", true), nanos(delay, "delay", false), true, task);
    }

    /**
     * Moves the clock forward by {@code amount}, running every task that falls due, in due order; a repeating
     * task runs once per interval that elapses. An exception thrown by a task propagates to the caller (the
     * clock then stays at that task's due time; later tasks remain scheduled).
     *
     * @throws IllegalArgumentException if {@code amount} is negative
     */
    public void timePasses(Duration amount) {
        long target;
        synchronized (this) {
            target = Math.addExact(nowNanos, nanos(amount, "amount", true));
        }
        while (true) {
            Task due;
            synchronized (this) {
                due = tasks.peek();
                if (due == null || due.dueNanos > target) {
                    nowNanos = target;
                    return;
                }
                tasks.poll();
                nowNanos = due.dueNanos;
                if (due.intervalNanos > 0) {
                    tasks.add(due.rearmed(nextSequence++));
                } else {
                    due.done = true;
                }
            }
            due.runnable.run();
        }
    }

    /**
     * Moves the clock forward by {@code amount} and then expects each probe to receive nothing within its
     * {@linkplain TestKitSettings#expectNoMessage() no-message time} (real time, because the actors that
     * receive the fired timers run on their own threads).
     *
     * @throws AssertionError naming the probe and the message if one arrived
     */
    public void expectNoMessageFor(Duration amount, TestProbe<?>... probes) {
        timePasses(amount);
        for (TestProbe<?> probe : probes) {
            probe.expectNoMessage();
        }
    }

    /** How long the clock has moved since creation. */
    public synchronized Duration now() {
        return Duration.ofNanos(nowNanos);
    }

    /** The virtual clock: restart windows and back-off resets measured by the runtime follow it too. */
    @Override
    public synchronized long nanoTime() {
        return nowNanos;
    }

    /** Tasks scheduled and not yet run or cancelled (a repeating task counts once). */
    public synchronized int scheduledCount() {
        return tasks.size();
    }

    @Override
    public synchronized String toString() {
        return "ManualTime[now=" + Duration.ofNanos(nowNanos) + ", scheduled=" + tasks.size() + "]";
    }

    private synchronized Cancellable schedule(long delayNanos, long intervalNanos, boolean repeating,
                                              Runnable runnable) {
        Objects.requireNonNull(runnable, "task");
        Handle handle = new Handle();
        Task task = new Task(handle, Math.addExact(nowNanos, delayNanos), repeating ? intervalNanos : 0,
                nextSequence++, runnable);
        handle.task = task;
        tasks.add(task);
        return handle;
    }

    private static long nanos(Duration d, String what, boolean zeroAllowed) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || (!zeroAllowed && d.isZero())) {
            throw new IllegalArgumentException(what + " must be " + (zeroAllowed ? "zero or positive" : "positive")
                    + ", was " + d);
        }
        return d.toNanos();
    }

    /** One arming of a task; a repeating task is re-armed as a new Task sharing the handle. */
    private static final class Task {
        final Handle handle;
        final long dueNanos;
        final long intervalNanos;
        final long sequence;
        final Runnable runnable;
        boolean done;

        Task(Handle handle, long dueNanos, long intervalNanos, long sequence, Runnable runnable) {
            this.handle = handle;
            this.dueNanos = dueNanos;
            this.intervalNanos = intervalNanos;
            this.sequence = sequence;
            this.runnable = runnable;
        }

        Task rearmed(long sequence) {
            Task next = new Task(handle, dueNanos + intervalNanos, intervalNanos, sequence, runnable);
            handle.task = next;
            return next;
        }
    }

    /** Guarded by the enclosing ManualTime. */
    private final class Handle implements Cancellable {
        Task task;
        boolean cancelled;

        @Override
        public boolean cancel() {
            synchronized (ManualTime.this) {
                if (cancelled || task.done) {
                    return false;
                }
                cancelled = true;
                tasks.remove(task);
                return true;
            }
        }

        @Override
        public boolean isCancelled() {
            synchronized (ManualTime.this) {
                return cancelled;
            }
        }
    }
}
