package dev.troupe.remote.internal.failure;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The phi accrual failure detector of Hayashibara et al., as Akka and Cassandra use it, for the heartbeats of one
 * remote node. Instead of a yes/no timeout it gives a suspicion level {@link #phi()} that grows with the silence
 * since the last heartbeat, measured against the distribution of past heartbeat intervals: phi = 1 means about
 * a 10% chance that the node is still alive and merely late, phi = 8 about 0.000001%. The node counts as
 * {@linkplain #isAvailable() available} while phi is below the threshold.
 *
 * <p>The intervals are modelled as a normal distribution whose mean is the mean of the last {@code
 * maxSampleSize} intervals plus the {@code acceptableHeartbeatPause} (pauses up to that long, such as garbage
 * collection, raise phi only a little), and whose standard deviation is at least {@code minStdDeviation} (so that
 * very regular heartbeats do not make phi jump on a little jitter). Before the second heartbeat the history is
 * seeded with {@code firstHeartbeatEstimate} (± a quarter). An interval that ends a silence during which the node
 * was unavailable is not recorded, so an outage does not teach the detector to be lenient.
 *
 * <p><b>Threading.</b> Thread-safe: one thread (the connection's event loop) calls {@link #heartbeat()}, any
 * thread may ask {@link #phi()}, {@link #isAvailable()} and {@link #isMonitoring()}; each call sees every
 * heartbeat that happened-before it. Calls are short and never block on anything but each other.
 *
 * <p><b>Bad input.</b> The constructor throws {@link IllegalArgumentException} for a threshold or standard
 * deviation or estimate that is not positive, a sample size below 1 or a negative pause, and
 * {@link NullPointerException} for a missing argument. A clock that goes backwards counts as no time passing.
 * After a very long silence {@code phi()} is {@link Double#POSITIVE_INFINITY}, never NaN.
 */
public final class PhiAccrualFailureDetector {
    private final double threshold;
    private final long acceptablePauseNanos;
    private final double minStdDeviationNanos;
    private final long firstHeartbeatEstimateNanos;
    private final LongSupplier nanoClock;

    /** The last intervals in nanoseconds, a ring; guarded by {@code this}, as are the fields below. */
    private final long[] intervals;
    private int count;
    private int next;
    private double mean;
    private double stdDeviation;
    private boolean monitoring;
    private long lastHeartbeat;

    /**
     * @param threshold phi at and above which the node counts as unavailable (Akka's default is 8, Cassandra's
     *     equivalent 8 to 12)
     * @param maxSampleSize how many of the last intervals make the distribution (say 1,000)
     * @param minStdDeviation the least standard deviation assumed (say 100 ms)
     * @param acceptableHeartbeatPause a pause that is tolerated almost without suspicion (say 3 s)
     * @param firstHeartbeatEstimate the expected interval before any was measured (say the heartbeat interval)
     * @param nanoClock monotonic time in nanoseconds, such as {@code System::nanoTime}
     */
    public PhiAccrualFailureDetector(double threshold, int maxSampleSize, Duration minStdDeviation,
                                     Duration acceptableHeartbeatPause, Duration firstHeartbeatEstimate,
                                     LongSupplier nanoClock) {
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("The phi threshold must be positive and finite, was " + threshold);
        }
        if (maxSampleSize < 1) {
            throw new IllegalArgumentException("The sample size must be at least 1, was " + maxSampleSize);
        }
        requirePositive(minStdDeviation, "minimum standard deviation");
        requirePositive(firstHeartbeatEstimate, "first heartbeat estimate");
        if (acceptableHeartbeatPause.isNegative()) {
            throw new IllegalArgumentException("The acceptable heartbeat pause must not be negative, was "
                    + acceptableHeartbeatPause);
        }
        this.threshold = threshold;
        this.intervals = new long[maxSampleSize];
        this.minStdDeviationNanos = minStdDeviation.toNanos();
        this.acceptablePauseNanos = acceptableHeartbeatPause.toNanos();
        this.firstHeartbeatEstimateNanos = firstHeartbeatEstimate.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("The " + what + " must be positive, was " + duration);
        }
    }

    /** Records a heartbeat from the node, now. */
    public synchronized void heartbeat() {
        long now = nanoClock.getAsLong();
        if (!monitoring) {
            long spread = firstHeartbeatEstimateNanos / 4;
            record(firstHeartbeatEstimateNanos - spread);
            record(firstHeartbeatEstimateNanos + spread);
            monitoring = true;
        } else if (phiAt(now) < threshold) {
            record(Math.max(0, now - lastHeartbeat));
        }
        lastHeartbeat = now;
    }

    /**
     * The suspicion that the node has failed, now: 0 before the first heartbeat, near 0 right after one, rising with
     * silence, {@link Double#POSITIVE_INFINITY} after a silence far beyond the distribution.
     */
    public synchronized double phi() {
        return monitoring ? phiAt(nanoClock.getAsLong()) : 0.0;
    }

    /** Whether {@link #phi()} is below the threshold; true before the first heartbeat. */
    public boolean isAvailable() {
        return phi() < threshold;
    }

    /** Whether a heartbeat has arrived yet (before that, the node is assumed available). */
    public synchronized boolean isMonitoring() {
        return monitoring;
    }

    /** Caller holds the lock. */
    private double phiAt(long now) {
        double silence = Math.max(0, now - lastHeartbeat);
        double expected = mean + acceptablePauseNanos;
        double deviation = Math.max(stdDeviation, minStdDeviationNanos);
        // A logistic approximation of the normal distribution's tail (Bowling et al. 2009), as in Akka.
        double y = (silence - expected) / deviation;
        double e = Math.exp(-y * (1.5976 + 0.070566 * y * y));
        double phi = silence > expected ? -Math.log10(e / (1.0 + e)) : -Math.log10(1.0 - 1.0 / (1.0 + e));
        return phi + 0.0; // no negative zero
    }

    /** Caller holds the lock. Recomputes mean and deviation in two passes: exact, and cheap at heartbeat rate. */
    private void record(long interval) {
        intervals[next] = interval;
        next = (next + 1) % intervals.length;
        count = Math.min(count + 1, intervals.length);
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += intervals[i];
        }
        mean = sum / count;
        double squares = 0;
        for (int i = 0; i < count; i++) {
            double d = intervals[i] - mean;
            squares += d * d;
        }
        stdDeviation = Math.sqrt(squares / count);
    }

    @Override
    public synchronized String toString() {
        return "PhiAccrualFailureDetector[threshold=" + threshold + ", samples=" + count + ", mean="
                + Duration.ofNanos((long) mean) + ", stdDeviation=" + Duration.ofNanos((long) stdDeviation) + "]";
    }
}
