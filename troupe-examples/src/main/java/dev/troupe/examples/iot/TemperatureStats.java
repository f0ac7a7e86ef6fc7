package dev.troupe.examples.iot;

import java.util.Collection;

/**
 * Minimum, average and maximum of the readings of some devices, and how many of the devices asked answered.
 * Immutable. With no answer, min, max and average are NaN.
 *
 * @param responded devices that answered in time
 * @param total devices asked (including those behind a building or region that did not answer)
 * @param sum the sum of the readings, for averages that merge exactly
 */
public record TemperatureStats(int responded, int total, double min, double max, double sum) {
    public TemperatureStats {
        if (responded < 0 || responded > total) {
            throw new IllegalArgumentException("responded must be within 0.." + total + ", was " + responded);
        }
    }

    /** {@code total} devices asked, none answered. */
    public static TemperatureStats none(int total) {
        return new TemperatureStats(0, total, Double.NaN, Double.NaN, 0);
    }

    /** The readings of those of {@code total} devices that answered. */
    public static TemperatureStats of(Collection<QueryReply.Reading> readings, int total) {
        if (readings.isEmpty()) {
            return none(total);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (QueryReply.Reading reading : readings) {
            min = Math.min(min, reading.celsius());
            max = Math.max(max, reading.celsius());
            sum += reading.celsius();
        }
        return new TemperatureStats(readings.size(), total, min, max, sum);
    }

    /** The stats of both groups of devices together. */
    public TemperatureStats plus(TemperatureStats other) {
        int answered = responded + other.responded;
        return new TemperatureStats(answered, total + other.total,
                other.responded == 0 ? min : responded == 0 ? other.min : Math.min(min, other.min),
                other.responded == 0 ? max : responded == 0 ? other.max : Math.max(max, other.max),
                sum + other.sum);
    }

    public double average() {
        return responded == 0 ? Double.NaN : sum / responded;
    }

    /** Whether every device asked answered. */
    public boolean complete() {
        return responded == total;
    }
}
