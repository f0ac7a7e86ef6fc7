package dev.troupe.actor;

import dev.troupe.actor.internal.StashBufferImpl;
import java.util.function.Consumer;

/**
 * A bounded buffer for messages an actor cannot handle yet, obtained from {@link Behaviors#withStash}.
 * Only for use on the actor's own thread, like {@link ActorContext}.
 */
public sealed interface StashBuffer<T> permits StashBufferImpl {

    /**
     * Adds {@code message} at the end.
     *
     * @throws StashOverflowException if the buffer is full
     */
    void stash(T message);

    /**
     * Processes all stashed messages, oldest first, with {@code behavior} (and whatever behavior each message
     * leads to), before any new message. Messages stashed again meanwhile stay in the buffer.
     *
     * @return the behavior after the last unstashed message
     */
    Behavior<T> unstashAll(Behavior<T> behavior);

    /** The oldest stashed message. @throws java.util.NoSuchElementException if empty */
    T head();

    boolean isEmpty();

    boolean isFull();

    int size();

    int capacity();

    /** Passes every stashed message to {@code action}, oldest first, without removing it. */
    void forEach(Consumer<T> action);

    /** Drops every stashed message. */
    void clear();
}
