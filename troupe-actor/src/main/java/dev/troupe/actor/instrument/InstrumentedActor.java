package dev.troupe.actor.instrument;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.ActorRef;
import dev.troupe.actor.internal.ActorStats;

/**
 * What an instrumentation sees of one live or stopped actor: who it is, and its counters. Made by the runtime,
 * one per actor of an instrumented system.
 *
 * <p>Threading: any thread. The counters are written by the actor's own turns and read here without
 * synchronization with them: a read sees a recent value (never a torn one), and a counter never goes down.
 */
public sealed interface InstrumentedActor permits ActorStats {

    ActorPath path();

    /** The actor's ref, for sending it messages or watching it. */
    ActorRef<Void> ref();

    /** The actor's type: its behavior's class, or the tag of {@link dev.troupe.actor.Props#withActorType}. */
    String actorType();

    /** The kind of its mailbox: {@code unbounded}, {@code bounded(capacity, strategy)}, {@code priority}, ... */
    String mailboxKind();

    /** The name of the dispatcher that runs it. */
    String dispatcherName();

    /** Messages waiting in its mailbox now (approximate while senders are active). */
    int mailboxDepth();

    /** Messages it has processed (user messages and runtime envelopes such as timer firings). */
    long messagesProcessed();

    /**
     * Its estimated time spent processing, in nanoseconds: the sum of its sampled processing times, each times
     * its sample's weight (see {@link ActorTypeRecorder#sampled}).
     */
    long estimatedProcessingNanos();

    /**
     * Its estimated memory in bytes: the runtime's own footprint (cell, mailbox, ref, path) plus a queue node per
     * waiting message. What its behavior and messages hold is not known to the runtime and not included.
     */
    long estimatedMemoryBytes();

    /** When it was spawned, as {@link System#nanoTime()}. */
    long spawnedAtNanos();

    /** Whether it has stopped for good. */
    boolean isTerminated();

    /**
     * Asks the actor to stop, as its parent's {@code context.stop} would: it finishes the message in progress,
     * stops its children, gets {@code PostStop}, and its watchers and parent learn of its death. The root
     * guardian stops the whole system. Does nothing if it has stopped already. Any thread; returns at once.
     */
    void stop();
}
