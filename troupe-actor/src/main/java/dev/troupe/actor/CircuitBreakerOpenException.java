package dev.troupe.actor;

import java.time.Duration;
import java.util.Objects;

/**
 * The failure of a call that a {@link CircuitBreaker} refused without running it: the breaker was open, or
 * half-open with its one trial call already under way. It carries no stack trace: it is expected, frequent
 * while the breaker is open, and cheap to create.
 */
public final class CircuitBreakerOpenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Duration remaining;

    /**
     * @param remaining how long until the breaker lets a trial call through; zero while it is half-open
     * @throws IllegalArgumentException if {@code remaining} is negative
     */
    public CircuitBreakerOpenException(Duration remaining) {
        super(message(remaining), null, false, false);
        this.remaining = remaining;
    }

    /** How long until the breaker lets a trial call through; zero if it is half-open already. */
    public Duration remaining() {
        return remaining;
    }

    private static String message(Duration remaining) {
        Objects.requireNonNull(remaining, "remaining");
        if (remaining.isNegative()) {
            throw new IllegalArgumentException("remaining must be zero or positive, was " + remaining);
        }
        return remaining.isZero()
                ? "Circuit breaker is half-open and its trial call is under way; the call was not made"
                : "Circuit breaker is open; the call was not made. It lets a trial call through in " + remaining;
    }
}
