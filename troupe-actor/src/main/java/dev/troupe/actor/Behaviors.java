package dev.troupe.actor;

import dev.troupe.actor.internal.BehaviorImpl;
import dev.troupe.actor.internal.LogMessagesInterceptor;
import dev.troupe.actor.internal.StashBufferImpl;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.event.Level;

/**
 * Factories for behaviors. All methods are pure: they build values and may be called from any thread.
 *
 * <pre>{@code
 * sealed interface Counter {
 *     record Increment(int by) implements Counter {}
 *     record Get(ActorRef<Integer> replyTo) implements Counter {}
 * }
 *
 * static Behavior<Counter> counter(int total) {
 *     return Behaviors.receiveMessage(msg -> switch (msg) {
 *         case Counter.Increment(int by) -> counter(total + by);
 *         case Counter.Get(var replyTo) -> { replyTo.tell(total); yield Behaviors.same(); }
 *     });
 * }
 * }</pre>
 */
public final class Behaviors {
    private Behaviors() {}

    /** A handler of one message that may throw; any exception is a failure of the actor. */
    @FunctionalInterface
    public interface MessageHandler<T> {
        Behavior<T> apply(T message) throws Exception;
    }

    /** A handler of one message with the actor's context. */
    @FunctionalInterface
    public interface ContextualMessageHandler<T> {
        Behavior<T> apply(ActorContext<T> context, T message) throws Exception;
    }

    /** A handler of one signal with the actor's context. */
    @FunctionalInterface
    public interface SignalHandler<T> {
        Behavior<T> apply(ActorContext<T> context, Signal signal) throws Exception;
    }

    /** A handler of a batch of messages, oldest first. */
    @FunctionalInterface
    public interface BatchHandler<T> {
        Behavior<T> apply(java.util.List<T> batch) throws Exception;
    }

    /** Builds a behavior once the actor exists (and again on each restart). */
    @FunctionalInterface
    public interface Factory<T> {
        Behavior<T> apply(ActorContext<T> context) throws Exception;
    }

    /** A callback run when the actor has stopped. */
    @FunctionalInterface
    public interface PostStopAction {
        void run() throws Exception;
    }

    /**
     * Defers building the behavior until the actor is started; {@code factory} runs on the actor's thread
     * when it starts and again whenever it restarts. It must not return {@link #same()} or
     * {@link #unhandled()}; doing so fails the actor with an {@link IllegalStateException}.
     */
    public static <T> Behavior<T> setup(Factory<T> factory) {
        return new BehaviorImpl.Deferred<>(Objects.requireNonNull(factory, "factory"));
    }

    /** Handles messages with access to the context; signals are unhandled. */
    public static <T> Behavior<T> receive(ContextualMessageHandler<T> onMessage) {
        return new BehaviorImpl.Receive<>(Objects.requireNonNull(onMessage, "onMessage"), null);
    }

    /** Handles messages and signals with access to the context. */
    public static <T> Behavior<T> receive(ContextualMessageHandler<T> onMessage, SignalHandler<T> onSignal) {
        return new BehaviorImpl.Receive<>(
                Objects.requireNonNull(onMessage, "onMessage"), Objects.requireNonNull(onSignal, "onSignal"));
    }

    /** Handles messages; signals are unhandled. */
    public static <T> Behavior<T> receiveMessage(MessageHandler<T> onMessage) {
        return new BehaviorImpl.ReceiveMessage<>(Objects.requireNonNull(onMessage, "onMessage"));
    }

    /** Handles only signals; every message is unhandled. */
    public static <T> Behavior<T> receiveSignal(SignalHandler<T> onSignal) {
        return new BehaviorImpl.Receive<>((ctx, msg) -> unhandled(), Objects.requireNonNull(onSignal, "onSignal"));
    }

