package dev.troupe.actor;

/**
 * Lifecycle notifications delivered to a behavior's signal handler, on the actor's own thread, in between
 * messages. Handle them with an exhaustive {@code switch}.
 */
public sealed interface Signal permits PreRestart, PostStop, Terminated, ChildFailed {}
