package dev.troupe.observe.internal.tracing;

import dev.troupe.actor.ActorPath;
import io.opentelemetry.context.Context;

/**
 * What a traced message carries from its {@code tell} to its processing: the sender's OpenTelemetry context
 * (its current span and baggage) and the sending actor. Both have a plain text form for a message that leaves
 * the process: the context through the propagator API ({@code TextMapPropagator.inject}, a W3C
 * {@code traceparent} and {@code baggage} header), the path through its {@code toString}. Immutable.
 *
 * @param sender the sending actor, or null when sent from outside any actor
 */
record CarriedTrace(Context context, ActorPath sender) {}
