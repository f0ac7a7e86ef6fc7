package dev.troupe.actor;

/**
 * What happens when a behavior returns {@link Behaviors#unhandled()} for a message; set system-wide with
 * {@link ActorSystemSettings.Builder#unhandledMessagePolicy}. Unhandled signals are not affected (an
 * unhandled {@link Terminated} is always a death pact).
 */
public enum UnhandledMessagePolicy {
    /**
     * The default. The actor fails with an {@link UnhandledMessageException}, which its supervision handles
     * (without supervision it stops). A message nobody handles is a bug, and Erlang/OTP treats it as one: it is
     * better seen at once than lost quietly.
     */
    FAIL,
    /** An {@link UnhandledMessage} is published on the event stream (and logged at DEBUG); the actor goes on. */
    LOG_AND_PUBLISH,
    /** The message is published as a {@link DeadLetter} (counted and logged like one); the actor goes on. */
    DEAD_LETTER
}
