package dev.troupe.actor;

import dev.troupe.actor.internal.EventStreamImpl;

/**
 * The system-wide publish/subscribe channel for events such as {@link DeadLetter} and
 * {@link UnhandledMessage}. Safe to call from any thread.
 *
 * <p>A subscriber receives every event published after its subscription that is an instance of the class it
 * subscribed to, in publication order per publishing thread. A subscriber that stops is unsubscribed
 * automatically.
 */
public sealed interface EventStream permits EventStreamImpl {

    /** Subscribes {@code subscriber} to events of {@code type} and its subtypes. Subscribing twice is a no-op. */
    <E> void subscribe(Class<E> type, ActorRef<? super E> subscriber);

    /**
     * Calls {@code listener} with every event of {@code type} (or a subtype) published after this call, on the
     * publishing thread, before {@link #publish} returns: for integrations that count or forward events
     * (metrics, flight recorder) without an actor in between. The listener may be called from many threads at
     * once and must be thread-safe, quick and non-blocking; whatever it throws is logged (its first failure
     * only) and does not reach the publisher. Cancel the returned handle to stop the calls: a publication
     * already under way may still call it once.
     */
    <E> Cancellable listen(Class<E> type, java.util.function.Consumer<? super E> listener);

    /** Removes the subscription of {@code subscriber} to {@code type}, if any. */
    <E> void unsubscribe(Class<E> type, ActorRef<? super E> subscriber);

    /** Removes every subscription of {@code subscriber}. */
    void unsubscribeAll(ActorRef<?> subscriber);

    /** Sends {@code event} to every matching subscriber. */
    void publish(Object event);
}
