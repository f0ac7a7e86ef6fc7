package dev.troupe.actor;

import java.time.Duration;
import java.util.Objects;

/**
 * What to do when a supervised behavior fails, given to {@link Behaviors#supervise}. Values are immutable;
 * each {@code with...} method returns a changed copy and checks its argument at once
 * ({@link IllegalArgumentException} for an out-of-range value).
 *
 * <ul>
 *   <li>{@link #resume()}: keep the state and behavior, drop the failing message.</li>
 *   <li>{@link #restart()}: {@link PreRestart} to the failed behavior, stop its children (unless kept), then
 *       start the supervised behavior afresh (its {@code setup} runs again). The mailbox is kept: every message
 *       after the failing one is processed by the new behavior. Timers are cancelled.</li>
 *   <li>{@link #restartWithBackoff}: like restart, after a delay that grows with each consecutive failure;
 *       messages arriving meanwhile are stashed (up to a capacity) or sent to dead letters.</li>
 *   <li>{@link #stop()}: stop the actor; its parent gets {@link ChildFailed}.</li>
 *   <li>{@link #escalate()}: stop the actor and raise the failure in its parent, as if the parent's own handler
 *       had thrown it, so the parent's supervision decides.</li>
 * </ul>
 *
 * A restart strategy with a limit gives up when the limit is exceeded: the actor stops and the failure is
 * escalated. Fatal JVM errors ({@link VirtualMachineError}) are never handled by a strategy: they terminate the
 * actor system.
 */
public sealed interface SupervisorStrategy {

    /** Keep state and behavior; drop the failing message. */
    static Resume resume() {
        return Resume.INSTANCE;
    }

    /**
     * Restart without limit, stopping children. The state is reset only if the supervised behavior creates it
     * when starting, e.g. inside {@link Behaviors#setup}: an {@link AbstractBehavior} instance passed directly
     * would be reused as it is.
     */
    static Restart restart() {
        return Restart.UNLIMITED;
    }

    /**
     * Restart after a back-off of {@code minBackoff} doubling with each consecutive failure up to
     * {@code maxBackoff}, each delay stretched by a random amount up to {@code randomFactor} of itself.
     * Defaults: no restart limit, the back-off resets after {@code maxBackoff} without a failure, a stash of
     * 1,000 messages, children stopped.
     */
    static Backoff restartWithBackoff(Duration minBackoff, Duration maxBackoff, double randomFactor) {
        return new Backoff(minBackoff, maxBackoff, randomFactor, maxBackoff, -1, 1_000, true);
    }

    /** Stop the actor. */
    static Stop stop() {
        return Stop.INSTANCE;
    }

    /** Stop the actor and raise its failure in the parent. */
    static Escalate escalate() {
        return Escalate.INSTANCE;
    }

    /** See {@link SupervisorStrategy#resume()}. */
    record Resume() implements SupervisorStrategy {
        static final Resume INSTANCE = new Resume();
    }

    /** See {@link SupervisorStrategy#stop()}. */
    record Stop() implements SupervisorStrategy {
        static final Stop INSTANCE = new Stop();
    }

    /** See {@link SupervisorStrategy#escalate()}. */
    record Escalate() implements SupervisorStrategy {
        static final Escalate INSTANCE = new Escalate();
    }

    /**
     * See {@link SupervisorStrategy#restart()}.
     *
     * @param maxRestarts restarts allowed within {@code within}, or -1 for no limit
     * @param within the window the limit applies to (ignored without a limit)
     * @param stopChildren whether children are stopped on restart (else they are kept)
     */
    record Restart(int maxRestarts, Duration within, boolean stopChildren) implements SupervisorStrategy {
        static final Restart UNLIMITED = new Restart(-1, Duration.ZERO, true);

        public Restart {
            Objects.requireNonNull(within, "within");
            if (maxRestarts < -1) {
                throw new IllegalArgumentException("maxRestarts must be -1 (no limit) or more, was " + maxRestarts);
            }
            if (maxRestarts >= 0 && (within.isNegative() || within.isZero())) {
                throw new IllegalArgumentException("within must be positive with a restart limit, was " + within);
            }
        }

