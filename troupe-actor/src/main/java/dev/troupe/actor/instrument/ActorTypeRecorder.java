package dev.troupe.actor.instrument;

/**
 * Receives what the runtime measures for the actors of one type; see {@link Instrumentation}. An extension
 * point.
 *
 * <p>Threading: every method may be called from any thread, concurrently (actors of one type run on many
 * threads), and must not block: each runs inside an actor's turn or a spawn. For one actor, its
 * {@link #actorStarted} happens-before its samples, which happen-before its {@link #actorStopped}. A method
 * that throws is logged and otherwise ignored; it never fails the actor.
 */
public interface ActorTypeRecorder {

    /** An actor of this type was spawned; called by the spawning thread before the actor first runs. */
    void actorStarted(InstrumentedActor actor);

    /**
     * The actor stopped for good (after its {@code PostStop}), on its last turn, before its parent and watchers
     * are told: whoever receives its {@code Terminated} sees this call's effects.
     *
     * @param failure why it stopped, or null if it stopped normally
     */
    void actorStopped(InstrumentedActor actor, Throwable failure);

    /**
     * One sampled message of {@code actor}, on the actor's thread.
     *
     * @param timeInMailboxNanos from the enqueue to the start of processing
     * @param processingNanos how long processing took, or -1 when unknown (a message taken by a batch handler)
     * @param mailboxDepth the messages still waiting when processing started
     * @param weight how many messages this sample stands for: the sampling interval it was taken at, a power of
     *               two, {@link Instrumentation#sampleEvery()} or more when sampling throttles itself (see
     *               {@link Instrumentation#minSampleSpacing()}); weigh each sample by it for unbiased counts,
     *               sums and percentiles
     */
    void sampled(InstrumentedActor actor, long timeInMailboxNanos, long processingNanos, int mailboxDepth,
                 int weight);
}
