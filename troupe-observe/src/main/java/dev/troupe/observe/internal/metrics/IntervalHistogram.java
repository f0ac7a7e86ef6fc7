package dev.troupe.observe.internal.metrics;

import dev.troupe.observe.ActorTypeSnapshot.Distribution;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.HdrHistogram.Recorder;

/**
 * Values in nanoseconds (or counts) recorded from many threads, read as a distribution since the start and as
 * one over the last closed interval. 3 significant digits, auto-resizing to the largest value seen.
 *
 * <p>Memory: the recording side is HdrHistogram's {@link Recorder} of concurrent histograms, about 200 KB for
 * values up to a few hundred microseconds and 300 KB up to tens of milliseconds (measured), since each covers
 * every power of two up to its largest value at full precision. Its packed variant would grow with the values
 * seen instead, but its concurrent resizing can spin forever when two writers resize at once (seen in this
 * module's tests, HdrHistogram 2.2.2), so it is used only on the reading side, where one thread at a time
 * writes.
 *
 * <p>Threading: {@link #record} from any thread, wait-free except while the histogram grows to a larger value
 * range; the readers synchronize among themselves only. A value recorded before a read started is in what the
 * read returns.
 */
public final class IntervalHistogram {
    private static final int SIGNIFICANT_DIGITS = 3;

    /** Made by the first value: a type whose actors are never sampled costs no recorder (33 KB when empty). */
    private final AtomicReference<Recorder> recorder = new AtomicReference<>();
    /** Guarded by this, like the rest below. */
    private final Histogram sinceStart = new PackedHistogram(SIGNIFICANT_DIGITS);
    private Histogram currentInterval = new PackedHistogram(SIGNIFICANT_DIGITS);
    private Histogram lastInterval = new PackedHistogram(SIGNIFICANT_DIGITS);
    /** What the recorder gave back last, handed to it again to be reused: it must be one of its own. */
    private Histogram recycled;

    /** Records {@code value}; a negative one (a clock step) counts as zero. */
    public void record(long value) {
        Recorder r = recorder.get();
        if (r == null) {
            Recorder made = new Recorder(SIGNIFICANT_DIGITS);
            r = recorder.compareAndSet(null, made) ? made : recorder.get();
        }
        r.recordValue(Math.max(0, value));
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
        Recorder r = recorder.get();
        if (r == null) {
            return;
        }
        recycled = r.getIntervalHistogram(recycled);
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
