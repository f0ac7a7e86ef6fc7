package dev.troupe.actor;

/** Thrown by {@link StashBuffer#stash} when the buffer is full. */
public final class StashOverflowException extends IllegalStateException {
    public StashOverflowException(String message) {
        super(message);
    }
}
