package dev.troupe.actor;

import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Chooses the kind of mailbox for an actor, through {@link Props#withMailbox}. Immutable values; factories
 * check their arguments at once.
 *
 * <p>Whatever the kind, the actor's system messages (stop, watch, death notifications) travel in a queue of
 * their own, so they are never dropped and never wait behind a full or long user queue.
 *
 * <table>
 *   <caption>Mailbox kinds</caption>
 *   <tr><th>kind</th><th>order</th><th>bounded</th><th>cost</th></tr>
 *   <tr><td>{@link #defaultMailbox()}</td><td>FIFO</td><td>no</td><td>lock-free, one node per message</td></tr>
 *   <tr><td>{@link #bounded}</td><td>FIFO</td><td>yes, with an overflow strategy</td>
 *       <td>a short lock per message</td></tr>
 *   <tr><td>{@link #priority}</td><td>by priority, FIFO among equals</td><td>no</td>
 *       <td>a short lock, O(log n) per message</td></tr>
 *   <tr><td>{@link #controlAware()}</td><td>{@link ControlMessage}s first, each group FIFO</td><td>no</td>
 *       <td>a short lock per message</td></tr>
 * </table>
 */
public sealed interface MailboxSelector {

    /** What a full bounded mailbox does with one more message. */
    enum OverflowStrategy {
        /** Drop the new message. */
        DROP_NEWEST,
        /** Drop the oldest waiting message to make room for the new one. */
        DROP_OLDEST,
        /** Refuse the new message; {@link ActorRef#offer} returns {@link OfferResult#REJECTED}. */
        REJECT
    }

    /** An unbounded, lock-free FIFO mailbox. The default. */
    static MailboxSelector defaultMailbox() {
        return Unbounded.INSTANCE;
    }

    /**
     * A FIFO mailbox holding at most {@code capacity} user messages. A message that does not fit is handled by
     * {@code overflow}, published as a {@link Dropped} event and counted. {@link ActorRef#put} waits for room
     * instead.
     *
     * @throws IllegalArgumentException if {@code capacity} is not positive
     */
    static MailboxSelector bounded(int capacity, OverflowStrategy overflow) {
        return new Bounded(capacity, overflow);
    }

    /**
     * An unbounded mailbox that delivers messages by {@code priorityOf} (smaller first), and in arrival order
     * among messages of equal priority. The function runs on the sending thread and must be cheap, pure and not
     * throw (a throwing function makes {@code tell} throw). Timer firings and replies through message adapters
     * or {@code pipeToSelf} come before all waiting messages; a queued {@link Terminated} after those queued
     * before it.
     */
    static MailboxSelector priority(ToIntFunction<Object> priorityOf) {
        return new Priority(priorityOf);
    }

    /** An unbounded mailbox that delivers {@link ControlMessage}s before all other waiting messages. */
    static MailboxSelector controlAware() {
        return ControlAware.INSTANCE;
    }

    /** The unbounded FIFO mailbox. */
    record Unbounded() implements MailboxSelector {
        static final Unbounded INSTANCE = new Unbounded();
    }

    /** The bounded FIFO mailbox. */
    record Bounded(int capacity, OverflowStrategy overflow) implements MailboxSelector {
        public Bounded {
            if (capacity < 1) {
                throw new IllegalArgumentException("Mailbox capacity must be positive, was " + capacity);
            }
            Objects.requireNonNull(overflow, "overflow");
        }
    }

    /** The priority mailbox. */
    record Priority(ToIntFunction<Object> priorityOf) implements MailboxSelector {
        public Priority {
            Objects.requireNonNull(priorityOf, "priorityOf");
        }
    }

    /** The control-aware mailbox. */
    record ControlAware() implements MailboxSelector {
        static final ControlAware INSTANCE = new ControlAware();
    }
}
