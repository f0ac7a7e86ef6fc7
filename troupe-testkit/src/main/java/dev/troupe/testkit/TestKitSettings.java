package dev.troupe.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * The time-outs the test kit waits for. Immutable.
 *
 * <p>Every duration is multiplied by {@code timeFactor} before use ({@link #dilated}), so that a slow machine
 * (a loaded CI runner) can stretch all waits at once with the system property
 * {@value #TIME_FACTOR_PROPERTY}, e.g. {@code -Dtroupe.test.timefactor=3}, without touching tests.
 *
 * @param singleExpect how long one expectation ({@link TestProbe#expectMessage}, a spawn, a stop) waits
 * @param expectNoMessage how long {@link TestProbe#expectNoMessage()} watches for an unwanted message
 * @param shutdown how long {@link ActorTestKit#shutdown()} waits for the system to terminate
 * @param timeFactor the dilation factor, at least 1.0
 */
public record TestKitSettings(Duration singleExpect, Duration expectNoMessage, Duration shutdown,
                              double timeFactor) {
    /** The system property read by {@link #defaults()}. */
    public static final String TIME_FACTOR_PROPERTY = "troupe.test.timefactor";

    /**
     * @throws IllegalArgumentException if a duration is not positive or {@code timeFactor} is below 1.0 or not
     *     finite
     */
    public TestKitSettings {
        positive(singleExpect, "singleExpect");
        positive(expectNoMessage, "expectNoMessage");
        positive(shutdown, "shutdown");
        if (!(timeFactor >= 1.0) || Double.isInfinite(timeFactor)) {
            throw new IllegalArgumentException("timeFactor must be a finite number of at least 1.0, was "
                    + timeFactor);
        }
    }

    /**
     * 3 s per expectation, 100 ms for expecting no message, 10 s for shutdown, and the time factor from the
     * system property {@value #TIME_FACTOR_PROPERTY} (1.0 if unset).
     *
     * @throws IllegalArgumentException if the property is set but is not a number of at least 1.0
     */
    public static TestKitSettings defaults() {
        return new TestKitSettings(Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofSeconds(10),
                timeFactorFromProperty());
    }

    /** {@code duration} multiplied by the time factor. */
    public Duration dilated(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        return Duration.ofNanos((long) (duration.toNanos() * timeFactor));
    }

    /** A copy with another time for a single expectation. */
    public TestKitSettings withSingleExpect(Duration singleExpect) {
        return new TestKitSettings(singleExpect, expectNoMessage, shutdown, timeFactor);
    }

    /** A copy with another time for expecting no message. */
    public TestKitSettings withExpectNoMessage(Duration expectNoMessage) {
        return new TestKitSettings(singleExpect, expectNoMessage, shutdown, timeFactor);
    }

    /** A copy with another shutdown time-out. */
    public TestKitSettings withShutdown(Duration shutdown) {
        return new TestKitSettings(singleExpect, expectNoMessage, shutdown, timeFactor);
    }

    private static double timeFactorFromProperty() {
        String value = System.getProperty(TIME_FACTOR_PROPERTY);
        if (value == null || value.isBlank()) {
            return 1.0;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("System property " + TIME_FACTOR_PROPERTY
                    + " must be a number of at least 1.0, was [" + value + "]", e);
        }
    }

    private static void positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
    }
}
