package dev.troupe.persistence;

/**
 * A journal did not store a batch of events because its first sequence number was already taken: another
 * writer persisted under the same persistence id. Nothing of the batch was stored. An
 * {@link EventSourcedBehavior} that meets it fails with {@link PersistenceFailureException}, because its
 * state no longer reflects the log.
 */
public final class SequenceConflictException extends RuntimeException {
    public SequenceConflictException(String message) {
        super(message);
    }
}
