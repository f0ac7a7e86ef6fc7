package dev.troupe.persistence.internal;

import dev.troupe.persistence.EventSourcedBehavior.CommandHandler;
import dev.troupe.persistence.EventSourcedBehavior.EventHandler;
import dev.troupe.persistence.EventSourcedBehavior.SignalHandler;
import dev.troupe.persistence.Journal;
import dev.troupe.persistence.PersistenceId;
import dev.troupe.persistence.SnapshotStore;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Everything an {@code EventSourcedBehavior} was configured with; immutable. */
public record EventSourcedSettings<C, E, S>(
        PersistenceId id, Journal journal, S emptyState,
        CommandHandler<C, E, S> commandHandler, EventHandler<S, E> eventHandler,
        Function<? super E, ? extends Set<String>> tagger, SignalHandler<S> signalHandler, int stashCapacity,
        Optional<SnapshotStore> snapshotStore, int snapshotEvery, int keepSnapshots, boolean deleteEvents) {

    public static <C, E, S> EventSourcedSettings<C, E, S> of(
            PersistenceId id, Journal journal, S emptyState,
            CommandHandler<C, E, S> commandHandler, EventHandler<S, E> eventHandler,
            int stashCapacity, int keepSnapshots) {
        return new EventSourcedSettings<>(Objects.requireNonNull(id, "id"),
                Objects.requireNonNull(journal, "journal"), Objects.requireNonNull(emptyState, "emptyState"),
                Objects.requireNonNull(commandHandler, "commandHandler"),
                Objects.requireNonNull(eventHandler, "eventHandler"),
                event -> Set.of(), (state, signal) -> {}, stashCapacity, Optional.empty(), 0, keepSnapshots, false);
    }

    public EventSourcedSettings<C, E, S> withSnapshots(SnapshotStore store, int every) {
        return new EventSourcedSettings<>(id, journal, emptyState, commandHandler, eventHandler, tagger,
                signalHandler, stashCapacity, Optional.of(store), every, keepSnapshots, deleteEvents);
    }

    public EventSourcedSettings<C, E, S> withRetention(int keep, boolean deleteCoveredEvents) {
        return new EventSourcedSettings<>(id, journal, emptyState, commandHandler, eventHandler, tagger,
                signalHandler, stashCapacity, snapshotStore, snapshotEvery, keep, deleteCoveredEvents);
    }

    public EventSourcedSettings<C, E, S> withTagger(Function<? super E, ? extends Set<String>> newTagger) {
        return new EventSourcedSettings<>(id, journal, emptyState, commandHandler, eventHandler, newTagger,
                signalHandler, stashCapacity, snapshotStore, snapshotEvery, keepSnapshots, deleteEvents);
    }

    public EventSourcedSettings<C, E, S> withSignalHandler(SignalHandler<S> handler) {
        return new EventSourcedSettings<>(id, journal, emptyState, commandHandler, eventHandler, tagger,
                handler, stashCapacity, snapshotStore, snapshotEvery, keepSnapshots, deleteEvents);
    }

    public EventSourcedSettings<C, E, S> withStashCapacity(int capacity) {
        return new EventSourcedSettings<>(id, journal, emptyState, commandHandler, eventHandler, tagger,
                signalHandler, capacity, snapshotStore, snapshotEvery, keepSnapshots, deleteEvents);
    }
}
