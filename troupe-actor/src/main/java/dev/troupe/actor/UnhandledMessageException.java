package dev.troupe.actor;

/**
 * The failure of an actor whose behavior returned {@link Behaviors#unhandled()} for a message while the
 * system's {@link UnhandledMessagePolicy} is {@link UnhandledMessagePolicy#FAIL FAIL}. Supervision handles it
 * like any other failure.
 */
public final class UnhandledMessageException extends RuntimeException {
    private final transient Object unhandledMessage;

    public UnhandledMessageException(Object unhandledMessage, ActorPath actor) {
        super("Message of type " + unhandledMessage.getClass().getName() + " was not handled by " + actor);
        this.unhandledMessage = unhandledMessage;
    }

    /** The message that was not handled. */
    public Object unhandledMessage() {
        return unhandledMessage;
    }
}
