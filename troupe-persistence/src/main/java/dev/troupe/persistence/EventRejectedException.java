package dev.troupe.persistence;

/**
 * A journal did not store a batch of events because of what is in it (for example an event that cannot be
 * serialized). Nothing of the batch was stored, and the journal goes on working. An
 * {@link EventSourcedBehavior} reports it to the command's {@link Effect#onRejected} callback (or logs it) and
 * keeps running with its state unchanged.
 */
public final class EventRejectedException extends RuntimeException {
    public EventRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
