package dev.troupe.actor.internal;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

/**
 * An unbounded mailbox delivering by priority (smaller first) and, among equal priorities, in arrival order:
 * each entry carries a sequence number, which makes the heap order total and stable. A queued death
 * notification comes after every message queued before it (so it is still seen after the dead actor's last
 * messages); the runtime's other envelopes (timer firings, the end of a back-off, adapted replies) come before
 * all user messages, so that no backlog delays them. Thread-safe as a {@link Mailbox}.
 */
final class PriorityMailbox extends LockedMailbox {
    private record Entry(int priority, long sequence, Object message) {}

    private static final Comparator<Entry> ORDER =
            Comparator.comparingInt(Entry::priority).thenComparingLong(Entry::sequence);

    private final ToIntFunction<Object> priorityOf;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>(ORDER);
    /** Arrival order; taken before the lock, which keeps each sender's messages in the order it sent them. */
    private final AtomicLong sequence = new AtomicLong();

    PriorityMailbox(ToIntFunction<Object> priorityOf) {
        this.priorityOf = priorityOf;
    }

    @Override
    protected Object entryFor(Object message) {
        int priority = switch (message) {
            // after every message queued before it, as in a FIFO mailbox: the dead actor's last messages first
            case TerminatedEnvelope terminated -> Integer.MAX_VALUE;
            // the runtime's own wake-ups (timer firings, the end of a back-off) and adapted replies go first
            case InternalMessage envelope -> Integer.MIN_VALUE;
            default -> priorityOf.applyAsInt(InstrumentedEnvelope.unwrap(message));
        };
        return new Entry(priority, sequence.getAndIncrement(), message);
    }

    @Override
    protected void addLocked(Object entry) {
        queue.add((Entry) entry);
    }

    @Override
    protected Object peekLocked() {
        Entry head = queue.peek();
        return head == null ? null : head.message();
    }

    @Override
    protected Object pollLocked() {
        Entry head = queue.poll();
        return head == null ? null : head.message();
    }

    @Override
    protected int sizeLocked() {
        return queue.size();
    }
}
