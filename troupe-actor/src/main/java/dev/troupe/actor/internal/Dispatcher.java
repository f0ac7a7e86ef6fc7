package dev.troupe.actor.internal;

import java.time.Duration;

/**
 * Runs mailboxes on threads. {@link #execute} is called from any thread by the one party that won the
 * mailbox's SCHEDULED flag; the dispatcher must eventually call {@link Mailbox#run()} exactly once per call,
 * and the hand-off must be a happens-before edge (every {@link java.util.concurrent.Executor} provides one).
 *
 * <p>Implementations: {@link WorkStealingDispatcher} (the default), {@link FixedPoolDispatcher},
 * {@link PinnedDispatcher}, {@link VirtualThreadDispatcher} and {@link CallingThreadDispatcher}, made from a
 * {@link dev.troupe.actor.DispatcherConfig} by {@link Dispatchers}, which also shuts them down with the system.
 */
public interface Dispatcher {

    /**
     * Runs {@code mailbox} soon on one of this dispatcher's threads.
     *
     * @return false if the dispatcher refused (shut down or out of capacity); the mailbox then handles its
     *     messages as undeliverable
     */
    boolean execute(Mailbox mailbox);

    /** Messages an actor processes per turn. */
    int throughput();

    /**
     * The longest an actor's turn may go on before it yields, even if it has not processed
     * {@link #throughput()} messages yet, in nanoseconds; 0 for no limit (the default).
     */
    default long throughputDeadlineNanos() {
        return 0;
    }

    /**
     * Called on a dispatcher thread when a turn has processed {@link #throughput()} messages and the actor has
     * more: true if another actor may be waiting for this thread, so the turn ends; false if the dispatcher
     * knows that none is, so the turn goes on for another {@code throughput} messages. The default is true.
     */
    default boolean othersMayWait() {
        return true;
    }

    /** Told once, on the actor's thread, when the actor of {@code mailbox} has terminated for good. */
    default void actorTerminated(Mailbox mailbox) {
        // most dispatchers keep nothing per actor
    }

    /** Stops accepting work once the running work is done. */
    void shutdown();

    /** Waits up to {@code timeout} for the threads to finish; true if they did. */
    boolean awaitTermination(Duration timeout) throws InterruptedException;
}
