package dev.troupe.actor;

/**
 * Thrown at the call site when an actor or system name is malformed, reserved, or already taken by a
 * sibling (including a sibling that is still stopping).
 */
public final class InvalidActorNameException extends IllegalArgumentException {
    public InvalidActorNameException(String message) {
        super(message);
    }
}
