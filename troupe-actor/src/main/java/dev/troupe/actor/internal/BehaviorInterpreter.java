package dev.troupe.actor.internal;

import dev.troupe.actor.AbstractBehavior;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Signal;
import dev.troupe.actor.internal.BehaviorImpl.Batching;
import dev.troupe.actor.internal.BehaviorImpl.Deferred;
import dev.troupe.actor.internal.BehaviorImpl.Empty;
import dev.troupe.actor.internal.BehaviorImpl.Ignore;
import dev.troupe.actor.internal.BehaviorImpl.Intercept;
import dev.troupe.actor.internal.BehaviorImpl.Receive;
import dev.troupe.actor.internal.BehaviorImpl.ReceiveMessage;
import dev.troupe.actor.internal.BehaviorImpl.Restarting;
import dev.troupe.actor.internal.BehaviorImpl.Same;
import dev.troupe.actor.internal.BehaviorImpl.Stopped;
import dev.troupe.actor.internal.BehaviorImpl.Supervised;
import dev.troupe.actor.internal.BehaviorImpl.Unhandled;

/**
 * Runs behaviors: starting (undoing {@code setup}), feeding a message or signal, and turning a handler's
 * result into the next current behavior. Shared by the actor cell and the synchronous test kit. Stateless;
 * called on the actor's thread.
 */
public final class BehaviorInterpreter {
    private BehaviorInterpreter() {}

    /** Undoes {@link Deferred} layers until a behavior that can receive (or {@link Stopped}) remains. */
    public static <T> Behavior<T> start(Behavior<T> behavior, ContextBase<T> ctx) throws Exception {
        Behavior<T> current = behavior;
        while (current instanceof Deferred<T> || current instanceof Supervised<T>) {
            if (current instanceof Supervised<T> supervised) {
                return supervised.start(ctx);
            }
            Behavior<T> next = ((Deferred<T>) current).factory.apply(ctx);
            if (next == null) {
                throw new IllegalStateException("Behaviors.setup returned null in " + ctx.self().path());
            }
            if (next instanceof Same<T> || next instanceof Unhandled<T>) {
                throw new IllegalStateException("Behaviors.setup must return a behavior, not " + next + ", in "
                        + ctx.self().path());
            }
            current = next;
        }
        return current;
    }

    /**
     * Feeds {@code message} to {@code behavior}; returns the handler's raw result. The three forms nearly every
     * actor has are tested first, one type check each, which keeps this method small enough for the JIT to
     * inline into the mailbox's loop; the switch over every form (333 bytes of bytecode with its type-switch
     * bootstrap, above the JIT's limit for inlining a hot method) is left to the rest.
     */
    public static <T> Behavior<T> interpretMessage(Behavior<T> behavior, ContextBase<T> ctx, T message)
            throws Exception {
        Behavior<T> next;
        if (behavior instanceof AbstractBehavior<T> b) {
            next = b.onMessage(message);
        } else if (behavior instanceof ReceiveMessage<T> b) {
            next = b.onMessage.apply(message);
        } else if (behavior instanceof Receive<T> b) {
            next = b.onMessage.apply(ctx, message);
        } else {
            next = interpretOtherForms(behavior, ctx, message);
        }
        if (next == null) {
            throw returnedNull(ctx, message);
        }
        return next;
    }

    /** {@link #interpretMessage} for the forms it does not test itself (the switch names every form). */
    private static <T> Behavior<T> interpretOtherForms(Behavior<T> behavior, ContextBase<T> ctx, T message)
            throws Exception {
        return switch (behavior) {
            case AbstractBehavior<T> b -> b.onMessage(message);
            case ReceiveMessage<T> b -> b.onMessage.apply(message);
            case Receive<T> b -> b.onMessage.apply(ctx, message);
            case Batching<T> b -> b.receive(ctx, message);
            case Intercept<T> b -> b.receive(message);
            case Empty<T> b -> BehaviorImpl.unhandled();
            case Ignore<T> b -> BehaviorImpl.same();
            case Same<T> b -> throw notCurrent(b);
            case Unhandled<T> b -> throw notCurrent(b);
            case Deferred<T> b -> throw notCurrent(b);
            case Stopped<T> b -> throw notCurrent(b);
            case Supervised<T> b -> throw notCurrent(b);
            case Restarting<T> b -> throw notCurrent(b);
        };
    }

    private static IllegalStateException returnedNull(ContextBase<?> ctx, Object message) {
        return new IllegalStateException("Behavior of " + ctx.self().path() + " returned null for a message of "
                + message.getClass().getName() + "; return Behaviors.same() to keep the behavior");
    }

    /** Feeds {@code signal} to {@code behavior}; returns the handler's raw result. */
    public static <T> Behavior<T> interpretSignal(Behavior<T> behavior, ContextBase<T> ctx, Signal signal)
            throws Exception {
        Behavior<T> next = switch (behavior) {
            case AbstractBehavior<T> b -> b.onSignal(signal);
            case ReceiveMessage<T> b -> BehaviorImpl.unhandled();
            case Receive<T> b -> b.onSignal == null ? BehaviorImpl.unhandled() : b.onSignal.apply(ctx, signal);
            case Batching<T> b -> BehaviorImpl.unhandled();
            case Intercept<T> b -> b.receiveSignal(signal);
            case Empty<T> b -> BehaviorImpl.unhandled();
            case Ignore<T> b -> BehaviorImpl.same();
            case Stopped<T> b -> BehaviorImpl.same();
            case Same<T> b -> throw notCurrent(b);
            case Unhandled<T> b -> throw notCurrent(b);
            case Deferred<T> b -> throw notCurrent(b);
            case Supervised<T> b -> throw notCurrent(b);
            case Restarting<T> b -> throw notCurrent(b);
        };
        if (next == null) {
            throw new IllegalStateException("Behavior of " + ctx.self().path() + " returned null for signal "
                    + signal + "; return Behaviors.same() to keep the behavior");
        }
        return next;
    }

    /**
     * The behavior to keep after a handler returned {@code next} while {@code current} was current: markers
     * resolve to {@code current}, deferred behaviors are started. {@link Stopped} and {@link Restarting} are
     * returned as they are, for the runtime to act on.
     */
    public static <T> Behavior<T> canonicalize(Behavior<T> next, Behavior<T> current, ContextBase<T> ctx)
            throws Exception {
        if (next instanceof Same<T> || next instanceof Unhandled<T> || next == current) {
            return current;
        }
        return start(next, ctx);
    }

    public static boolean isUnhandled(Behavior<?> behavior) {
        return behavior instanceof Unhandled<?>;
    }

    public static boolean isStopped(Behavior<?> behavior) {
        return behavior instanceof Stopped<?>;
    }

    /** True for results that end the current behavior: stopping or restarting. */
    public static boolean endsBehavior(Behavior<?> behavior) {
        return behavior instanceof Stopped<?> || behavior instanceof Restarting<?>;
    }

    private static IllegalStateException notCurrent(Behavior<?> b) {
        return new IllegalStateException(b + " cannot be the current behavior of an actor");
    }
}
