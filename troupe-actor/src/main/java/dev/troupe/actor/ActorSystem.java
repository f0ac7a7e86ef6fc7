package dev.troupe.actor;

import dev.troupe.actor.internal.ActorSystemImpl;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;

/**
 * A tree of actors, the threads that run them and the services they share. It is itself the ref of its
 * top-level actor, the <em>guardian</em>, at {@code troupe://<name>/user}: what is told to the system goes to
 * the guardian.
 *
 * <p><b>Threading.</b> Every method is safe from any thread.
 *
 * <p><b>Lifecycle.</b> The system runs until {@link #terminate()} is called or the guardian stops (by
 * returning {@link Behaviors#stopped()} or failing). Termination stops all actors depth first, then the
 * dispatcher threads and the scheduler; {@link #whenTerminated()} completes after that, when no thread of the
 * system is left running work.
 *
 * @param <T> the type of message the guardian accepts
 */
public sealed interface ActorSystem<T> extends ActorRef<T> permits ActorSystemImpl {

    /**
     * Starts a system named {@code name} with default settings, running {@code guardian}.
     *
     * @throws InvalidActorNameException if {@code name} is not letters, digits, '-' and '_'
     */
    static <T> ActorSystem<T> create(Behavior<T> guardian, String name) {
        return create(guardian, name, ActorSystemSettings.defaults());
    }

    /** Starts a system named {@code name} with {@code settings}, running {@code guardian}. */
    static <T> ActorSystem<T> create(Behavior<T> guardian, String name, ActorSystemSettings settings) {
        return ActorSystemImpl.start(guardian, name, settings);
    }

    /** The name given at creation. */
    String name();

    /** Starts termination and returns at once; calling it again does nothing. */
    void terminate();

    /** Completes once the system has terminated and its threads are stopped. Never completes exceptionally. */
    CompletionStage<Void> whenTerminated();

    /** The system's publish/subscribe channel. */
    EventStream eventStream();

    /** A ref whose messages are all published as {@link DeadLetter}s. */
    <U> ActorRef<U> deadLetters();

    /** How many dead letters this system has counted so far. */
    long deadLetterCount();

    /** How many messages bounded mailboxes of this system have dropped or rejected so far. */
    long droppedCount();

    /** The scheduler for timers and time-outs. */
    Scheduler scheduler();

    /** The settings the system was created with. */
    ActorSystemSettings settings();

    /** The system's logger. */
    Logger log();
}
