package dev.troupe.bench.remote;

import org.HdrHistogram.Histogram;

/**
 * What a correct remote run gives, checked on both systems alike, so a broken run cannot report a time: every
 * ping once and in order, every round trip answered and timed.
 */
public final class RemoteChecks {
    private RemoteChecks() {}

    /** {@code messages} rounded up to a whole number of acknowledgement batches: what a throughput run sends. */
    public static long roundUp(long messages, int ackEvery) {
        return (messages + ackEvery - 1) / ackEvery * ackEvery;
    }

    /**
     * @param asked what the run was asked to send (the sender sends {@link #roundUp} of it)
     * @throws IllegalStateException if the receiver's last totals are not those of 1..sent, in order
     */
    public static void checkThroughput(long asked, long received, long sum, boolean inOrder) {
        if (received < asked || sum != received * (received + 1) / 2 || !inOrder) {
            throw new IllegalStateException("Throughput run broken: asked for " + asked + " pings, the receiver got "
                    + received + " summing to " + sum + " (want " + received * (received + 1) / 2 + "), "
                    + (inOrder ? "in order" : "OUT OF ORDER") + "; no time is reported for a broken run");
        }
    }

    /** @throws IllegalStateException unless the last answer and the histogram both count {@code roundTrips} */
    public static void checkRoundTrips(long roundTrips, long lastAnswered, Histogram histogram) {
        if (lastAnswered != roundTrips || histogram.getTotalCount() != roundTrips) {
            throw new IllegalStateException("Latency run broken: " + roundTrips + " round trips asked, last answer "
                    + lastAnswered + ", " + histogram.getTotalCount() + " timed; no figure is reported for it");
        }
    }
}
