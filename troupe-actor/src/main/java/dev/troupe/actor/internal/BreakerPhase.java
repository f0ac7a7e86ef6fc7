package dev.troupe.actor.internal;

/**
 * One phase of a {@link dev.troupe.actor.CircuitBreaker}: an immutable value swapped by compare-and-set.
 * Every transition to another state makes a phase with the next {@code epoch}; a call remembers the epoch
 * it was admitted under, so its outcome can only act on that same phase, never on a later one.
 */
public sealed interface BreakerPhase {

    /** Increases by one at every transition; counting failures in CLOSED keeps it. */
    long epoch();

    /** Calls go through; {@code failures} consecutive ones have failed so far. */
    record Closed(long epoch, int failures) implements BreakerPhase {}

    /**
     * Calls fail fast until {@code halfOpenAtNanos} (scheduler time). {@code nominalResetNanos} is the reset
     * time-out before jitter, the base for the next back-off step; {@code resetNanos} the one in effect.
     */
    record Open(long epoch, int failures, long halfOpenAtNanos, long resetNanos, long nominalResetNanos)
            implements BreakerPhase {}

    /** One trial call may go through; {@code trialAdmitted} once it has. */
    record HalfOpen(long epoch, long nominalResetNanos, boolean trialAdmitted) implements BreakerPhase {}
}
