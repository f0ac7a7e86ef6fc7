package dev.troupe.actor.internal;

import dev.troupe.actor.OfferResult;
import java.util.concurrent.locks.ReentrantLock;

/*
 * The mailboxes that need more than FIFO (a bound, priorities, control messages) keep their queue under a
 * short lock. Bounded drop-oldest is why: a producer must be able to take the oldest message out, which a
 * single-consumer lock-free queue does not allow. The lock is held for a queue operation only, never while
 * publishing an event or running user code.
 *
 * The scheduling argument of Mailbox still holds: every change writes the volatile `queued` count before
 * the lock is released, and the producer reads the status word after that; the consumer clears SCHEDULED and
 * then reads `queued`. Both sides order a volatile write before a volatile read, so one of them sees the other.
 */

/** A mailbox whose user queue is guarded by a lock. Subclasses supply the queue; all of it under the lock. */
abstract class LockedMailbox extends Mailbox {
    private final ReentrantLock lock = new ReentrantLock();
    /** Entries in the queue, user messages and runtime envelopes; written under the lock after each change. */
    private volatile int queued;

    /**
     * What to store for {@code message}, computed before the lock is taken (user code such as a priority
     * function runs here, so it neither holds the lock nor, if it throws, leaves anything half done).
     */
    protected Object entryFor(Object message) {
        return message;
    }

    /** Adds an entry made by {@link #entryFor}; called with the lock held. */
    protected abstract void addLocked(Object entry);

    /** The next message without removing it, or null; called with the lock held. */
    protected abstract Object peekLocked();

    /** Removes and returns the next message, or null; called with the lock held. */
    protected abstract Object pollLocked();

    /** Entries in the queue; called with the lock held. */
    protected abstract int sizeLocked();

    protected final void lock() {
        lock.lock();
    }

    /** Publishes the new count and releases the lock. */
    protected final void unlock() {
        queued = sizeLocked();
        lock.unlock();
    }

    @Override
    protected OfferResult offerUser(Object message) {
        Object entry = entryFor(message);
        lock();
        try {
            addLocked(entry);
        } finally {
            unlock();
        }
        return OfferResult.ENQUEUED;
    }

    @Override
    protected final Object pollUser() {
        lock();
        try {
            return pollLocked();
        } finally {
            unlock();
        }
    }

    @Override
    protected final Object pollPlainUser() {
        lock();
        try {
            return peekLocked() instanceof InternalMessage ? null : pollLocked();
        } finally {
            unlock();
        }
    }

    @Override
    protected final boolean hasUserMessages() {
        return queued > 0;
    }

    @Override
    public final int userMessageCount() {
        return queued;
    }
}
