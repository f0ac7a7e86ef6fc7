package dev.troupe.actor.internal;

import dev.troupe.actor.ActorContext;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.TimerScheduler;

/**
 * The runtime side of {@link ActorContext}, implemented by the actor cell and by the test kit's synchronous
 * context. Same threading contract as {@link ActorContext}.
 */
public abstract non-sealed class ContextBase<T> implements ActorContext<T> {

    /** Throws {@link IllegalStateException} unless called on the thread currently running this actor. */
    public abstract void checkThread();

    /** This actor's timers, created on first use; cancelled when the actor stops or restarts. */
    public abstract TimerScheduler<T> timerScheduler();

    /**
     * Processes one unstashed message with {@code current} and returns the behavior to keep (or a stopped
     * marker). Unhandled messages are reported as if they had just arrived.
     */
    public abstract Behavior<T> interpretUnstashed(Behavior<T> current, T message) throws Exception;
}
