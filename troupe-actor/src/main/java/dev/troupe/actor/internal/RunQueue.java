package dev.troupe.actor.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/*
 * A bounded FIFO ring of runnable mailboxes, one per worker: the owner appends at `tail`, and any worker (the
 * owner in order, the others to steal) takes at `head` with a CAS. Indices are longs that only grow, so a slot
 * is slots[index & MASK] and there is no ABA: a taker's CAS from h to h + 1 succeeds only if nobody took h.
 *
 * Why a taker never gets a wrong mailbox. It reads tail (acquire) > h, which the owner wrote (release) after
 * filling slot h, so the slot read sees that mailbox or a later write to the slot. The owner writes the slot
 * again only for index h + CAPACITY, and only after reading head > h; so if the slot was written again, head
 * has moved past h and the taker's CAS fails and it retries. A successful CAS therefore returns exactly the
 * mailbox put at h, and only one taker gets it.
 *
 * Slots are not cleared by takers (the owner may already be filling the slot again), so a slot keeps a
 * reference to a taken mailbox until it is overwritten: at most CAPACITY stale references per worker.
 */

/**
 * A worker's queue of runnable mailboxes. {@link #offer} only by the owning worker; {@link #poll} and
 * {@link #isEmpty} by any thread. Offering a mailbox happens-before the poll that returns it.
 */
final class RunQueue {
    static final int CAPACITY = 256;
    private static final int MASK = CAPACITY - 1;
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(RunQueue.class, "head", long.class);
            TAIL = lookup.findVarHandle(RunQueue.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Mailbox[] slots = new Mailbox[CAPACITY];
    private volatile long head;
    private volatile long tail;

    /** Appends {@code mailbox}; false if the ring is full. Owner only. */
    boolean offer(Mailbox mailbox) {
        long t = (long) TAIL.getOpaque(this); // only the owner writes tail
        if (t - head >= CAPACITY) {
            return false;
        }
        slots[(int) t & MASK] = mailbox;
        TAIL.setRelease(this, t + 1);
        return true;
    }

    /** Takes the oldest mailbox, or returns null if there is none; any thread. */
    Mailbox poll() {
        for (;;) {
            long h = head;
            if (h - tail >= 0) {
                return null;
            }
            Mailbox mailbox = slots[(int) h & MASK];
            if (HEAD.compareAndSet(this, h, h + 1)) {
                return mailbox;
            }
        }
    }

    /** How many mailboxes have been taken, ever; any thread. */
    long taken() {
        return head;
    }

    /** How many mailboxes have been offered, ever; any thread. */
    long offered() {
        return tail;
    }

    /** True if nothing is queued, as of the two reads; any thread. */
    boolean isEmpty() {
        return head - tail >= 0;
    }
}
