package dev.troupe.persistence;

import java.util.Objects;

/**
 * The state of an entity after the event at {@code sequenceNr}, saved so that recovery need not replay the
 * events up to it. Immutable; the state itself should be immutable too.
 *
 * @param persistenceId the entity
 * @param sequenceNr the sequence number of the last event the state includes, from 1
 * @param state the state, never null
 */
public record Snapshot(PersistenceId persistenceId, long sequenceNr, Object state) {
    /** @throws IllegalArgumentException if {@code sequenceNr} is not positive */
    public Snapshot {
        Objects.requireNonNull(persistenceId, "persistenceId");
        Objects.requireNonNull(state, "state");
        if (sequenceNr < 1) {
            throw new IllegalArgumentException("A snapshot follows an event, so its sequence number is at least 1, "
                    + "was " + sequenceNr + " for " + persistenceId);
        }
    }
}
