package dev.troupe.persistence;

import dev.troupe.actor.Behavior;
import dev.troupe.persistence.internal.EventSourcedActor;
import dev.troupe.persistence.internal.EventSourcedSettings;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * An actor whose state is the fold of its persisted events: the command handler decides which events to
 * persist ({@link Effect}), the event handler applies an event to the state, and after a restart (or on
 * another run of the program) the state is recovered from the {@link Journal} — from the latest
 * {@link Snapshot}, if snapshots are on, then the events after it.
 *
 * <pre>{@code
 * Behavior<Command> account = EventSourcedBehavior.create(PersistenceId.of("account", "17"), journal,
 *         Account.EMPTY, Account::onCommand, Account::onEvent)
 *     .withSnapshots(snapshotStore, 100)
 *     .behavior();
 * }</pre>
 *
 * <p><b>Threading.</b> An {@code EventSourcedBehavior} is an immutable description, safe to share; every
 * {@code with…} returns a new one. The handlers run on the actor's thread, one call at a time, and each call
 * happens-before the next; they may read and return immutable state only and must not block. The event
 * handler must be pure: it also runs during recovery. To use the {@code ActorContext} in handlers, build the
 * behavior inside {@code Behaviors.setup(context -> …)}.
 *
 * <p><b>Waiting commands.</b> Commands that arrive while the actor recovers, or while its events are being
 * written, are stashed (up to {@link #withStashCapacity}, default {@value #DEFAULT_STASH_CAPACITY}) and
 * processed afterwards in arrival order, before any later command. When the stash is full the actor fails with
 * {@link dev.troupe.actor.StashOverflowException}: the journal cannot keep up, and senders should use ask with
 * a time-out or a bounded mailbox.
 *
 * <p><b>Sequence numbers.</b> Each event gets the next sequence number of its persistence id, from 1, without
 * gaps; the journal rejects a duplicate, so a second live actor with the same persistence id cannot overwrite
 * the first one's events: its write fails with {@link SequenceConflictException} and it stops.
 *
 * <p><b>Failures.</b> If the journal fails a write, or recovery fails, the actor fails with
 * {@link PersistenceFailureException}; without supervision it stops. Supervise it with
 * {@code SupervisorStrategy.restartWithBackoff} to recover once the store is back: a restart recovers the state
 * from the journal again. The command whose events failed is lost (its sender hears nothing: ask with a
 * time-out); commands that were waiting go back to the mailbox, so a restarted actor handles them (behind those
 * that arrived meanwhile) and a stopped one turns them into dead letters. A write the journal <em>rejects</em>
 * ({@link EventRejectedException}) fails only that command (see {@link Effect#onRejected}); the actor goes on.
 * An exception thrown by a handler is a failure of the actor like in any behavior.
 *
 * <p>Bad arguments to the factory and the {@code with…} methods throw {@link NullPointerException} or
 * {@link IllegalArgumentException} at once.
 *
 * @param <C> the type of command (the actor's message type)
 * @param <E> the type of event
 * @param <S> the type of state
 */
public final class EventSourcedBehavior<C, E, S> {
    /** The stash capacity unless {@link #withStashCapacity} says otherwise. */
    public static final int DEFAULT_STASH_CAPACITY = 1_000;
    /** How many snapshots are kept unless {@link #withSnapshotRetention} says otherwise. */
    public static final int DEFAULT_KEEP_SNAPSHOTS = 2;

    /** Decides what a command does, given the current state. May throw; that fails the actor. */
    @FunctionalInterface
    public interface CommandHandler<C, E, S> {
        Effect<? extends E, ? super S> apply(S state, C command) throws Exception;
    }

    /** Applies one persisted event to the state. Pure; must not return null. */
    @FunctionalInterface
    public interface EventHandler<S, E> {
        S apply(S state, E event);
    }

    /** Reacts to a {@link PersistenceSignal}, given the current state. May throw; that fails the actor. */
    @FunctionalInterface
    public interface SignalHandler<S> {
        void apply(S state, PersistenceSignal signal) throws Exception;
    }

    private final EventSourcedSettings<C, E, S> settings;

    private EventSourcedBehavior(EventSourcedSettings<C, E, S> settings) {
        this.settings = settings;
    }

    /**
     * An event-sourced behavior for the entity {@code id}, storing its events in {@code journal}, starting
     * from {@code emptyState} when the journal holds nothing for it. Without snapshots, no tags, no signal
     * handler.
     */
    public static <C, E, S> EventSourcedBehavior<C, E, S> create(
            PersistenceId id, Journal journal, S emptyState,
            CommandHandler<C, E, S> commandHandler, EventHandler<S, E> eventHandler) {
        return new EventSourcedBehavior<>(EventSourcedSettings.of(id, journal, emptyState, commandHandler,
                eventHandler, DEFAULT_STASH_CAPACITY, DEFAULT_KEEP_SNAPSHOTS));
    }

    /**
     * Saves a snapshot of the state in {@code store} each time the sequence number passes a multiple of
     * {@code everyEvents}, and recovers from the latest one. Saving is asynchronous and does not hold up
     * commands; a failed save is logged and costs only recovery time. Old snapshots are deleted per
     * {@link #withSnapshotRetention}.
     *
     * @throws IllegalArgumentException if {@code everyEvents} is not positive
     */
    public EventSourcedBehavior<C, E, S> withSnapshots(SnapshotStore store, int everyEvents) {
        Objects.requireNonNull(store, "store");
        if (everyEvents < 1) {
            throw new IllegalArgumentException("Snapshots are taken every n events with n >= 1, was " + everyEvents);
        }
        return new EventSourcedBehavior<>(settings.withSnapshots(store, everyEvents));
    }

    /**
     * After each saved snapshot, keeps the latest {@code keepSnapshots} (default
     * {@value #DEFAULT_KEEP_SNAPSHOTS}) and deletes older ones; with {@code deleteEvents}, also deletes the
     * events that the oldest kept snapshot covers, so the journal holds only what recovery may still need.
     *
     * @throws IllegalArgumentException if {@code keepSnapshots} is not positive
     */
    public EventSourcedBehavior<C, E, S> withSnapshotRetention(int keepSnapshots, boolean deleteEvents) {
        if (keepSnapshots < 1) {
            throw new IllegalArgumentException("At least one snapshot must be kept, was " + keepSnapshots);
        }
        return new EventSourcedBehavior<>(settings.withRetention(keepSnapshots, deleteEvents));
    }

    /**
     * Stores the tags {@code tagger.apply(event)} with each event, for queries by tag (projections). The tagger
     * runs on the actor's thread; it must not return null or blank tags (that fails the actor).
     */
    public EventSourcedBehavior<C, E, S> withTagger(Function<? super E, ? extends Set<String>> tagger) {
        return new EventSourcedBehavior<>(settings.withTagger(Objects.requireNonNull(tagger, "tagger")));
    }

    /** Calls {@code handler} with each {@link PersistenceSignal}, such as {@link RecoveryCompleted}. */
    public EventSourcedBehavior<C, E, S> withSignalHandler(SignalHandler<S> handler) {
        return new EventSourcedBehavior<>(settings.withSignalHandler(Objects.requireNonNull(handler, "handler")));
    }

    /**
     * How many commands may wait during recovery and writes (default {@value #DEFAULT_STASH_CAPACITY}).
     *
     * @throws IllegalArgumentException if {@code capacity} is not positive
     */
    public EventSourcedBehavior<C, E, S> withStashCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("Stash capacity must be positive, was " + capacity);
        }
        return new EventSourcedBehavior<>(settings.withStashCapacity(capacity));
    }

    /**
     * The behavior to spawn. Each spawned actor (and each restart of one) recovers from the journal before it
     * handles a command. Spawn at most one at a time per persistence id.
     */
    public Behavior<C> behavior() {
        return EventSourcedActor.behavior(settings);
    }
}
