/**
 * The instrumentation hook of the runtime: what a metrics, tracing or logging integration plugs into
 * ({@code troupe-observe} is one). Nothing here runs unless an {@link dev.troupe.actor.instrument.Instrumentation}
 * is set in {@link dev.troupe.actor.ActorSystemSettings.Builder#instrumentation}: without one, a message costs
 * one bit test of a word the mailbox reads anyway, and an actor costs no extra memory.
 */
package dev.troupe.actor.instrument;
