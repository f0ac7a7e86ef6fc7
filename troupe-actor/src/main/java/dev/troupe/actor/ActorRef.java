package dev.troupe.actor;

import dev.troupe.actor.internal.InternalRef;
import java.time.Duration;

/**
 * The only way to reach an actor. Safe to share between threads and to call from any thread.
 *
 * <p><b>Ordering.</b> Messages that one thread (or one actor) sends to the same ref are processed in the
 * order they were sent. No order holds between different senders.
 *
 * <p><b>Memory consistency.</b> Actions in a thread before {@code tell(m)} happen-before the processing of
 * {@code m} by the target actor.
 *
 * <p><b>Failure.</b> A message sent to a stopped actor goes to dead letters ({@link DeadLetter} on the
 * {@link EventStream}); {@code tell} never throws for that reason. A {@code null} message throws
 * {@link NullPointerException} at the call site.
 *
 * <p><b>Equality.</b> Two refs are equal when their {@link ActorPath}s are equal, which includes the actor's
 * unique id: a new actor spawned under the name of a stopped one is a different ref.
 *
 * @param <T> the type of message the actor accepts
 */
public sealed interface ActorRef<T> permits InternalRef, ActorSystem {

    /**
     * Sends a message without waiting for it to be processed (fire and forget).
     *
     * @throws NullPointerException if {@code message} is null
     */
    void tell(T message);

    /**
     * Sends a message without blocking and says what became of it: {@link OfferResult#ENQUEUED}, or for a full
     * {@linkplain MailboxSelector#bounded bounded} mailbox {@code DROPPED} or {@code REJECTED} (by its overflow
     * strategy), or {@code DEAD} if the actor has stopped. Like {@link #tell} otherwise: same ordering, same
     * dead letters and {@link Dropped} events. Refs that cannot know (such as a reply ref of an ask) answer
     * {@code ENQUEUED} when they accepted the message.
     *
     * @throws NullPointerException if {@code message} is null
     */
    default OfferResult offer(T message) {
        tell(message);
        return OfferResult.ENQUEUED;
    }

    /**
     * Sends a message, waiting up to {@code timeout} for room in a full bounded mailbox (never dropping it).
     * For producers outside the actor system, e.g. on virtual threads. Other mailboxes always have room.
     *
     * @return true if the message was enqueued (or, for a stopped actor, went to dead letters), false if there
     *     was no room within {@code timeout}
     * @throws IllegalStateException if called from inside an actor, where blocking would stall a dispatcher
     *     thread (use {@link #offer} or {@link #tell} there)
     * @throws InterruptedException if the waiting thread is interrupted
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    default boolean put(T message, Duration timeout) throws InterruptedException {
        java.util.Objects.requireNonNull(timeout, "timeout");
        tell(message);
        return true;
    }

    /** The path of the actor, including its unique id. */
    ActorPath path();

    /**
     * Views this ref as accepting a narrower message type. Always safe: a ref for {@code T} accepts any
     * subtype {@code U}.
     */
    @SuppressWarnings("unchecked")
    default <U extends T> ActorRef<U> narrow() {
        return (ActorRef<U>) this;
    }

    /**
     * Views this ref as accepting any type {@code U}, unchecked. Only for refs whose type was erased (for
     * example {@code ActorRef<Void>} from {@link Terminated}); sending a message the actor cannot handle makes
     * its handler fail with a {@link ClassCastException}.
     */
    @SuppressWarnings("unchecked")
    default <U> ActorRef<U> unsafeUpcast() {
        return (ActorRef<U>) this;
    }
}
