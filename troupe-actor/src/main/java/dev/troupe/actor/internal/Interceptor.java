package dev.troupe.actor.internal;

import dev.troupe.actor.Behavior;
import dev.troupe.actor.Signal;

/**
 * Wraps a behavior to act around its start, messages and signals (logging, supervision). Called on the
 * actor's thread only. Each hook passes its input on to the target at most once and returns what the target
 * returned, or a replacement behavior.
 */
public interface Interceptor<T> {

    /** Starts the wrapped behavior. */
    @FunctionalInterface
    interface StartTarget<T> {
        Behavior<T> start() throws Exception;
    }

    /** The wrapped behavior, and a way to pass a message or signal on to it. */
    interface Target<T> {
        Behavior<T> inner();

        Behavior<T> interpretInner(T message) throws Exception;

        Behavior<T> interpretInnerSignal(Signal signal) throws Exception;
    }

    default Behavior<T> aroundStart(ContextBase<T> ctx, StartTarget<T> target) throws Exception {
        return target.start();
    }

    Behavior<T> aroundReceive(ContextBase<T> ctx, T message, Target<T> target) throws Exception;

    Behavior<T> aroundSignal(ContextBase<T> ctx, Signal signal, Target<T> target) throws Exception;
}
