package dev.troupe.examples.iot;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decides which readings fail: each one with probability {@link #failureRate()}, which may be changed while the
 * fleet runs (a test turns faults off to watch the fleet recover). Thread-safe: devices call {@link #check} on
 * any dispatcher thread; a new rate is seen by readings that start after {@link #setFailureRate} returns.
 */
public final class FaultInjector {
    private final LongAdder injected = new LongAdder();
    private volatile double failureRate;

    /** @throws IllegalArgumentException if {@code failureRate} is not within 0..1 */
    public FaultInjector(double failureRate) {
        setFailureRate(failureRate);
    }

    /** @throws IllegalArgumentException if {@code failureRate} is not within 0..1 */
    public void setFailureRate(double failureRate) {
        this.failureRate = FleetSettings.requireProbability("failure rate", failureRate);
    }

    public double failureRate() {
        return failureRate;
    }

    /** Faults injected so far. */
    public long injected() {
        return injected.sum();
    }

    /** Throws a {@link SensorFault} for {@code deviceId} with probability {@link #failureRate()}. */
    void check(int deviceId) {
        double rate = failureRate;
        if (rate > 0 && ThreadLocalRandom.current().nextDouble() < rate) {
            injected.increment();
            throw new SensorFault(deviceId);
        }
    }
}
