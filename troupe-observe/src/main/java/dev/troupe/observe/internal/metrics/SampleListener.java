package dev.troupe.observe.internal.metrics;

/**
 * Told of every sample of one actor type, on the actor's thread (see
 * {@link dev.troupe.actor.instrument.ActorTypeRecorder#sampled}): how an integration with its own histograms
 * (Micrometer) sees the values. Must be thread-safe, quick and non-blocking.
 */
@FunctionalInterface
public interface SampleListener {

    /**
     * @param processingNanos -1 when unknown (a message taken by a batch handler)
     * @param copies how many samples taken at the full rate this one stands for: 1, or more when the thread that
     *               sent the message throttled its sampling (the sample's weight over {@code sampleEvery}); count
     *               it that many times to keep throttled periods their share of a distribution
     */
    void sampled(long timeInMailboxNanos, long processingNanos, int mailboxDepth, int copies);
}
