package dev.troupe.examples.iot;

import java.time.Duration;
import java.util.Objects;

/**
 * How a fleet is built and behaves. Immutable; every value is checked at construction and a bad one throws
 * {@link IllegalArgumentException} saying which and why.
 *
 * @param devices how many device actors
 * @param devicesPerBuilding devices in each building (the last building may have fewer)
 * @param buildingsPerRegion buildings in each region (the last region may have fewer)
 * @param reportInterval the mean time between two readings of a device: each device takes its own period, up
 *     to {@link #JITTER} of it longer or shorter, and its first reading after a random part of that period
 * @param failureRate the probability that a reading crashes its device (an injected {@link SensorFault})
 * @param uploadRate the probability that a reading is also uploaded to the cloud (at most one upload per device
 *     in flight)
 * @param minBackoff the first restart delay of a crashed device, doubled for each consecutive crash
 * @param maxBackoff the longest restart delay
 */
public record FleetSettings(int devices, int devicesPerBuilding, int buildingsPerRegion, Duration reportInterval,
                            double failureRate, double uploadRate, Duration minBackoff, Duration maxBackoff) {
    /** How far a report interval may stray from the mean, as a fraction of it. */
    public static final double JITTER = 0.2;

    public FleetSettings {
        requirePositive("devices", devices);
        requirePositive("devicesPerBuilding", devicesPerBuilding);
        requirePositive("buildingsPerRegion", buildingsPerRegion);
        requirePositive("reportInterval", reportInterval);
        requireProbability("failure rate", failureRate);
        requireProbability("upload rate", uploadRate);
        requirePositive("minBackoff", minBackoff);
        requirePositive("maxBackoff", maxBackoff);
        if (maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is shorter than minBackoff " + minBackoff);
        }
    }

    /**
     * {@code devices} devices with the demo's defaults: 1,000 per building, 100 buildings per region, a reading
     * every 10 s, one crash in 20,000 readings, one upload in 50, restarts after 200 ms to 5 s.
     */
    public static FleetSettings of(int devices) {
        return new FleetSettings(devices, 1_000, 100, Duration.ofSeconds(10), 0.000_05, 0.02,
                Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    public FleetSettings withLayout(int devicesPerBuilding, int buildingsPerRegion) {
        return new FleetSettings(devices, devicesPerBuilding, buildingsPerRegion, reportInterval, failureRate,
                uploadRate, minBackoff, maxBackoff);
    }

    public FleetSettings withReportInterval(Duration reportInterval) {
        return new FleetSettings(devices, devicesPerBuilding, buildingsPerRegion, reportInterval, failureRate,
                uploadRate, minBackoff, maxBackoff);
    }

    public FleetSettings withFailureRate(double failureRate) {
        return new FleetSettings(devices, devicesPerBuilding, buildingsPerRegion, reportInterval, failureRate,
                uploadRate, minBackoff, maxBackoff);
    }

    public FleetSettings withUploadRate(double uploadRate) {
        return new FleetSettings(devices, devicesPerBuilding, buildingsPerRegion, reportInterval, failureRate,
                uploadRate, minBackoff, maxBackoff);
    }

    public FleetSettings withBackoff(Duration minBackoff, Duration maxBackoff) {
        return new FleetSettings(devices, devicesPerBuilding, buildingsPerRegion, reportInterval, failureRate,
                uploadRate, minBackoff, maxBackoff);
    }

    /** The fleet's shape: which device is in which building and region. */
    public FleetLayout layout() {
        return new FleetLayout(devices, devicesPerBuilding, buildingsPerRegion);
    }

    static double requireProbability(String what, double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("The " + what + " is a probability from 0 to 1, was " + p);
        }
        return p;
    }

    private static void requirePositive(String what, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, was " + n);
        }
    }

    private static void requirePositive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
    }
}
