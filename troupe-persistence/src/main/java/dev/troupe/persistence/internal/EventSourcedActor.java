package dev.troupe.persistence.internal;

import dev.troupe.actor.ActorContext;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.StashBuffer;
import dev.troupe.actor.StashOverflowException;
import dev.troupe.persistence.Effect;
import dev.troupe.persistence.EventRejectedException;
import dev.troupe.persistence.PersistenceFailureException;
import dev.troupe.persistence.PersistentEvent;
import dev.troupe.persistence.RecoveryCompleted;
import dev.troupe.persistence.SequenceConflictException;
import dev.troupe.persistence.Snapshot;
import dev.troupe.persistence.SnapshotStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Implementation overview
 *
 * One instance is one incarnation of an event-sourced actor: created in setup, so a restart makes a new one
 * with fresh state. It is built only from the public actor API. The actor's mailbox carries two kinds of
 * messages: the user's commands and the stores' answers (JournalReply), which arrive through pipeToSelf. The
 * behavior is therefore a Behavior<Object>, handed out as a Behavior<C>: generics are erased, the ref the user
 * holds only accepts C, and this class tells the two kinds apart with instanceof. A reply carries the
 * incarnation that asked; one from an earlier incarnation (its write completed after a restart) is dropped.
 *
 * Three behaviors, one per phase:
 *   recovering  load the latest snapshot (if snapshots are on), then read events after it page by page, folding
 *               each through the event handler; commands are stashed. Then RecoveryCompleted, unstash.
 *   running     a command goes to the command handler. An effect without events acts at once; one with events
 *               computes the new state first (a throwing event handler fails the actor before anything is
 *               written), writes the batch and switches to persisting.
 *   persisting  commands are stashed until the write's answer. Success: adopt the new state and sequence number,
 *               run the effect's actions, maybe snapshot, unstash. Rejection: keep the old state, run the
 *               rejection actions, unstash. Conflict or failure: fail the actor.
 * Unstashing hands the stashed commands to running, which may switch to persisting again; StashBuffer then
 * re-stashes the rest in order, so commands are handled in arrival order across any number of writes.
 * When the incarnation ends (a failure, a stop), the stashed commands are told to self again: a restart keeps
 * the mailbox, so the next incarnation handles them (behind commands that arrived meanwhile); a stopped
 * actor's mailbox goes to dead letters. Either way none is lost silently.
 *
 * Snapshots are saved off the actor's thread and do not hold commands up; retention runs when a save has
 * succeeded. A snapshot is due each time the sequence number crosses a multiple of N, so the snapshot for
 * crossing j has a sequence number in [jN, (j+1)N). Keeping K means deleting those below (m-K+1)N after crossing
 * m; the events below that bound are covered by every kept snapshot, so deleting them loses nothing.
 */
/** One incarnation of an event-sourced actor. Used only on the actor's thread, except the snapshot callbacks. */
public final class EventSourcedActor<C, E, S> {
    /** Events read per round trip during recovery: bounds memory, not the number of events. */
    static final int REPLAY_PAGE = 1_000;
    private static final Logger log = LoggerFactory.getLogger(EventSourcedActor.class);

    private final EventSourcedSettings<C, E, S> settings;
    private final ActorContext<Object> context;
    private final StashBuffer<Object> stash;
    private final Behavior<Object> recovering;
    private final Behavior<Object> running;
    private final Behavior<Object> persisting;
    private S state;
    private long sequenceNr;
    private boolean replayedAny;
    private PendingWrite<E, S> pending;

    private record PendingWrite<E, S>(EffectImpl<? extends E, ? super S> effect, S newState, long lastSequenceNr) {}

    private EventSourcedActor(EventSourcedSettings<C, E, S> settings, ActorContext<Object> context,
                              StashBuffer<Object> stash) {
        this.settings = settings;
        this.context = context;
        this.stash = stash;
        this.state = settings.emptyState();
        this.recovering = Behaviors.receive((ctx, message) -> handBackStashOnFailure(this::onRecovering, message));
        this.running = Behaviors.receive((ctx, message) -> handBackStashOnFailure(this::onRunning, message));
        this.persisting = Behaviors.receive((ctx, message) -> handBackStashOnFailure(this::onPersisting, message));
    }

    @FunctionalInterface
    private interface Handler {
        Behavior<Object> apply(Object message) throws Exception;
    }

    /**
     * A failure ends this incarnation and with it the stash; the commands in it go back to the mailbox, which a
     * restart keeps, so that they are not lost (only the failing message is, as for any actor).
     */
    private Behavior<Object> handBackStashOnFailure(Handler handler, Object message) throws Exception {
        try {
            return handler.apply(message);
        } catch (Throwable failure) {
            handBackStash();
            throw failure;
        }
    }

    private void handBackStash() {
        stash.forEach(context.self()::tell);
        stash.clear();
    }

