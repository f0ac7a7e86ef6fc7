package dev.troupe.persistence;

/**
 * A store could not be opened or closed, or: an event-sourced actor fails with this when its journal or snapshot store failed during recovery, when a
 * write failed (its outcome is unknown) or when a write conflicted with another writer
 * ({@link SequenceConflictException} as the cause). Without supervision the actor stops; supervise it with
 * {@code SupervisorStrategy.restartWithBackoff} to recover from the journal once it is back.
 */
public final class PersistenceFailureException extends RuntimeException {
    public PersistenceFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
