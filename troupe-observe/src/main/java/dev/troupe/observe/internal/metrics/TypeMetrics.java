package dev.troupe.observe.internal.metrics;

import dev.troupe.actor.instrument.ActorTypeRecorder;
import dev.troupe.actor.instrument.InstrumentedActor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * The recorder and the counters of one actor type. Its state does not grow with the actors: each actor lives
 * in the {@link ActorRegistry} only.
 *
 * <p>Threading: the recorder methods run on actor threads, concurrently, and never block (adders, striped
 * histograms behind try-locks, a copy-on-write array of listeners). The readers may run on any thread.
 */
public final class TypeMetrics implements ActorTypeRecorder {
    private static final SampleListener[] NO_LISTENERS = {};

    private final String actorType;
    private final ActorRegistry registry;
    private final int sampleEvery;
    private final LongAdder spawned = new LongAdder();
    private final LongAdder stopped = new LongAdder();
    /** Messages processed by actors of this type that have stopped. */
    private final LongAdder retiredMessages = new LongAdder();
    /** The largest total seen, so that the count never goes down while an actor moves from live to retired. */
    private final AtomicLong messagesHighWater = new AtomicLong();
    private final LongAccumulator maxMailboxDepth = new LongAccumulator(Math::max, 0);
    private final SampleStripes samples = new SampleStripes();
    /** Guarded by itself: what one take moved out of the stripes, on its way to the histograms below. */
    private final SampleStripes.Taken taken = new SampleStripes.Taken();
    private final IntervalHistogram timeInMailbox = new IntervalHistogram(this::takeSamples);
    private final IntervalHistogram processingTime = new IntervalHistogram(this::takeSamples);
    private final IntervalHistogram mailboxDepths = new IntervalHistogram(this::takeSamples);
    private final KeyedTable<String, LongAdder> failuresByCause = KeyedTable.counters();
    private final KeyedTable<String, LongAdder> restartsByCause = KeyedTable.counters();
    private final LongAdder restarts = new LongAdder();
    private volatile String lastRestartCause = "";
    private volatile Census.TypeTotals lastCensus = Census.TypeTotals.NONE;
    private volatile SampleListener[] listeners = NO_LISTENERS;

    TypeMetrics(String actorType, ActorRegistry registry, int sampleEvery) {
        this.actorType = actorType;
        this.registry = registry;
        this.sampleEvery = sampleEvery;
    }

    @Override
    public void actorStarted(InstrumentedActor actor) {
        spawned.increment();
        registry.register(actor);
    }

    /** Unregisters before counting its messages as retired, so that a census never counts them twice. */
    @Override
    public void actorStopped(InstrumentedActor actor, Throwable failure) {
        registry.unregister(actor);
        retiredMessages.add(actor.messagesProcessed());
        stopped.increment();
    }

    @Override
    public void sampled(InstrumentedActor actor, long timeInMailboxNanos, long processingNanos, int mailboxDepth,
                        int weight) {
        samples.record(timeInMailboxNanos, processingNanos, mailboxDepth, weight);
        maxMailboxDepth.accumulate(mailboxDepth);
        SampleListener[] told = listeners;
        if (told.length > 0) {
            int copies = Math.max(1, weight / sampleEvery);
            for (SampleListener listener : told) {
                listener.sampled(timeInMailboxNanos, processingNanos, mailboxDepth, copies);
            }
        }
    }

    /** Moves the recorded samples into the three histograms; before each of their reads. */
    private void takeSamples() {
        synchronized (taken) {
            samples.takeInto(taken);
            timeInMailbox.add(taken.timeInMailbox());
            processingTime.add(taken.processingTime());
            mailboxDepths.add(taken.mailboxDepths());
            taken.timeInMailbox().reset();
            taken.processingTime().reset();
            taken.mailboxDepths().reset();
        }
    }

    /** Samples lost because every stripe was busy at that moment (see {@link SampleStripes}). */
    long samplesDropped() {
        return samples.dropped();
    }

    public String actorType() {
        return actorType;
    }

    /** Spawned minus stopped (the stops read first, so that it is never negative). */
    public long actorsAlive() {
        long stops = stopped.sum();
        return spawned.sum() - stops;
    }

    public long actorsSpawned() {
        return spawned.sum();
    }

    public long actorsStopped() {
        return stopped.sum();
    }

    /** The messages of the live actors, {@code liveMessages}, plus the retired ones; never less than before. */
    long messagesProcessed(long liveMessages) {
        return messagesHighWater.accumulateAndGet(liveMessages + retiredMessages.sum(), Math::max);
    }

    /** The total as of the latest census (the monitor's, or a snapshot's). */
    public long messagesProcessedAtLastCensus() {
        return messagesHighWater.get();
    }

    public long maxMailboxDepth() {
        return maxMailboxDepth.get();
    }

    void sawMailboxDepth(long depth) {
        maxMailboxDepth.accumulate(depth);
    }

    public IntervalHistogram timeInMailbox() {
        return timeInMailbox;
    }

    public IntervalHistogram processingTime() {
        return processingTime;
    }

    public IntervalHistogram mailboxDepths() {
        return mailboxDepths;
    }

    public KeyedTable<String, LongAdder> failuresByCause() {
        return failuresByCause;
    }

    public KeyedTable<String, LongAdder> restartsByCause() {
        return restartsByCause;
    }

    void failed(String cause) {
        failuresByCause.get(cause).increment();
    }

    void restarted(String cause) {
        restartsByCause.get(cause).increment();
        lastRestartCause = cause;
        restarts.increment();
    }

    long restarts() {
        return restarts.sum();
    }

    String lastRestartCause() {
        return lastRestartCause;
    }

    /** The per-type totals of the latest census; see {@link Census}. */
    public Census.TypeTotals lastCensus() {
        return lastCensus;
    }

    void censusTaken(Census.TypeTotals totals) {
        lastCensus = totals;
        messagesProcessed(totals.messagesProcessed());
        sawMailboxDepth(totals.maxMailboxDepth());
    }

    /** Adds a listener told of every later sample; not on the recording path, so a lock is fine. */
    public synchronized void addSampleListener(SampleListener listener) {
        SampleListener[] grown = java.util.Arrays.copyOf(listeners, listeners.length + 1);
        grown[listeners.length] = listener;
        listeners = grown;
    }

    @Override
    public String toString() {
        return "TypeMetrics[" + actorType + "]";
    }
}
