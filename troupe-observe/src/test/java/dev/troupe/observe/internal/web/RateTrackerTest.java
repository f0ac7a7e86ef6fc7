package dev.troupe.observe.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.actor.ActorPath;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Rates per actor from the change of its counter between looks, with made-up clocks. */
class RateTrackerTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final ActorPath WORKER = ActorPath.root("rates").child("user", 1).child("worker", 2);

    private final RateTracker rates = new RateTracker();

    @Test
    void firstLookGivesTheLifetimeAverage() {
        assertThat(rates.perSecond(WORKER, 100, 2 * SECOND, 10 * SECOND)).isEqualTo(50);
    }

    @Test
    void laterLookGivesTheRateSinceThePreviousOne() {
        rates.perSecond(WORKER, 100, 2 * SECOND, 10 * SECOND);
        assertThat(rates.perSecond(WORKER, 300, 4 * SECOND, 12 * SECOND)).isEqualTo(100);
        assertThat(rates.perSecond(WORKER, 300, 5 * SECOND, 13 * SECOND)).isZero();
    }

    @Test
    void looksCloserThanTheWindowRepeatTheLastRate() {
        rates.perSecond(WORKER, 100, 2 * SECOND, 10 * SECOND);
        assertThat(rates.perSecond(WORKER, 5_000, 2 * SECOND + SECOND / 2, 10 * SECOND + SECOND / 2))
                .isEqualTo(50);
    }

    @Test
    void aSuccessorWithTheSameNameStartsAfresh() {
        rates.perSecond(WORKER, 1_000, 10 * SECOND, 10 * SECOND);
        ActorPath successor = ActorPath.root("rates").child("user", 1).child("worker", 3);
        assertThat(rates.perSecond(successor, 10, SECOND, 12 * SECOND)).isEqualTo(10);
    }

    @Test
    void actorsNotLookedAtForAMinuteAreForgotten() {
        rates.perSecond(WORKER, 100, 2 * SECOND, 10 * SECOND);
        rates.forgetStale(10 * SECOND + 61 * SECOND);
        // Forgotten: the next look is a first look again, the lifetime average, not the change since t = 10 s.
        assertThat(rates.perSecond(WORKER, 6_300, 63 * SECOND, 71 * SECOND)).isEqualTo(100);
    }
}
