package dev.troupe.observe.internal.metrics;

import dev.troupe.actor.Dropped;

/** What drops are counted by: the class name of the dropped message and the rule that dropped it. */
public record DropKey(String messageClass, Dropped.Reason reason) {}
