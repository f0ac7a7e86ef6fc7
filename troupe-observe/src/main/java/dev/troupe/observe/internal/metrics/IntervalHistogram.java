package dev.troupe.observe.internal.metrics;

import dev.troupe.observe.ActorTypeSnapshot.Distribution;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.HdrHistogram.Recorder;

/**
 * Values in nanoseconds (or counts) recorded from many threads, read as a distribution since the start and as
 * one over the last closed interval. 3 significant digits; packed histograms, so that memory grows with the
 * distinct magnitudes seen, not with the range.
 *
 * <p>Threading: {@link #record} from any thread, wait-free (HdrHistogram's {@link Recorder}); the readers
 * synchronize among themselves only. A value recorded before a read started is in what the read returns.
 */
public final class IntervalHistogram {
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS, true);
    /** Guarded by this, like the rest below. */
    private final Histogram sinceStart = new PackedHistogram(SIGNIFICANT_DIGITS);
    private Histogram currentInterval = new PackedHistogram(SIGNIFICANT_DIGITS);
    private Histogram lastInterval = new PackedHistogram(SIGNIFICANT_DIGITS);
    private Histogram recycled;

    /** Records {@code value}; a negative one (a clock step) counts as zero. */
    public void record(long value) {
        recorder.recordValue(Math.max(0, value));
    }

    /** Everything recorded so far. */
    public synchronized Distribution sinceStart() {
        drainRecorder();
        return summarize(sinceStart);
    }

    /** What the last {@link #closeInterval} closed; empty before the first. */
    public synchronized Distribution lastInterval() {
        return summarize(lastInterval);
    }

    /** Ends the current interval (which began at the previous call) and returns its distribution. */
    public synchronized Distribution closeInterval() {
        drainRecorder();
        Histogram closed = currentInterval;
        currentInterval = lastInterval;
        currentInterval.reset();
        lastInterval = closed;
        return summarize(closed);
    }

    private void drainRecorder() {
        recycled = recorder.getIntervalHistogram(recycled);
        sinceStart.add(recycled);
        currentInterval.add(recycled);
    }

    static Distribution summarize(Histogram h) {
        if (h.getTotalCount() == 0) {
            return Distribution.EMPTY;
        }
        return new Distribution(h.getTotalCount(), h.getMinValue(), h.getMaxValue(), h.getMean(),
                h.getValueAtPercentile(50), h.getValueAtPercentile(95), h.getValueAtPercentile(99));
    }
}
