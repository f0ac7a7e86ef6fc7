package dev.troupe.actor;

/**
 * Delivered once to the behavior of an actor that stopped, after all its children have stopped and before its
 * watchers are told. The behavior current at the time of stopping receives it, also when it returned
 * {@link Behaviors#stopped()}.
 */
public record PostStop() implements Signal {
    /** The one instance; {@code new PostStop()} is equal to it. */
    public static final PostStop INSTANCE = new PostStop();
}