    /** The behavior for {@code settings}; see the overview for why the cast is safe. */
    @SuppressWarnings("unchecked")
    public static <C, E, S> Behavior<C> behavior(EventSourcedSettings<C, E, S> settings) {
        Behavior<Object> behavior = Behaviors.withStash(settings.stashCapacity(),
                stash -> Behaviors.setup(context -> new EventSourcedActor<>(settings, context, stash).start()));
        return (Behavior<C>) (Behavior<?>) behavior;
    }

    private Behavior<Object> start() {
        if (settings.snapshotStore().isPresent()) {
            context.pipeToSelf(settings.snapshotStore().get().loadLatest(settings.id()),
                    (snapshot, failure) -> new JournalReply.SnapshotLoaded(this,
                            snapshot == null ? null : snapshot.orElse(null), failure));
        } else {
            readEventsFrom(1);
        }
        return recovering;
    }

    private void readEventsFrom(long from) {
        context.pipeToSelf(settings.journal().read(settings.id(), from, REPLAY_PAGE),
                (events, failure) -> new JournalReply.EventsRead(this, events, failure));
    }

    private Behavior<Object> onRecovering(Object message) throws Exception {
        if (!(message instanceof JournalReply reply)) {
            stashCommand(message, "recovers");
            return Behaviors.same();
        }
        if (reply.incarnation() != this) {
            return Behaviors.same();
        }
        switch (reply) {
            case JournalReply.SnapshotLoaded(var ignored, Snapshot snapshot, Throwable failure) -> {
                if (failure != null) {
                    throw new PersistenceFailureException("Recovery of " + settings.id() + " failed: its latest "
                            + "snapshot could not be loaded", failure);
                }
                if (snapshot != null) {
                    state = castState(snapshot.state());
                    sequenceNr = snapshot.sequenceNr();
                }
                readEventsFrom(sequenceNr + 1);
                return Behaviors.same();
            }
            case JournalReply.EventsRead(var ignored, List<PersistentEvent> events, Throwable failure) -> {
                if (failure != null) {
                    throw new PersistenceFailureException("Recovery of " + settings.id() + " failed reading events "
                            + "from " + (sequenceNr + 1), failure);
                }
                for (PersistentEvent event : events) {
                    replay(event);
                }
                if (events.size() >= REPLAY_PAGE) { // more than a page when upcasting split events
                    readEventsFrom(sequenceNr + 1);
                    return Behaviors.same();
                }
                settings.signalHandler().apply(state, new RecoveryCompleted(sequenceNr));
                return stash.unstashAll(running);
            }
            case JournalReply.EventsWritten written -> throw new IllegalStateException(
                    "A write completed during recovery of " + settings.id() + ": " + written);
        }
    }

    private void replay(PersistentEvent event) {
        boolean partOfASplit = replayedAny && event.sequenceNr() == sequenceNr; // see Serializer#deserializeEvents
        if (event.sequenceNr() != sequenceNr + 1 && !partOfASplit) {
            throw new PersistenceFailureException("Recovery of " + settings.id() + " found event "
                    + event.sequenceNr() + " after " + sequenceNr + ": the log has a gap (were events deleted that "
                    + "no snapshot covers?)", null);
        }
        @SuppressWarnings("unchecked")
        E payload = (E) event.event();
        state = applyEvent(state, payload, event.sequenceNr());
        sequenceNr = event.sequenceNr();
        replayedAny = true;
    }

    private Behavior<Object> onRunning(Object message) throws Exception {
        if (message instanceof JournalReply) {
            return Behaviors.same(); // from an earlier incarnation
        }
        @SuppressWarnings("unchecked")
        C command = (C) message;
        Effect<? extends E, ? super S> effect = settings.commandHandler().apply(state, command);
        if (effect == null) {
            throw new NullPointerException("The command handler of " + settings.id() + " returned null for "
                    + command.getClass().getName() + "; return Effect.none() to do nothing");
        }
        return perform((EffectImpl<? extends E, ? super S>) effect);
    }

    private Behavior<Object> perform(EffectImpl<? extends E, ? super S> effect) {
        if (effect.events().isEmpty()) {
            runActions(effect.actions(), state);
            if (effect.stop()) {
                return stop();
            }
            return effect.unhandled() ? Behaviors.unhandled() : Behaviors.same();
        }
        S newState = state;
        long nr = sequenceNr;
        List<PersistentEvent> batch = new ArrayList<>(effect.events().size());
        for (E event : effect.events()) {
            nr++;
            newState = applyEvent(newState, event, nr);
            batch.add(new PersistentEvent(settings.id(), nr, event, tagsOf(event)));
        }
        pending = new PendingWrite<>(effect, newState, nr);
        context.pipeToSelf(settings.journal().write(batch),
                (ignored, failure) -> new JournalReply.EventsWritten(this, failure));
        return persisting;
    }

