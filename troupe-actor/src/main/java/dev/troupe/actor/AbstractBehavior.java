package dev.troupe.actor;

import java.util.Objects;

/**
 * A behavior written as a class, for actors with much mutable state. Create it inside
 * {@link Behaviors#setup} so that it gets its own {@link ActorContext}:
 *
 * <pre>{@code
 * Behaviors.setup(ctx -> new Counter(ctx))
 * }</pre>
 *
 * <p>An instance belongs to one actor and is only ever called on that actor's thread, one message or signal
 * at a time, so its fields need no synchronization. Return {@code this} (or {@link Behaviors#same()}) to keep
 * it, or another behavior to change.
 *
 * @param <T> the type of message handled
 */
public abstract non-sealed class AbstractBehavior<T> implements Behavior<T> {
    private final ActorContext<T> context;

    protected AbstractBehavior(ActorContext<T> context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /** The context of the actor this behavior belongs to. */
    protected final ActorContext<T> getContext() {
        return context;
    }

    /**
     * Handles one message.
     *
     * @return the next behavior: {@code this}, {@link Behaviors#same()}, {@link Behaviors#unhandled()},
     *     {@link Behaviors#stopped()} or a new behavior
     * @throws Exception any failure, handled by supervision (by default the actor stops)
     */
    public abstract Behavior<T> onMessage(T message) throws Exception;

    /**
     * Handles one signal. The default leaves every signal unhandled, so a watched actor's {@link Terminated}
     * becomes a {@link DeathPactException}.
     */
    public Behavior<T> onSignal(Signal signal) throws Exception {
        return Behaviors.unhandled();
    }
}
