package dev.troupe.bench.remote;

import org.HdrHistogram.Histogram;

/**
 * Two actor systems of one kind on 127.0.0.1, connected by that kind's remoting: what the remote benchmark
 * runs for each system. One thread uses a pair; runs are one after another.
 */
public sealed interface RemotePair extends AutoCloseable permits PekkoRemotePair, TroupeRemotePair {

    /** Starts a pair of {@code system} ("troupe" or "pekko"); {@code tls} null for plaintext. */
    static RemotePair start(String system, RemoteTls tls) {
        return switch (system) {
            case "troupe" -> TroupeRemotePair.start(tls);
            case "pekko" -> PekkoRemotePair.start(tls);
            default -> throw new IllegalArgumentException("No remote pair for system " + system
                    + "; known: troupe, pekko");
        };
    }

    /**
     * Sends {@code messages} pings from a driver on the first system to a receiver on the second, at most
     * {@code window} unacknowledged; returns the nanoseconds from the first send to the last acknowledgement.
     *
     * @throws IllegalStateException if the receiver did not get every ping exactly once, in order
     */
    long throughput(long messages, int window) throws Exception;

    /**
     * {@code roundTrips} sequential request-reply round trips from the first system to the second; their times
     * in nanoseconds.
     *
     * @throws IllegalStateException if a round trip was lost
     */
    Histogram latency(int roundTrips) throws Exception;
}