    private Behavior<Object> onPersisting(Object message) {
        if (!(message instanceof JournalReply reply)) {
            stashCommand(message, "persists events");
            return Behaviors.same();
        }
        if (reply.incarnation() != this) {
            return Behaviors.same();
        }
        if (!(reply instanceof JournalReply.EventsWritten(var ignored, Throwable failure))) {
            throw new IllegalStateException("Unexpected " + reply + " while " + settings.id() + " persists");
        }
        PendingWrite<E, S> written = pending;
        pending = null;
        long first = sequenceNr + 1;
        switch (failure) {
            case null -> {
                long before = sequenceNr;
                state = written.newState();
                sequenceNr = written.lastSequenceNr();
                runActions(written.effect().actions(), state);
                maybeSnapshot(before);
                if (written.effect().stop()) {
                    return stop();
                }
            }
            case EventRejectedException rejected -> {
                if (written.effect().rejectionActions().isEmpty()) {
                    context.log().warn("The journal rejected events {}..{} of {}; the command is dropped, the "
                            + "state unchanged", first, written.lastSequenceNr(), settings.id(), rejected);
                }
                for (Consumer<? super EventRejectedException> action : written.effect().rejectionActions()) {
                    action.accept(rejected);
                }
            }
            case SequenceConflictException conflict -> throw new PersistenceFailureException("Events " + first
                    + ".." + written.lastSequenceNr() + " of " + settings.id() + " conflict with events another "
                    + "writer persisted (a second live actor with this persistence id, or a write of this actor's "
                    + "previous incarnation that completed late); this one fails, as its state is stale", conflict);
            default -> throw new PersistenceFailureException("Persisting events " + first + ".."
                    + written.lastSequenceNr() + " of " + settings.id() + " failed (they may or may not be "
                    + "stored); supervise with restartWithBackoff to recover from the journal", failure);
        }
        return stash.unstashAll(running);
    }

    private void stashCommand(Object command, String phase) {
        if (stash.isFull()) {
            throw new StashOverflowException(settings.id() + " received more than " + stash.capacity()
                    + " commands while it " + phase + " (the journal is not keeping up); could not stash "
                    + command.getClass().getName() + ". Raise EventSourcedBehavior.withStashCapacity or slow "
                    + "the senders down (ask with a time-out, a bounded mailbox)");
        }
        stash.stash(command);
    }

    /** Hands the commands that were still waiting to dead letters, by way of the mailbox the actor leaves. */
    private Behavior<Object> stop() {
        handBackStash();
        return Behaviors.stopped();
    }

    private S applyEvent(S current, E event, long nr) {
        S next = settings.eventHandler().apply(current, event);
        if (next == null) {
            throw new NullPointerException("The event handler of " + settings.id() + " returned null for event "
                    + nr + " (" + event.getClass().getName() + ")");
        }
        return next;
    }

    private Set<String> tagsOf(E event) {
        Set<String> tags = settings.tagger().apply(event);
        if (tags == null) {
            throw new NullPointerException("The tagger of " + settings.id() + " returned null for "
                    + event.getClass().getName() + "; return Set.of() for no tags");
        }
        return Set.copyOf(tags);
    }

    private void runActions(List<? extends Consumer<? super S>> actions, S current) {
        for (Consumer<? super S> action : actions) {
            action.accept(current);
        }
    }

    private void maybeSnapshot(long before) {
        if (settings.snapshotStore().isEmpty()) {
            return;
        }
        long every = settings.snapshotEvery();
        long crossing = sequenceNr / every;
        if (crossing == before / every) {
            return;
        }
        SnapshotStore store = settings.snapshotStore().get();
        long snapshotNr = sequenceNr;
        long deleteBelow = (crossing - settings.keepSnapshots() + 1) * every;
        store.save(new Snapshot(settings.id(), snapshotNr, state)).whenComplete((ok, failure) -> {
            if (failure != null) {
                log.warn("Saving the snapshot at {} of {} failed; recovery replays more events", snapshotNr,
                        settings.id(), failure);
            } else if (deleteBelow > 1) {
                deleteBelow(store, deleteBelow - 1);
            }
        });
    }

    private void deleteBelow(SnapshotStore store, long upTo) {
        store.deleteUpTo(settings.id(), upTo).whenComplete((ok, failure) -> {
            if (failure != null) {
                log.warn("Deleting snapshots up to {} of {} failed", upTo, settings.id(), failure);
            }
        });
        if (settings.deleteEvents()) {
            settings.journal().deleteUpTo(settings.id(), upTo).whenComplete((ok, failure) -> {
                if (failure != null) {
                    log.warn("Deleting events up to {} of {} failed", upTo, settings.id(), failure);
                }
            });
        }
    }

    @SuppressWarnings("unchecked")
    private S castState(Object snapshotState) {
        return (S) snapshotState;
    }
}
