package dev.troupe.observe;

import java.util.Map;
import java.util.Objects;

/**
 * The metrics of all actors of one type at one moment. Immutable. Times are in nanoseconds; the distributions
 * come from HdrHistograms with 2 significant digits (within 1%), fed by the sampled messages (one in
 * {@link ActorMetricsSettings#sampleEvery()}, fewer on a busy thread; see
 * {@link ActorMetricsSettings#minSampleSpacing()}), each counted as many times as its weight: a distribution's
 * count estimates the messages, not the samples.
 *
 * @param actorType the type: a behavior's class, or the tag of {@link dev.troupe.actor.Props#withActorType}
 * @param actorsAlive actors spawned and not yet stopped
 * @param actorsSpawned actors spawned since the metrics started
 * @param actorsStopped actors stopped since the metrics started
 * @param messagesProcessed messages processed by the live actors plus those processed by stopped ones
 * @param mailboxTime time from enqueue to the start of processing, since the start
 * @param processingTime time processing took, since the start (messages taken by a batch handler have none)
 * @param mailboxDepths mailbox depths seen when sampled messages started, since the start
 * @param recentMailboxTime like {@code mailboxTime}, over the last completed check interval (empty when not bound)
 * @param recentProcessingTime like {@code processingTime}, over the last completed check interval
 * @param currentMailboxDepth messages waiting now in the mailboxes of all live actors of the type
 * @param maxMailboxDepth the deepest mailbox of the type seen so far, by a sample or the monitor
 * @param failuresByCause failures by the class name of the cause
 * @param restartsByCause restarts by the class name of the cause
 * @param averageMemoryBytes the average estimated memory of a live actor, 0 when none is alive
 */
public record ActorTypeSnapshot(String actorType, long actorsAlive, long actorsSpawned, long actorsStopped,
                                long messagesProcessed, Distribution mailboxTime, Distribution processingTime,
                                Distribution mailboxDepths, Distribution recentMailboxTime,
                                Distribution recentProcessingTime, long currentMailboxDepth, long maxMailboxDepth,
                                Map<String, Long> failuresByCause, Map<String, Long> restartsByCause,
                                long averageMemoryBytes) {
    public ActorTypeSnapshot {
        Objects.requireNonNull(actorType, "actorType");
        Objects.requireNonNull(mailboxTime, "mailboxTime");
        Objects.requireNonNull(processingTime, "processingTime");
        Objects.requireNonNull(mailboxDepths, "mailboxDepths");
        Objects.requireNonNull(recentMailboxTime, "recentMailboxTime");
        Objects.requireNonNull(recentProcessingTime, "recentProcessingTime");
        failuresByCause = Map.copyOf(failuresByCause);
        restartsByCause = Map.copyOf(restartsByCause);
    }

    /**
     * A summary of recorded values: how many, their extremes and mean, and three percentiles (each accurate to
     * 2 significant digits). All zero when nothing was recorded.
     */
    public record Distribution(long count, long min, long max, double mean, long p50, long p95, long p99) {
        /** Nothing recorded. */
        public static final Distribution EMPTY = new Distribution(0, 0, 0, 0, 0, 0, 0);
    }
}
