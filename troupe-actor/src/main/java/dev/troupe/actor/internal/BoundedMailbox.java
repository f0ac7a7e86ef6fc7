package dev.troupe.actor.internal;

import dev.troupe.actor.Dropped;
import dev.troupe.actor.MailboxSelector.OverflowStrategy;
import dev.troupe.actor.OfferResult;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * A FIFO mailbox holding at most {@code capacity} user messages. Runtime envelopes (death notifications,
 * timer firings) neither count against the capacity nor are ever dropped, so the actor's own bookkeeping is
 * never lost to overload. Thread-safe as a {@link Mailbox}.
 */
final class BoundedMailbox extends LockedMailbox {
    private final int capacity;
    private final OverflowStrategy overflow;
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    /** Messages in {@code queue} that count against the capacity; under the lock. */
    private int counted;

    BoundedMailbox(int capacity, OverflowStrategy overflow) {
        this.capacity = capacity;
        this.overflow = overflow;
    }

    private static boolean counts(Object message) {
        return !(message instanceof InternalMessage envelope) || envelope.droppable();
    }

    @Override
    protected OfferResult offerUser(Object message) {
        if (!counts(message)) {
            return super.offerUser(message);
        }
        Object evicted = null;
        OfferResult result = OfferResult.ENQUEUED;
        lock();
        try {
            if (counted < capacity) {
                addLocked(message);
            } else {
                switch (overflow) {
                    case DROP_NEWEST -> result = OfferResult.DROPPED;
                    case REJECT -> result = OfferResult.REJECTED;
                    case DROP_OLDEST -> {
                        evicted = removeOldestCountedLocked();
                        addLocked(message);
                    }
                }
            }
        } finally {
            unlock();
        }
        if (evicted != null) {
            dropped(evicted, Dropped.Reason.DROPPED_OLDEST);
        }
        switch (result) {
            case DROPPED -> dropped(message, Dropped.Reason.DROPPED_NEWEST);
            case REJECTED -> dropped(message, Dropped.Reason.REJECTED);
            default -> { }
        }
        return result;
    }

    @Override
    protected boolean offerUserIfRoom(Object message) {
        if (!counts(message)) {
            return super.offerUser(message) == OfferResult.ENQUEUED;
        }
        lock();
        try {
            if (counted >= capacity) {
                return false;
            }
            addLocked(message);
            return true;
        } finally {
            unlock();
        }
    }

    private Object removeOldestCountedLocked() {
        for (Iterator<Object> it = queue.iterator(); it.hasNext(); ) {
            Object candidate = it.next();
            if (counts(candidate)) {
                it.remove();
                counted--;
                return candidate;
            }
        }
        throw new IllegalStateException("a full bounded mailbox holds no user message");
    }

    @Override
    protected void addLocked(Object message) {
        queue.addLast(message);
        if (counts(message)) {
            counted++;
        }
    }

    @Override
    protected Object peekLocked() {
        return queue.peekFirst();
    }

    @Override
    protected Object pollLocked() {
        Object message = queue.pollFirst();
        if (message != null && counts(message)) {
            counted--;
        }
        return message;
    }

    @Override
    protected int sizeLocked() {
        return queue.size();
    }
}
