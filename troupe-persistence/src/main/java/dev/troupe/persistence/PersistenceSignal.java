package dev.troupe.persistence;

/**
 * Notifications to the optional signal handler of an {@link EventSourcedBehavior}
 * ({@link EventSourcedBehavior#withSignalHandler}), delivered on the actor's thread. Handle them with an
 * exhaustive {@code switch}.
 */
public sealed interface PersistenceSignal permits RecoveryCompleted {}
