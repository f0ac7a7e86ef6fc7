package dev.troupe.actor;

import dev.troupe.actor.internal.InternalRef;

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
