package dev.troupe.actor;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link CircuitBreaker} counts and waits. Immutable and safe to share; start from
 * {@link #of(int, Duration, Duration)} and adjust with the {@code with…} methods:
 *
 * <pre>{@code
 * CircuitBreakerSettings.of(5, Duration.ofSeconds(2), Duration.ofSeconds(10))
 *         .withExponentialBackoff(2.0, Duration.ofMinutes(5))
 *         .withRandomFactor(0.2);
 * }</pre>
 *
 * <p><b>Bad input.</b> A null duration throws {@link NullPointerException}; a value out of range throws
 * {@link IllegalArgumentException} naming the setting, its bounds and the value given.
 *
 * @param maxFailures consecutive failures (failed calls, time-outs) that open a closed breaker; at least 1
 * @param callTimeout how long a call may take before it fails with a time-out and counts as a failure; positive
 * @param resetTimeout how long the breaker stays open the first time, before it lets a trial call through;
 *     positive
 * @param backoffFactor by how much the open time grows each time a trial call fails; 1.0 (the default) keeps
 *     it constant; at least 1.0
 * @param maxResetTimeout the longest the open time grows to; at least {@code resetTimeout}; by default 36,500
 *     days, that is no cap
 * @param randomFactor jitter: each open time is lengthened by a random amount up to this fraction of it, so
 *     that breakers opened together do not all retry at the same instant; 0 (the default) to 1
 */
public record CircuitBreakerSettings(int maxFailures, Duration callTimeout, Duration resetTimeout,
                                     double backoffFactor, Duration maxResetTimeout, double randomFactor) {

    private static final Duration NO_CAP = Duration.ofDays(36_500);

    public CircuitBreakerSettings {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, was " + maxFailures);
        }
        positive(callTimeout, "callTimeout");
        positive(resetTimeout, "resetTimeout");
        positive(maxResetTimeout, "maxResetTimeout");
        if (!(backoffFactor >= 1.0) || Double.isInfinite(backoffFactor)) {
            throw new IllegalArgumentException("backoffFactor must be a finite number of at least 1.0, was "
                    + backoffFactor);
        }
        if (maxResetTimeout.compareTo(resetTimeout) < 0) {
            throw new IllegalArgumentException("maxResetTimeout must be at least resetTimeout (" + resetTimeout
                    + "), was " + maxResetTimeout);
        }
        if (!(randomFactor >= 0.0 && randomFactor <= 1.0)) {
            throw new IllegalArgumentException("randomFactor must be between 0.0 and 1.0, was " + randomFactor);
        }
    }

    /** Constant reset time-out ({@code backoffFactor} 1.0), no jitter. */
    public static CircuitBreakerSettings of(int maxFailures, Duration callTimeout, Duration resetTimeout) {
        return new CircuitBreakerSettings(maxFailures, callTimeout, resetTimeout, 1.0, NO_CAP, 0.0);
    }

    public CircuitBreakerSettings withMaxFailures(int maxFailures) {
        return new CircuitBreakerSettings(maxFailures, callTimeout, resetTimeout, backoffFactor, maxResetTimeout,
                randomFactor);
    }

    public CircuitBreakerSettings withCallTimeout(Duration callTimeout) {
        return new CircuitBreakerSettings(maxFailures, callTimeout, resetTimeout, backoffFactor, maxResetTimeout,
                randomFactor);
    }

    public CircuitBreakerSettings withResetTimeout(Duration resetTimeout) {
        return new CircuitBreakerSettings(maxFailures, callTimeout, resetTimeout, backoffFactor, maxResetTimeout,
                randomFactor);
    }

    /**
     * Multiplies the open time by {@code factor} each time a trial call fails, up to {@code maxResetTimeout};
     * a successful trial brings it back to {@link #resetTimeout()}.
     */
    public CircuitBreakerSettings withExponentialBackoff(double factor, Duration maxResetTimeout) {
        return new CircuitBreakerSettings(maxFailures, callTimeout, resetTimeout, factor, maxResetTimeout,
                randomFactor);
    }

    public CircuitBreakerSettings withRandomFactor(double randomFactor) {
        return new CircuitBreakerSettings(maxFailures, callTimeout, resetTimeout, backoffFactor, maxResetTimeout,
                randomFactor);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        if (d.compareTo(NO_CAP) > 0) {
            throw new IllegalArgumentException(name + " must be at most " + NO_CAP.toDays() + " days, was " + d);
        }
    }
}
