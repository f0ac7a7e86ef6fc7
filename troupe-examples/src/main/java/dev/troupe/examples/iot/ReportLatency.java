package dev.troupe.examples.iot;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The latency of device reports, from the device's send to the building's processing, in microseconds (1 µs to
 * 1 h, 3 significant digits; longer is recorded as 1 h). Buildings record on any thread into an HdrHistogram
 * {@link Recorder} (its writers never block or allocate; the plain, not the packed, variant, whose counts
 * array has a fixed size); a reader swaps out the interval's histogram and adds it to the total.
 *
 * <p>Threading: {@link #record} from any thread; the readers are synchronized among themselves.
 */
public final class ReportLatency {
    private static final long MAX_MICROS = 3_600_000_000L;

    private final Recorder recorder = new Recorder(1, MAX_MICROS, 3);
    private final Histogram total = new Histogram(1, MAX_MICROS, 3);
    private Histogram interval;

    void record(long nanos) {
        recorder.recordValue(Math.min(MAX_MICROS, Math.max(1, nanos / 1_000)));
    }

    /** Everything recorded so far, as a copy. */
    public synchronized Histogram total() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return total.copy();
    }
}
