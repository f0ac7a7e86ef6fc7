package dev.troupe.observe.internal.metrics;

import dev.troupe.observe.ActorTypeSnapshot.Distribution;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.HdrHistogram.Recorder;

/**
 * Values in nanoseconds (or counts) recorded from many threads, read as a distribution since the start and as
 * one over the last closed interval. 2 significant digits (values within 1%), auto-resizing to the largest value
 * seen.
 *
 * <p>Contention: the recording side is striped by thread over up to {@value #MAX_STRIPES} HdrHistogram
 * {@link Recorder}s (as many as there are CPUs, rounded up to a power of two), each made when a thread first
 * records into it. One shared recorder made every sample a handful of atomic writes on cache lines that bounce
 * between cores whenever actors of one type run on several threads: in the ping-pong benchmark, where both
 * actors are of one type, that was most of what metrics cost.
 *
 * <p>Memory: a recorder holds two concurrent histograms, each covering every power of two up to its largest
 * value at full precision: about 50 KB for values up to a few hundred microseconds and 75 KB up to tens of
 * milliseconds (measured; with 3 significant digits they were 290 and 480 KB, which is why this records with
 * 2). So four stripes in use cost less than one 3-digit recorder. The packed variant would grow with the values seen
 * instead, but its concurrent resizing can spin forever when two writers resize at once (seen in this module's
 * tests, HdrHistogram 2.2.2), so it is used only on the reading side, where one thread at a time writes.
 *
 * <p>Threading: {@link #record} from any thread, wait-free except while a histogram grows to a larger value
 * range; the readers synchronize among themselves only. A value recorded before a read started is in what the
 * read returns.
 */
public final class IntervalHistogram {
    static final int MAX_STRIPES = 4;
    private static final int SIGNIFICANT_DIGITS = 2;
    private static final int STRIPES = Math.min(MAX_STRIPES,
            Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors() * 2 - 1)));

    /** Made on first use: a type whose actors are never sampled costs no recorder. */
    private final AtomicReferenceArray<Recorder> recorders = new AtomicReferenceArray<>(STRIPES);
    /** Guarded by this, like the rest below. */
    private final Histogram sinceStart = new PackedHistogram(SIGNIFICANT_DIGITS);
    private Histogram currentInterval = new PackedHistogram(SIGNIFICANT_DIGITS);
    private Histogram lastInterval = new PackedHistogram(SIGNIFICANT_DIGITS);
    /** What each recorder gave back last, handed to it again to be reused: it must be one of its own. */
    private final Histogram[] recycled = new Histogram[STRIPES];

    /** Records {@code value}; a negative one (a clock step) counts as zero. */
    public void record(long value) {
        int stripe = (int) Thread.currentThread().threadId() & (STRIPES - 1);
        Recorder r = recorders.get(stripe);
        if (r == null) {
            Recorder made = new Recorder(SIGNIFICANT_DIGITS);
            r = recorders.compareAndSet(stripe, null, made) ? made : recorders.get(stripe);
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
        for (int stripe = 0; stripe < STRIPES; stripe++) {
            Recorder r = recorders.get(stripe);
            if (r != null) {
                recycled[stripe] = r.getIntervalHistogram(recycled[stripe]);
                sinceStart.add(recycled[stripe]);
                currentInterval.add(recycled[stripe]);
            }
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
