package dev.troupe.persistence;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where event-sourced actors keep snapshots of their state. A service provider interface like
 * {@link Journal}, with the same threading rules: any thread, never blocking, stages complete on the store's
 * threads.
 *
 * <p><b>Failures.</b> A stage that completes exceptionally means the operation may or may not have taken
 * effect; snapshots are an optimisation, so a lost one costs recovery time, never events. Bad arguments throw
 * {@link NullPointerException} or {@link IllegalArgumentException} at the call.
 */
public interface SnapshotStore {

    /** A new, empty store held in memory, for tests. */
    static SnapshotStore inMemory() {
        return new dev.troupe.persistence.internal.InMemorySnapshotStore();
    }

    /** Saves {@code snapshot}, replacing one of the same persistence id and sequence number. */
    CompletionStage<Void> save(Snapshot snapshot);

    /** The snapshot of {@code id} with the highest sequence number, if any. */
    CompletionStage<Optional<Snapshot>> loadLatest(PersistenceId id);

    /**
     * Deletes the snapshots of {@code id} with sequence numbers up to and including {@code toSequenceNr}.
     *
     * @throws IllegalArgumentException if {@code toSequenceNr} is negative
     */
    CompletionStage<Void> deleteUpTo(PersistenceId id, long toSequenceNr);
}