    /**
     * Handles messages in batches: the next message together with those already waiting behind it in the
     * mailbox, up to {@code maxBatch}, oldest first, for bulk work such as one database write for many
     * messages. A batch never waits for more messages to arrive: under light load batches are small, under
     * heavy load they fill up. Order is kept, and a runtime notification (such as a queued
     * {@link Terminated}) ends a batch so that it keeps its place. The returned behavior applies from the next
     * message on. If the handler throws, the whole batch failed (under {@code resume} the batch is dropped).
     * Signals are unhandled.
     *
     * @throws IllegalArgumentException if {@code maxBatch} is not positive
     */
    public static <T> Behavior<T> batching(int maxBatch, BatchHandler<T> onBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be positive, was " + maxBatch);
        }
        return new BehaviorImpl.Batching<>(maxBatch, Objects.requireNonNull(onBatch, "onBatch"));
    }

    /** Keep the current behavior. Only valid as the result of a handler. */
    public static <T> Behavior<T> same() {
        return BehaviorImpl.same();
    }

    /**
     * Keep the current behavior and report the message as unhandled: an {@link UnhandledMessage} is published
     * on the event stream, and an unhandled {@link Terminated} fails the actor with a
     * {@link DeathPactException}.
     */
    public static <T> Behavior<T> unhandled() {
        return BehaviorImpl.unhandled();
    }

    /**
     * Stop the actor: its children stop first, then {@link PostStop} goes to the current behavior; messages
     * still in its mailbox, and any sent later, go to dead letters.
     */
    public static <T> Behavior<T> stopped() {
        return BehaviorImpl.stopped(null);
    }

    /** Like {@link #stopped()}, and runs {@code postStop} after the {@link PostStop} signal was handled. */
    public static <T> Behavior<T> stopped(PostStopAction postStop) {
        return BehaviorImpl.stopped(Objects.requireNonNull(postStop, "postStop"));
    }

    /** Treats every message and signal as unhandled. */
    public static <T> Behavior<T> empty() {
        return BehaviorImpl.empty();
    }

    /** Silently ignores every message and signal. */
    public static <T> Behavior<T> ignore() {
        return BehaviorImpl.ignore();
    }

    /**
     * Gives the behavior built by {@code factory} a {@link TimerScheduler}. Its timers are cancelled when the
     * actor stops or restarts.
     */
    public static <T> Behavior<T> withTimers(Function<TimerScheduler<T>, Behavior<T>> factory) {
        Objects.requireNonNull(factory, "factory");
        return setup(ctx -> factory.apply(((dev.troupe.actor.internal.ContextBase<T>) ctx).timerScheduler()));
    }

    /**
     * Gives the behavior built by {@code factory} a {@link StashBuffer} that holds at most {@code capacity}
     * messages.
     *
     * @throws IllegalArgumentException if {@code capacity} is not positive
     */
    public static <T> Behavior<T> withStash(int capacity, Function<StashBuffer<T>, Behavior<T>> factory) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("Stash capacity must be positive, was " + capacity);
        }
        Objects.requireNonNull(factory, "factory");
        return setup(ctx -> factory.apply(new StashBufferImpl<>((dev.troupe.actor.internal.ContextBase<T>) ctx,
                capacity)));
    }

    /**
     * Starts describing how {@code behavior} is supervised; finish with {@link Supervise#onFailure}:
     *
     * <pre>{@code
     * Behaviors.supervise(
     *         Behaviors.supervise(worker()).onFailure(IOException.class, SupervisorStrategy.restart()))
     *     .onFailure(IllegalArgumentException.class, SupervisorStrategy.resume())
     * }</pre>
     *
     * Supervising an already supervised behavior directly adds a rule at the same level; for a failure, the
     * rule for its most specific class decides. Supervision around a behavior wrapped in anything else (such as
     * {@code setup}) is a separate, outer level that sees only failures the inner levels rethrow. A failure no
     * rule matches goes to the system's default strategy (stop, unless configured).
     */
    public static <T> Supervise<T> supervise(Behavior<T> behavior) {
        return new Supervise<>(Objects.requireNonNull(behavior, "behavior"));
    }

    /** The first half of {@link Behaviors#supervise}. Immutable. */
    public static final class Supervise<T> {
        private final Behavior<T> behavior;

        private Supervise(Behavior<T> behavior) {
            this.behavior = behavior;
        }

        /**
         * Handles failures of class {@code failure} (and its subclasses) with {@code strategy}.
         *
         * @throws IllegalArgumentException if {@code failure} is a {@link VirtualMachineError} (those always
         *     terminate the system), or the behavior already has a rule for exactly that class
         */
        public Behavior<T> onFailure(Class<? extends Throwable> failure, SupervisorStrategy strategy) {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(strategy, "strategy");
            if (VirtualMachineError.class.isAssignableFrom(failure)) {
                throw new IllegalArgumentException(failure.getName() + " cannot be supervised: fatal JVM errors "
                        + "always terminate the actor system");
            }
            return BehaviorImpl.Supervised.of(behavior, new BehaviorImpl.Supervised.Rule(failure, strategy));
        }
    }

    /** Logs every message and signal that reaches {@code behavior} at DEBUG, through the actor's logger. */
    public static <T> Behavior<T> logMessages(Behavior<T> behavior) {
        return logMessages(Level.DEBUG, behavior);
    }

    /** Logs every message and signal that reaches {@code behavior} at {@code level}. */
    public static <T> Behavior<T> logMessages(Level level, Behavior<T> behavior) {
        return BehaviorImpl.Intercept.deferred(
                new LogMessagesInterceptor<>(Objects.requireNonNull(level, "level")),
                Objects.requireNonNull(behavior, "behavior"));
    }
}
