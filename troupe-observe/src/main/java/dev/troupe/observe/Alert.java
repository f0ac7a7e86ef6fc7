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
    default String message() {
        return switch (this) {
            case MailboxDepth a -> "Mailbox of " + a.actor() + " (" + a.actorType() + ") holds " + a.depth()
                    + " messages, above the threshold " + a.threshold();
            case ActorMemory a -> "Actor " + a.actor() + " (" + a.actorType() + ") is estimated at "
                    + a.estimatedBytes() + " bytes, above the threshold " + a.thresholdBytes();
            case ProcessingTime a -> "Processing time P95 of " + a.actorType() + " is " + a.p95Nanos() / 1e6
                    + " ms, above the threshold " + a.thresholdNanos() / 1e6 + " ms";
            case RestartRate a -> "Actors of " + a.actorType() + " restarted " + a.restartsLastMinute()
                    + " times in the last minute, above the threshold " + a.threshold() + "; last cause "
                    + a.lastCause();
            case Cleared c -> "Cleared: " + c.breach().message();
        };
    }

    /** An alert about an actor type as a whole: its subject is the type. */
    sealed interface PerType extends Alert permits ProcessingTime, RestartRate {
        @Override
        default String subject() {
            return actorType();
        }
    }

    /** An alert about one actor: its subject is the actor's path. */
    sealed interface PerActor extends Alert permits MailboxDepth, ActorMemory {
        ActorPath actor();

        @Override
        default String subject() {
            return actor().toString();
        }
    }

    /** More than {@code threshold} messages waited in one actor's mailbox. */
    record MailboxDepth(ActorPath actor, String actorType, int depth, int threshold, long atEpochMillis)
            implements PerActor {
        public MailboxDepth {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(actorType, "actorType");
        }
    }

    /** The 95th percentile of one actor type's processing time over a check interval exceeded the threshold. */
    record ProcessingTime(String actorType, long p95Nanos, long thresholdNanos, long atEpochMillis)
            implements PerType {
        public ProcessingTime {
            Objects.requireNonNull(actorType, "actorType");
        }
    }

    /**
     * Actors of one type restarted more than {@code threshold} times within the last minute.
     *
     * @param lastCause the class name of the failure behind the latest restart
     */
    record RestartRate(String actorType, int restartsLastMinute, int threshold, String lastCause, long atEpochMillis)
            implements PerType {
        public RestartRate {
            Objects.requireNonNull(actorType, "actorType");
            Objects.requireNonNull(lastCause, "lastCause");
        }
    }

    /**
     * One actor's estimated memory ({@link dev.troupe.actor.instrument.InstrumentedActor#estimatedMemoryBytes()})
     * exceeded the threshold.
     */
    record ActorMemory(ActorPath actor, String actorType, long estimatedBytes, long thresholdBytes, long atEpochMillis)
            implements PerActor {
        public ActorMemory {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(actorType, "actorType");
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
    }
}
