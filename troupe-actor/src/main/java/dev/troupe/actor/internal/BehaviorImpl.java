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

    /** Messages handled in batches of what is waiting in the mailbox. */
    public static final class Batching<T> extends BehaviorImpl<T> {
        final int maxBatch;
        final Behaviors.BatchHandler<T> onBatch;

        public Batching(int maxBatch, Behaviors.BatchHandler<T> onBatch) {
            this.maxBatch = maxBatch;
            this.onBatch = onBatch;
        }

        Behavior<T> receive(ContextBase<T> ctx, T first) throws Exception {
            java.util.List<T> batch = new java.util.ArrayList<>(Math.min(maxBatch, 64));
            batch.add(first);
            ctx.drainQueued(batch, maxBatch - 1);
            return onBatch.apply(java.util.Collections.unmodifiableList(batch));
        }

        @Override
        public String toString() {
            return "Behaviors.batching(" + maxBatch + ")";
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
     * as a {@link Deferred} (see {@link #deferred}), so that the interceptor's start hook runs. It is also the
     * interceptor's {@link Interceptor.Target}, so passing a message through costs no allocation.
     */
    public static final class Intercept<T> extends BehaviorImpl<T> implements Interceptor.Target<T> {
        final Interceptor<T> interceptor;
        final Behavior<T> inner;
        private final ContextBase<T> ctx;

        private Intercept(Interceptor<T> interceptor, Behavior<T> inner, ContextBase<T> ctx) {
            this.interceptor = interceptor;
            this.inner = inner;
            this.ctx = ctx;
        }

        /** A behavior that, when started, starts {@code inner} under {@code interceptor}. */
        public static <T> Behavior<T> deferred(Interceptor<T> interceptor, Behavior<T> inner) {
            return new Deferred<>(ctx -> start(interceptor, inner, (ContextBase<T>) ctx));
        }

        static <T> Behavior<T> start(Interceptor<T> interceptor, Behavior<T> inner, ContextBase<T> ctx)
                throws Exception {
            return wrap(interceptor, interceptor.aroundStart(ctx, () -> BehaviorInterpreter.start(inner, ctx)), ctx);
        }

        /** {@code started} under {@code interceptor}; terminal markers pass through (re-wrapped if restarting). */
        private static <T> Behavior<T> wrap(Interceptor<T> interceptor, Behavior<T> started, ContextBase<T> ctx) {
            return switch (started) {
                case Stopped<T> stopped -> stopped;
                case Restarting<T> restarting -> restarting.wrappedBy(interceptor);
                default -> new Intercept<>(interceptor, started, ctx);
            };
        }

        Behavior<T> receive(T message) throws Exception {
            return rewrap(interceptor.aroundReceive(ctx, message, this));
        }

        Behavior<T> receiveSignal(dev.troupe.actor.Signal signal) throws Exception {
            return rewrap(interceptor.aroundSignal(ctx, signal, this));
        }

        @Override
        public Behavior<T> inner() {
            return inner;
        }

        @Override
        public Behavior<T> interpretInner(T message) throws Exception {
            return BehaviorInterpreter.interpretMessage(inner, ctx, message);
        }

        @Override
        public Behavior<T> interpretInnerSignal(dev.troupe.actor.Signal signal) throws Exception {
            return BehaviorInterpreter.interpretSignal(inner, ctx, signal);
        }

        /** Keeps the interceptor around whatever the inner behavior became. */
        private Behavior<T> rewrap(Behavior<T> next) throws Exception {
            if (next instanceof Same<T> || next instanceof Unhandled<T>) {
                return next;
            }
            Behavior<T> started = BehaviorInterpreter.start(next, ctx);
            return started == inner ? same() : wrap(interceptor, started, ctx);
        }

        public Interceptor<T> interceptor() {
            return interceptor;
        }

        @Override
        public String toString() {
            return "Intercept[" + interceptor + ", " + inner + "]";
        }
    }

    /**
     * {@link Behaviors#supervise}d behavior: when started, runs {@code inner} under a fresh
     * {@link SupervisorInterceptor} holding these rules (one per exception class; the most specific class that
     * matches a failure decides).
     */
    public static final class Supervised<T> extends BehaviorImpl<T> {
        /** One failure class and what to do about it. */
        public record Rule(Class<? extends Throwable> failure, dev.troupe.actor.SupervisorStrategy strategy) {}

        final Behavior<T> inner;
        final java.util.List<Rule> rules;

        private Supervised(Behavior<T> inner, java.util.List<Rule> rules) {
            this.inner = inner;
            this.rules = java.util.List.copyOf(rules);
        }

        /**
         * {@code behavior} supervised for {@code rule}. Supervising a supervised behavior directly adds the rule
         * to the same level, so that the most specific rule wins whatever the order of the calls.
         *
         * @throws IllegalArgumentException if the behavior already has a rule for that exact class
         */
        public static <T> Supervised<T> of(Behavior<T> behavior, Rule rule) {
            if (behavior instanceof Supervised<T> supervised) {
                for (Rule existing : supervised.rules) {
                    if (existing.failure().equals(rule.failure())) {
                        throw new IllegalArgumentException("Behavior is already supervised for "
                                + rule.failure().getName() + " (with " + existing.strategy() + ")");
                    }
                }
                java.util.List<Rule> rules = new java.util.ArrayList<>(supervised.rules);
                rules.add(rule);
                return new Supervised<>(supervised.inner, rules);
            }
            return new Supervised<>(behavior, java.util.List.of(rule));
        }

        /**
         * {@code behavior} with a rule for {@link Throwable}, unless it has one: the system's default strategy,
         * at the same level as the behavior's own rules, so that those (more specific) still decide first.
         */
        public static <T> Supervised<T> withFallback(Behavior<T> behavior, dev.troupe.actor.SupervisorStrategy strategy) {
            if (behavior instanceof Supervised<T> supervised
                    && supervised.rules.stream().anyMatch(r -> r.failure() == Throwable.class)) {
                return supervised;
            }
            return of(behavior, new Rule(Throwable.class, strategy));
        }

        Behavior<T> start(ContextBase<T> ctx) throws Exception {
            return Intercept.start(new SupervisorInterceptor<>(inner, rules), inner, ctx);
        }

        @Override
        public String toString() {
            return "Behaviors.supervise(" + inner + ")" + rules;
        }
    }

    /**
     * A handler result that asks the actor to restart: stop its children (if {@code stopChildren}), wait
     * {@code delay}, keeping up to {@code stashCapacity} arriving messages (only while waiting for a delay;
     * without a delay messages simply stay in the mailbox), then start {@code fresh}.
     */
    public static final class Restarting<T> extends BehaviorImpl<T> {
        final Behavior<T> fresh;
        final boolean stopChildren;
        final java.time.Duration delay;
        final int stashCapacity;

        public Restarting(Behavior<T> fresh, boolean stopChildren, java.time.Duration delay, int stashCapacity) {
            this.fresh = fresh;
            this.stopChildren = stopChildren;
            this.delay = delay;
            this.stashCapacity = stashCapacity;
        }

        /**
         * The same restart as seen from {@code interceptor}, which wrapped the behavior that asked for it: the
         * fresh behavior is started under that same interceptor (its state, such as restart counts, carries
         * over, and its start hook sees failures of the fresh setup).
         */
        Restarting<T> wrappedBy(Interceptor<T> interceptor) {
            Behavior<T> wrapped = new Deferred<>(ctx -> Intercept.start(interceptor, fresh, (ContextBase<T>) ctx));
            return new Restarting<>(wrapped, stopChildren, delay, stashCapacity);
        }

        public Behavior<T> fresh() {
            return fresh;
        }

        public boolean stopChildren() {
            return stopChildren;
        }

        public java.time.Duration delay() {
            return delay;
        }

        public int stashCapacity() {
            return stashCapacity;
        }

        @Override
        public String toString() {
            return "Restarting[delay=" + delay + ", stopChildren=" + stopChildren + "]";
        }
    }
}
