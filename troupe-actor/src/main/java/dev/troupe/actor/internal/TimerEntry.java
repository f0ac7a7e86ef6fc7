package dev.troupe.actor.internal;

import dev.troupe.actor.Cancellable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/*
 * The life of an entry (see DefaultScheduler for the whole design):
 *
 *   PENDING --cancel() wins the CAS---------------> CANCELLED   (any thread; task nulled at once)
 *   PENDING --timer thread claims a one-shot run--> DONE        (timer thread; task nulled before it runs)
 *
 * Both transitions are a CAS from PENDING, so exactly one of "it runs" and "cancel() returns true" happens to
 * a one-shot entry. A periodic entry stays PENDING across its runs; only cancel() ends it. The CAS is the
 * single point of agreement; everything else here is either written before the entry is published (by the
 * release of the inbox CAS) or touched only by the timer thread.
 */

/**
 * One scheduled task: its deadline, its period, its state, and the links that put it in the scheduler's inbox,
 * its cancel stack and a bucket of the wheel. The {@link Cancellable} handed to the caller. {@link #cancel()} and
 * {@link #isCancelled()} are thread-safe; every other member belongs to the scheduler's timer thread.
 */
final class TimerEntry implements Cancellable {
    static final int PENDING = 0;
    static final int DONE = 1;
    static final int CANCELLED = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(TimerEntry.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final DefaultScheduler owner;
    /** Zero for a one-shot, positive for a fixed rate, negative (minus the delay) for a fixed delay. */
    final long period;
    /**
     * The task; null once cancelled, claimed or dropped, so that nothing it captures outlives its usefulness.
     * Nulled by cancel() on any thread while the timer thread may read it: a benign race, since the timer thread
     * reads it only after seeing PENDING, and reading the old value just means the run began before the cancel.
     */
    private Runnable task;
    private volatile int state;

    /** Nanoseconds since the owner's origin. Set before publication, then only by the timer thread. */
    long deadline;

    /** The inbox link: set before the publishing CAS, cleared by the timer thread when it drains the inbox. */
    TimerEntry nextNew;
    /** The cancel-stack link: set by the one successful cancel() before its CAS, cleared by the timer thread. */
    TimerEntry nextCancelled;

    /** The bucket this entry is linked in, or -1; timer thread only, like prev and next. */
    int bucket = -1;
    TimerEntry prev;
    TimerEntry next;

    TimerEntry(DefaultScheduler owner, Runnable task, long deadline, long period) {
        this.owner = owner;
        this.task = task;
        this.deadline = deadline;
        this.period = period;
    }

    @Override
    public boolean cancel() {
        if (!STATE.compareAndSet(this, PENDING, CANCELLED)) {
            return false;
        }
        task = null;
        owner.cancelled(this);
        return true;
    }

    @Override
    public boolean isCancelled() {
        return state == CANCELLED;
    }

    boolean isPending() {
        return state == PENDING;
    }

    /** Timer thread, one-shot only: takes the task for its single run, or null if cancel() got there first. */
    Runnable claim() {
        if (!STATE.compareAndSet(this, PENDING, DONE)) {
            return null;
        }
        Runnable t = task;
        task = null;
        return t;
    }

    /** Timer thread, periodic only: the task for its next run, or null once cancelled. */
    Runnable current() {
        return state == PENDING ? task : null;
    }

    /** Timer thread, on close: releases the task of an entry that will never run (state is left as it was). */
    void drop() {
        task = null;
        nextNew = null;
        nextCancelled = null;
        prev = null;
        next = null;
        bucket = -1;
    }
}
