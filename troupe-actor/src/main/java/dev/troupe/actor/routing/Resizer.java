package dev.troupe.actor.routing;

import dev.troupe.actor.Scheduler;
import java.time.Duration;
import java.util.Objects;

/**
 * Lets a pool router grow and shrink between {@code lowerBound} and {@code upperBound} routees by mailbox
 * pressure. Every {@code checkInterval} (on the system's {@link Scheduler}, so a manual scheduler drives it in
 * tests) the router looks at its routees:
 *
 * <ul>
 *   <li><b>grow</b> by one routee if every routee has at least {@code pressureThreshold} messages waiting and
 *       the pool is below {@code upperBound};</li>
 *   <li><b>shrink</b> by one routee if no routee has any message waiting, the router routed no message since
 *       the previous check, and the pool is above {@code lowerBound}. The routee removed is one with an empty
 *       mailbox; it stops after the message it may be processing.</li>
 * </ul>
 *
 * Routees whose queue depth cannot be read count as under pressure for growing and as idle for shrinking. A
 * routee that stops (and is not replaced) still shrinks the pool below {@code lowerBound}; the resizer then
 * grows it back only under pressure. Immutable.
 *
 * @param lowerBound the fewest routees kept by shrinking; at least 1
 * @param upperBound the most routees growing makes; at least {@code lowerBound}
 * @param pressureThreshold waiting messages that make a routee count as under pressure; at least 1
 * @param checkInterval time between checks; positive
 */
public record Resizer(int lowerBound, int upperBound, int pressureThreshold, Duration checkInterval) {

    /** Validates the bounds; see the record description. */
    public Resizer {
        if (lowerBound < 1) {
            throw new IllegalArgumentException("lowerBound must be at least 1, was " + lowerBound);
        }
        if (upperBound < lowerBound) {
            throw new IllegalArgumentException("upperBound " + upperBound + " is less than lowerBound " + lowerBound);
        }
        if (pressureThreshold < 1) {
            throw new IllegalArgumentException("pressureThreshold must be at least 1, was " + pressureThreshold);
        }
        Objects.requireNonNull(checkInterval, "checkInterval");
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("checkInterval must be positive, was " + checkInterval);
        }
    }

    /** Between {@code lowerBound} and {@code upperBound}, a pressure threshold of 1 and a check every second. */
    public static Resizer between(int lowerBound, int upperBound) {
        return new Resizer(lowerBound, upperBound, 1, Duration.ofSeconds(1));
    }

    /** A copy with {@code threshold} waiting messages counting as pressure. */
    public Resizer withPressureThreshold(int threshold) {
        return new Resizer(lowerBound, upperBound, threshold, checkInterval);
    }

    /** A copy that checks every {@code interval}. */
    public Resizer withCheckInterval(Duration interval) {
        return new Resizer(lowerBound, upperBound, pressureThreshold, interval);
    }
}
