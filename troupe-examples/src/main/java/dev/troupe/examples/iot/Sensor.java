package dev.troupe.examples.iot;

/**
 * The simulated temperature sensor of every device: reading number {@code n} of device {@code id} is a pure
 * function of the two, so a test can recompute any reading the fleet reports. Each device has a spot of its
 * own (its base temperature), drifts slowly from reading to reading and carries a little noise. Safe from any
 * thread.
 */
public final class Sensor {
    private Sensor() {}

    /** Reading {@code sequence} of device {@code deviceId}, in degrees Celsius with two decimals. */
    public static double celsius(int deviceId, long sequence) {
        double spot = 19.0 + 3.0 * Math.sin(deviceId * 0.37);
        double drift = 1.5 * Math.sin(sequence / 12.0 + deviceId);
        double noise = (mix(deviceId, sequence) >>> 11) * 0x1.0p-53 - 0.5;
        return Math.round((spot + drift + noise) * 100) / 100.0;
    }

    /** SplitMix64's finalizer over both inputs: well spread, and the same on every JVM. */
    private static long mix(int deviceId, long sequence) {
        long z = deviceId * 0x9E3779B97F4A7C15L + sequence * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
