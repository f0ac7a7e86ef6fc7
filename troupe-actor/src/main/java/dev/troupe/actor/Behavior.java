package dev.troupe.actor;

import dev.troupe.actor.internal.BehaviorImpl;

/**
 * What an actor does with its next message. A behavior is a value: build it with {@link Behaviors} or by
 * extending {@link AbstractBehavior}, and change it (become) by returning a new one from a handler. The
 * behavior an actor was spawned with is also the one a restart returns to.
 *
 * <p>Behaviors built with {@link Behaviors} are immutable and may be shared by many actors; an
 * {@link AbstractBehavior} holds the state of exactly one actor.
 *
 * @param <T> the type of message handled
 */
public sealed interface Behavior<T> permits AbstractBehavior, BehaviorImpl {}
