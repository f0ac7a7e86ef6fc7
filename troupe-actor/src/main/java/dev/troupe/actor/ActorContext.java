package dev.troupe.actor;

import dev.troupe.actor.internal.ContextBase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * An actor's view of itself and the runtime, handed to its behavior.
 *
 * <p><b>Threading.</b> Only {@link #self()} and {@link #system()} may be called from any thread. Every other
 * method may only be called while the actor processes a message or signal, on the thread doing so; a call
 * from anywhere else (a future callback, another actor, a thread the actor started) throws
 * {@link IllegalStateException} naming the actor and both threads. To act on the result of asynchronous
 * work, send yourself a message: {@link #pipeToSelf}.
 *
 * <p><b>Memory consistency.</b> All calls made while processing one message happen-before the processing
 * of the next message or signal of the same actor, whichever thread runs it.
 *
 * @param <T> the type of message the actor accepts
 */
public sealed interface ActorContext<T> permits ContextBase {

    /** This actor's own ref. Safe from any thread. */
    ActorRef<T> self();

    /** The system this actor belongs to. Safe from any thread. */
    ActorSystem<Void> system();

    /**
     * A logger for this actor. While a message is processed, log lines written through it carry the actor's
     * path ({@code troupe.actor}), its type ({@code troupe.actorType}) and the message's class
     * ({@code troupe.message}) in the SLF4J MDC. (For the keys on every log line written inside an actor,
     * through any logger, see {@code troupe-observe}'s MDC hook.)
     */
    Logger log();

    /**
     * Starts a child actor named {@code name}. The child's behavior starts asynchronously on its own turn.
     *
     * @throws InvalidActorNameException if the name is malformed, starts with {@code $} (reserved for
     *     anonymous actors), or a child of that name exists or is still stopping
     */
    default <U> ActorRef<U> spawn(Behavior<U> behavior, String name) {
        return spawn(behavior, name, Props.empty());
    }

    /** Like {@link #spawn(Behavior, String)} with a mailbox and dispatcher chosen by {@code props}. */
    <U> ActorRef<U> spawn(Behavior<U> behavior, String name, Props props);

    /**
     * Starts a child with a generated name unique among this actor's children: {@code $} and a number in base 36,
     * counting up. Spawning costs O(1) however many children there are.
     */
    default <U> ActorRef<U> spawnAnonymous(Behavior<U> behavior) {
        return spawnAnonymous(behavior, Props.empty());
    }

    /** Like {@link #spawnAnonymous(Behavior)} with a mailbox and dispatcher chosen by {@code props}. */
    <U> ActorRef<U> spawnAnonymous(Behavior<U> behavior, Props props);

    /**
     * Stops a child asynchronously: its own children stop first, then its {@link PostStop}. Stopping a child
     * that already stopped does nothing.
     *
     * @throws IllegalArgumentException if {@code child} is not a child of this actor (to stop yourself,
     *     return {@link Behaviors#stopped()})
     */
    void stop(ActorRef<?> child);

    /**
     * Asks to receive {@link Terminated} (or {@link ChildFailed} for a failed child) once when {@code other}
     * stops, also if it already has. Watching the same actor again does nothing.
     */
    void watch(ActorRef<?> other);

    /**
     * Like {@link #watch} but delivers {@code message} instead of the {@link Terminated} signal.
     *
     * @throws IllegalStateException if {@code other} is already watched with a different message
     */
    void watchWith(ActorRef<?> other, T message);

    /** Stops watching {@code other}; a {@link Terminated} for it not yet processed will not be delivered. */
    void unwatch(ActorRef<?> other);

    /** The children that are alive or stopping, as a snapshot, in the order they were spawned. */
    List<ActorRef<Void>> children();

    /**
     * The child named {@code name}, if it exists (alive or stopping). O(1), except that the first lookup of an
     * anonymous name ({@code $...}) by an actor costs O(children): anonymous children are indexed by name only
     * from then on.
     */
    Optional<ActorRef<Void>> child(String name);

    /** Sends {@code message} to {@code target} after {@code delay}; cancel with the returned handle. */
    <U> Cancellable scheduleOnce(Duration delay, ActorRef<U> target, U message);

    /**
     * A ref that accepts {@code U} and delivers {@code adapter.apply(u)} to this actor. The function runs on
     * this actor's thread when the message is processed; if it throws, this actor fails. Create adapters once,
     * in setup: each call makes a new ref. Watching the adapter watches this actor.
     */
    <U> ActorRef<U> messageAdapter(Function<U, T> adapter);

    /**
     * When {@code stage} completes, sends this actor {@code mapResult.apply(value, failure)} (exactly one of
     * them non-null). The function runs on this actor's thread, so it may read the actor's state; a
     * {@link java.util.concurrent.CompletionException} is unwrapped to its cause.
     */
    <V> void pipeToSelf(CompletionStage<V> stage, BiFunction<V, Throwable, T> mapResult);

    /**
     * Sends {@code createRequest.apply(replyTo)} to {@code target} and delivers {@code mapResponse} applied to
     * the reply, or to a {@link java.util.concurrent.TimeoutException} after {@code timeout}, to this actor.
     */
    <Req, Res> void ask(ActorRef<Req> target, Function<ActorRef<Res>, Req> createRequest, Duration timeout,
                        BiFunction<Res, Throwable, T> mapResponse);

    /**
     * Sends {@code message} to this actor when no message has arrived for {@code timeout}, and again after
     * each further idle period. Replaces any earlier receive timeout.
     */
    void setReceiveTimeout(Duration timeout, T message);

    /** Removes the receive timeout; a timeout message not yet processed will not be delivered. */
    void cancelReceiveTimeout();
}