        /** Allow at most {@code maxRestarts} restarts within {@code within}; one more stops and escalates. */
        public Restart withLimit(int maxRestarts, Duration within) {
            if (maxRestarts < 0) {
                throw new IllegalArgumentException("maxRestarts must not be negative, was " + maxRestarts);
            }
            return new Restart(maxRestarts, within, stopChildren);
        }

        /** Keep the children across restarts instead of stopping them. */
        public Restart keepChildren() {
            return new Restart(maxRestarts, within, false);
        }
    }

    /**
     * See {@link SupervisorStrategy#restartWithBackoff}.
     *
     * @param resetBackoffAfter after the restarted actor has run this long without a failure, the back-off
     *     starts again from {@code minBackoff} and the restart count from zero
     * @param maxRestarts consecutive restarts allowed, or -1 for no limit; one more stops and escalates
     * @param stashCapacity messages kept during back-off and processed after the restart; 0 sends them all to
     *     dead letters, and so does overflow
     * @param stopChildren whether children are stopped on restart
     */
    record Backoff(Duration minBackoff, Duration maxBackoff, double randomFactor, Duration resetBackoffAfter,
                   int maxRestarts, int stashCapacity, boolean stopChildren) implements SupervisorStrategy {
        public Backoff {
            Objects.requireNonNull(minBackoff, "minBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(resetBackoffAfter, "resetBackoffAfter");
            if (minBackoff.isNegative() || minBackoff.isZero()) {
                throw new IllegalArgumentException("minBackoff must be positive, was " + minBackoff);
            }
            if (maxBackoff.compareTo(minBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is less than minBackoff "
                        + minBackoff);
            }
            if (!(randomFactor >= 0.0 && randomFactor <= 1.0)) {
                throw new IllegalArgumentException("randomFactor must be within 0.0..1.0, was " + randomFactor);
            }
            if (resetBackoffAfter.isNegative() || resetBackoffAfter.isZero()) {
                throw new IllegalArgumentException("resetBackoffAfter must be positive, was " + resetBackoffAfter);
            }
            if (maxRestarts < -1) {
                throw new IllegalArgumentException("maxRestarts must be -1 (no limit) or more, was " + maxRestarts);
            }
            if (stashCapacity < 0) {
                throw new IllegalArgumentException("stashCapacity must not be negative, was " + stashCapacity);
            }
        }

        public Backoff withResetBackoffAfter(Duration resetBackoffAfter) {
            return new Backoff(minBackoff, maxBackoff, randomFactor, resetBackoffAfter, maxRestarts, stashCapacity,
                    stopChildren);
        }

        public Backoff withMaxRestarts(int maxRestarts) {
            if (maxRestarts < 0) {
                throw new IllegalArgumentException("maxRestarts must not be negative, was " + maxRestarts);
            }
            return new Backoff(minBackoff, maxBackoff, randomFactor, resetBackoffAfter, maxRestarts, stashCapacity,
                    stopChildren);
        }

        /** Keep up to {@code capacity} messages during back-off (the rest go to dead letters). */
        public Backoff withStashCapacity(int capacity) {
            return new Backoff(minBackoff, maxBackoff, randomFactor, resetBackoffAfter, maxRestarts, capacity,
                    stopChildren);
        }

        /** Send every message that arrives during back-off to dead letters. */
        public Backoff withDeadLettersDuringBackoff() {
            return withStashCapacity(0);
        }

        public Backoff keepChildren() {
            return new Backoff(minBackoff, maxBackoff, randomFactor, resetBackoffAfter, maxRestarts, stashCapacity,
                    false);
        }

        /** The delay before restart number {@code restartCount} (0-based), before randomization. */
        public Duration delayFor(int restartCount) {
            long min = minBackoff.toNanos();
            long max = maxBackoff.toNanos();
            int shift = Math.min(restartCount, 62);
            long delay = min > (max >> shift) ? max : min << shift;
            return Duration.ofNanos(Math.min(delay, max));
        }
    }
}
