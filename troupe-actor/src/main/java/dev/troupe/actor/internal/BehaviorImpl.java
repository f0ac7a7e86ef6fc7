package dev.troupe.actor.internal;

import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;

/**
 * The behaviors the runtime knows how to interpret (besides user subclasses of
 * {@link dev.troupe.actor.AbstractBehavior}). Markers ({@link Same}, {@link Unhandled}, {@link Stopped}) only
 * ever appear as handler results; {@link Deferred} is undone when an actor starts; the rest can be current.
 */
public abstract sealed class BehaviorImpl<T> implements Behavior<T> {

    private static final Same<?> SAME = new Same<>();
    private static final Unhandled<?> UNHANDLED = new Unhandled<>();
    private static final Empty<?> EMPTY = new Empty<>();
    private static final Ignore<?> IGNORE = new Ignore<>();
    private static final Stopped<?> STOPPED = new Stopped<>(null, null);

    @SuppressWarnings("unchecked")
    public static <T> Behavior<T> same() {
        return (Behavior<T>) SAME;
    }

    @SuppressWarnings("unchecked")
    public static <T> Behavior<T> unhandled() {
        return (Behavior<T>) UNHANDLED;
    }

    @SuppressWarnings("unchecked")
    public static <T> Behavior<T> empty() {
        return (Behavior<T>) EMPTY;
    }

    @SuppressWarnings("unchecked")
    public static <T> Behavior<T> ignore() {
        return (Behavior<T>) IGNORE;
    }

    @SuppressWarnings("unchecked")
    public static <T> Behavior<T> stopped(Behaviors.PostStopAction postStop) {
        return postStop == null ? (Behavior<T>) STOPPED : new Stopped<>(postStop, null);
    }

    /** Keep the current behavior. */
    public static final class Same<T> extends BehaviorImpl<T> {
        @Override
        public String toString() {
            return "Behaviors.same";
        }
    }

    /** Keep the current behavior and report the message unhandled. */
    public static final class Unhandled<T> extends BehaviorImpl<T> {
        @Override
        public String toString() {
            return "Behaviors.unhandled";
        }
    }

    /** Every message and signal unhandled. */
    public static final class Empty<T> extends BehaviorImpl<T> {
        @Override
        public String toString() {
            return "Behaviors.empty";
        }
    }

    /** Every message and signal ignored. */
    public static final class Ignore<T> extends BehaviorImpl<T> {
        @Override
        public String toString() {
            return "Behaviors.ignore";
        }
    }

    /**
     * Stop the actor. {@code previous} is filled in by the runtime when the actor stops, so that the behavior
     * current at that time receives {@link dev.troupe.actor.PostStop}.
     */
    public static final class Stopped<T> extends BehaviorImpl<T> {
        private final Behaviors.PostStopAction postStop;
        private final Behavior<T> previous;

        Stopped(Behaviors.PostStopAction postStop, Behavior<T> previous) {
            this.postStop = postStop;
            this.previous = previous;
        }

        public Behaviors.PostStopAction postStop() {
            return postStop;
        }

        public Behavior<T> previous() {
            return previous;
        }

        /** This stop, remembering the behavior that was current when it happened. */
        public Stopped<T> after(Behavior<T> current) {
            return new Stopped<>(postStop, current);
        }

        @Override
        public String toString() {
            return "Behaviors.stopped";
        }
    }

    /** Messages (and optionally signals) handled with the context. */
    public static final class Receive<T> extends BehaviorImpl<T> {
        final Behaviors.ContextualMessageHandler<T> onMessage;
        final Behaviors.SignalHandler<T> onSignal;

        public Receive(Behaviors.ContextualMessageHandler<T> onMessage, Behaviors.SignalHandler<T> onSignal) {
            this.onMessage = onMessage;
            this.onSignal = onSignal;
        }

        @Override
        public String toString() {
            return "Behaviors.receive";
        }
    }

    /** Messages handled without the context; signals unhandled. */
    public static final class ReceiveMessage<T> extends BehaviorImpl<T> {
        final Behaviors.MessageHandler<T> onMessage;

        public ReceiveMessage(Behaviors.MessageHandler<T> onMessage) {
            this.onMessage = onMessage;
        }

        @Override
        public String toString() {
            return "Behaviors.receiveMessage";
        }
    }

    /** A behavior built when the actor starts. */
    public static final class Deferred<T> extends BehaviorImpl<T> {
        final Behaviors.Factory<T> factory;

        public Deferred(Behaviors.Factory<T> factory) {
            this.factory = factory;
        }

        @Override
        public String toString() {
            return "Behaviors.setup";
        }
    }

    /**
     * A started behavior wrapped by an {@link Interceptor}. Only made by starting: a new interception is built
     * as a {@link Deferred} (see {@link #deferred}), so that the interceptor's start hook runs.
     */
    public static final class Intercept<T> extends BehaviorImpl<T> {
        final Interceptor<T> interceptor;
        final Behavior<T> inner;

        private Intercept(Interceptor<T> interceptor, Behavior<T> inner) {
            this.interceptor = interceptor;
            this.inner = inner;
        }

        /** A behavior that, when started, starts {@code inner} under {@code interceptor}. */
        public static <T> Behavior<T> deferred(Interceptor<T> interceptor, Behavior<T> inner) {
            return new Deferred<>(ctx -> start(interceptor, inner, (ContextBase<T>) ctx));
        }

        static <T> Behavior<T> start(Interceptor<T> interceptor, Behavior<T> inner, ContextBase<T> ctx)
                throws Exception {
            Behavior<T> started = interceptor.aroundStart(ctx, () -> BehaviorInterpreter.start(inner, ctx));
            return started instanceof Stopped<T> ? started : new Intercept<>(interceptor, started);
        }

        Behavior<T> receive(ContextBase<T> ctx, T message) throws Exception {
            return rewrap(interceptor.aroundReceive(ctx, message,
                    m -> BehaviorInterpreter.interpretMessage(inner, ctx, m)), ctx);
        }

        Behavior<T> receiveSignal(ContextBase<T> ctx, dev.troupe.actor.Signal signal) throws Exception {
            return rewrap(interceptor.aroundSignal(ctx, signal,
                    s -> BehaviorInterpreter.interpretSignal(inner, ctx, s)), ctx);
        }

        /** Keeps the interceptor around whatever the inner behavior became. */
        private Behavior<T> rewrap(Behavior<T> next, ContextBase<T> ctx) throws Exception {
            if (next instanceof Same<T> || next instanceof Unhandled<T> || next instanceof Stopped<T>) {
                return next;
            }
            Behavior<T> started = BehaviorInterpreter.start(next, ctx);
            if (started == inner) {
                return same();
            }
            return started instanceof Stopped<T> ? started : new Intercept<>(interceptor, started);
        }

        public Interceptor<T> interceptor() {
            return interceptor;
        }

        public Behavior<T> inner() {
            return inner;
        }

        @Override
        public String toString() {
            return "Intercept[" + interceptor + ", " + inner + "]";
        }
    }
}
