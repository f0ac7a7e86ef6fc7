package dev.troupe.observe.internal.metrics;

import dev.troupe.observe.ActorTypeSnapshot.Distribution;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;

/**
 * One sampled value of an actor type (time in mailbox, processing time or mailbox depth), read as a distribution
 * since the start and as one over the last closed interval; 2 significant digits (within 1%). The values are
 * recorded into the type's {@link SampleStripes}; each read first has them taken out of there ({@code
 * takeSamples}), so a value recorded before a read started is in what the read returns.
 *
 * <p>Memory: packed histograms, which grow with the values seen. Threading: any thread; the readers synchronize
 * among themselves only.
 */
public final class IntervalHistogram {
    private final Runnable takeSamples;
    /** Guarded by this, like the rest below. */
    private final Histogram sinceStart = new PackedHistogram(SampleStripes.SIGNIFICANT_DIGITS);
    private Histogram currentInterval = new PackedHistogram(SampleStripes.SIGNIFICANT_DIGITS);
    private Histogram lastInterval = new PackedHistogram(SampleStripes.SIGNIFICANT_DIGITS);

    /** @param takeSamples moves what the stripes hold into this histogram (and its siblings) with {@link #add} */
    IntervalHistogram(Runnable takeSamples) {
        this.takeSamples = takeSamples;
    }

    /** Adds values taken from the stripes. */
    synchronized void add(Histogram values) {
        sinceStart.add(values);
        currentInterval.add(values);
    }

    /** Everything recorded so far. */
    public Distribution sinceStart() {
        takeSamples.run();
        synchronized (this) {
            return summarize(sinceStart);
        }
    }

    /** What the last {@link #closeInterval} closed; empty before the first. */
    public synchronized Distribution lastInterval() {
        return summarize(lastInterval);
    }

    /** Ends the current interval (which began at the previous call) and returns its distribution. */
    public Distribution closeInterval() {
        takeSamples.run();
        synchronized (this) {
            Histogram closed = currentInterval;
            currentInterval = lastInterval;
            currentInterval.reset();
            lastInterval = closed;
            return summarize(closed);
        }
    }

    static Distribution summarize(Histogram h) {
        if (h.getTotalCount() == 0) {
            return Distribution.EMPTY;
        }
        return new Distribution(h.getTotalCount(), h.getMinValue(), h.getMaxValue(), h.getMean(),
                h.getValueAtPercentile(50), h.getValueAtPercentile(95), h.getValueAtPercentile(99));
    }
}
