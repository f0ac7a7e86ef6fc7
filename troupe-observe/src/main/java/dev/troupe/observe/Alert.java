package dev.troupe.observe;

import dev.troupe.actor.ActorPath;
import java.util.Objects;

/**
 * A threshold of {@link ActorMetricsSettings} crossed, or a crossing ended ({@link Cleared}). Published on the
 * bound system's {@link dev.troupe.actor.EventStream} (subscribe to {@code Alert.class}, or listen to it) and
 * logged by {@link ActorMetrics}: a breach once at WARN when it starts, however long it lasts, and its
 * {@link Cleared} once at INFO when it ends. Immutable.
 *
 * <p>A breach is identified by its kind and {@link #subject()}: while one is active, the same kind for the same
 * subject is not raised again.
 */
public sealed interface Alert {

    /** What the alert is about: an actor's path (without uid) for per-actor alerts, else the actor type. */
    String subject();

    /** The actor type concerned. */
    String actorType();

    /** When it was raised, in milliseconds since the epoch (wall clock). */
    long atEpochMillis();

    /** A line for a log or a page, with the value seen and the threshold. */
    String message();

    /** More than {@code threshold} messages waited in one actor's mailbox. */
    record MailboxDepth(ActorPath actor, String actorType, int depth, int threshold, long atEpochMillis)
            implements Alert {
        public MailboxDepth {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(actorType, "actorType");
        }

        @Override
        public String subject() {
            return actor.toString();
        }

        @Override
        public String message() {
            return "Mailbox of " + actor + " (" + actorType + ") holds " + depth + " messages, above the threshold "
                    + threshold;
        }
    }

    /** The 95th percentile of one actor type's processing time over a check interval exceeded the threshold. */
    record ProcessingTime(String actorType, long p95Nanos, long thresholdNanos, long atEpochMillis)
            implements Alert {
        public ProcessingTime {
            Objects.requireNonNull(actorType, "actorType");
        }

        @Override
        public String subject() {
            return actorType;
        }

        @Override
        public String message() {
            return "Processing time P95 of " + actorType + " is " + p95Nanos / 1_000_000.0 + " ms, above the threshold "
                    + thresholdNanos / 1_000_000.0 + " ms";
        }
    }

    /**
     * Actors of one type restarted more than {@code threshold} times within the last minute.
     *
     * @param lastCause the class name of the failure behind the latest restart
     */
    record RestartRate(String actorType, int restartsLastMinute, int threshold, String lastCause, long atEpochMillis)
            implements Alert {
        public RestartRate {
            Objects.requireNonNull(actorType, "actorType");
            Objects.requireNonNull(lastCause, "lastCause");
        }

        @Override
        public String subject() {
            return actorType;
        }

        @Override
        public String message() {
            return "Actors of " + actorType + " restarted " + restartsLastMinute + " times in the last minute, above the "
                    + "threshold " + threshold + "; last cause " + lastCause;
        }
    }

    /** One actor's estimated memory ({@link dev.troupe.actor.instrument.InstrumentedActor#estimatedMemoryBytes()}) exceeded the threshold. */
    record ActorMemory(ActorPath actor, String actorType, long estimatedBytes, long thresholdBytes, long atEpochMillis)
            implements Alert {
        public ActorMemory {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(actorType, "actorType");
        }

        @Override
        public String subject() {
            return actor.toString();
        }

        @Override
        public String message() {
            return "Actor " + actor + " (" + actorType + ") is estimated at " + estimatedBytes
                    + " bytes, above the threshold " + thresholdBytes;
        }
    }

    /**
     * The condition of {@code breach} ended (or its actor stopped, or its type has no actors left).
     *
     * @param breach the alert raised when the breach began
     */
    record Cleared(Alert breach, long atEpochMillis) implements Alert {
        public Cleared {
            Objects.requireNonNull(breach, "breach");
            if (breach instanceof Cleared) {
                throw new IllegalArgumentException("A Cleared alert clears a breach, not another Cleared: " + breach);
            }
        }

        @Override
        public String subject() {
            return breach.subject();
        }

        @Override
        public String actorType() {
            return breach.actorType();
        }

        @Override
        public String message() {
            return "Cleared: " + breach.message();
        }
    }
}
