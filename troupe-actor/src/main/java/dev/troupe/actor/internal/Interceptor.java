package dev.troupe.actor.internal;

import dev.troupe.actor.Behavior;
import dev.troupe.actor.Signal;

/**
 * Wraps a behavior to act around its start, messages and signals (logging, supervision). Called on the
 * actor's thread only. Each hook must call its target at most once and return what it returns, or a
 * replacement behavior.
 */
public interface Interceptor<T> {

    /** Starts the wrapped behavior. */
    @FunctionalInterface
    interface StartTarget<T> {
        Behavior<T> start() throws Exception;
    }

    /** Passes a message or signal on to the wrapped behavior. */
    @FunctionalInterface
    interface Target<X, T> {
        Behavior<T> apply(X input) throws Exception;
    }

    default Behavior<T> aroundStart(ContextBase<T> ctx, StartTarget<T> target) throws Exception {
        return target.start();
    }

    Behavior<T> aroundReceive(ContextBase<T> ctx, T message, Target<T, T> target) throws Exception;

    Behavior<T> aroundSignal(ContextBase<T> ctx, Signal signal, Target<Signal, T> target) throws Exception;
}
