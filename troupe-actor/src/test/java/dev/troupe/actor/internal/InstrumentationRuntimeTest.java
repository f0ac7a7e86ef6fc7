package dev.troupe.actor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a pool thread's sampling throttle moves with the spacing of its samples. */
class InstrumentationRuntimeTest {
    private static final long SPACING = 50_000;

    @Test
    void samplesCloserThanTheSpacingThrottleOneStepEachUpToTheCap() {
        int throttle = 0;
        for (int step = 1; step <= InstrumentationRuntime.MAX_THROTTLE; step++) {
            throttle = InstrumentationRuntime.nextThrottle(throttle, SPACING - 1, SPACING);
            assertThat(throttle).isEqualTo(step);
        }
        assertThat(InstrumentationRuntime.nextThrottle(throttle, 0, SPACING)).isEqualTo(InstrumentationRuntime.MAX_THROTTLE);
    }

    @Test
    void samplesFourSpacingsApartOrMoreReleaseOneStepEachDownToNone() {
        assertThat(InstrumentationRuntime.nextThrottle(3, 4 * SPACING, SPACING)).isEqualTo(2);
        assertThat(InstrumentationRuntime.nextThrottle(1, Long.MAX_VALUE, SPACING)).isZero();
        assertThat(InstrumentationRuntime.nextThrottle(0, Long.MAX_VALUE, SPACING)).isZero();
    }

    @Test
    void samplesBetweenOneAndFourSpacingsApartKeepTheThrottle() {
        assertThat(InstrumentationRuntime.nextThrottle(2, SPACING, SPACING)).isEqualTo(2);
        assertThat(InstrumentationRuntime.nextThrottle(2, 4 * SPACING - 1, SPACING)).isEqualTo(2);
        assertThat(InstrumentationRuntime.nextThrottle(0, 2 * SPACING, SPACING)).isZero();
    }
}
