package dev.troupe.remote.internal.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PhiAccrualFailureDetectorTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    /** Time that moves only when told. */
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    private PhiAccrualFailureDetector detector(Duration acceptablePause) {
        return new PhiAccrualFailureDetector(8.0, 1_000, Duration.ofMillis(100), acceptablePause, SECOND, now::get);
    }

    /** Heartbeats every second, {@code count} times; the clock ends at the last one. */
    private void beatEverySecond(PhiAccrualFailureDetector detector, int count) {
        for (int i = 0; i < count; i++) {
            detector.heartbeat();
            if (i < count - 1) {
                advance(SECOND);
            }
        }
    }

    @Test
    void beforeTheFirstHeartbeatTheNodeIsNotMonitoredAndCountsAsAvailable() {
        PhiAccrualFailureDetector detector = detector(Duration.ZERO);
        advance(Duration.ofHours(1));

        assertThat(detector.isMonitoring()).isFalse();
        assertThat(detector.phi()).isZero();
        assertThat(detector.isAvailable()).isTrue();

        detector.heartbeat();
        assertThat(detector.isMonitoring()).isTrue();
        assertThat(detector.phi()).isLessThan(1e-3);
    }

    @Test
    void phiRisesSteadilyWithSilence() {
        PhiAccrualFailureDetector detector = detector(Duration.ZERO);
        beatEverySecond(detector, 20);

        List<Double> phis = new ArrayList<>();
        for (int step = 0; step < 30; step++) {
            phis.add(detector.phi());
            advance(Duration.ofMillis(100));
        }

        assertThat(phis).isSorted();
        assertThat(phis.getFirst()).isLessThan(0.1);
        assertThat(phis.getLast()).isGreaterThan(phis.get(10) + 1.0);
    }

    @Test
    void theNodeBecomesUnavailableWhenPhiCrossesTheThreshold() {
        PhiAccrualFailureDetector detector = detector(Duration.ZERO);
        beatEverySecond(detector, 20);

        advance(SECOND);
        assertThat(detector.isAvailable()).as("on time").isTrue();
        assertThat(detector.phi()).isLessThan(1.0);

        Duration silence = SECOND;
        while (detector.isAvailable()) {
            advance(Duration.ofMillis(10));
            silence = silence.plusMillis(10);
        }
        assertThat(detector.phi()).isGreaterThanOrEqualTo(8.0);
        // 1 s mean, 100 ms minimum deviation: phi 8 lies a little more than 5 deviations out.
        assertThat(silence).isBetween(Duration.ofMillis(1_400), Duration.ofMillis(1_700));

        advance(Duration.ofDays(1));
        assertThat(detector.phi()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void heartbeatsResumingMakeTheNodeAvailableAgainAndTheOutageIsNotLearned() {
        PhiAccrualFailureDetector detector = detector(Duration.ZERO);
        beatEverySecond(detector, 20);
        advance(Duration.ofMillis(1_300));
        double phiBefore = detector.phi();
        advance(Duration.ofSeconds(60).minusMillis(1_300));
        assertThat(detector.isAvailable()).isFalse();

        detector.heartbeat();
        assertThat(detector.isAvailable()).isTrue();
        assertThat(detector.phi()).isLessThan(1e-3);

        advance(Duration.ofMillis(1_300));
        assertThat(detector.phi()).as("the 60 s gap did not widen the distribution").isEqualTo(phiBefore);
    }

    @Test
    void anAcceptablePauseIsToleratedOnTopOfTheMeanInterval() {
        PhiAccrualFailureDetector strict = detector(Duration.ZERO);
        PhiAccrualFailureDetector tolerant = detector(Duration.ofSeconds(3));
        beatEverySecond(strict, 20);
        now.set(1_000_000_000L);
        beatEverySecond(tolerant, 20);

        advance(Duration.ofMillis(3_500)); // the mean interval, plus 2.5 s of pause
        assertThat(strict.isAvailable()).isFalse();
        assertThat(tolerant.isAvailable()).isTrue();
        assertThat(tolerant.phi()).isLessThan(1.0);

        advance(Duration.ofSeconds(2));
        assertThat(tolerant.isAvailable()).as("beyond mean plus pause").isFalse();
    }

    @Test
    void theFirstHeartbeatEstimateStandsInUntilIntervalsAreMeasured() {
        PhiAccrualFailureDetector detector = new PhiAccrualFailureDetector(8.0, 1_000, Duration.ofMillis(100),
                Duration.ZERO, Duration.ofSeconds(10), now::get);
        detector.heartbeat();

        advance(Duration.ofSeconds(10));
        assertThat(detector.isAvailable()).isTrue();
        advance(Duration.ofSeconds(20));
        assertThat(detector.isAvailable()).isFalse();
    }

    @Test
    void onlyTheLastSamplesCountSoTheDetectorAdaptsToANewRate() {
        PhiAccrualFailureDetector detector = new PhiAccrualFailureDetector(8.0, 10, Duration.ofMillis(100),
                Duration.ZERO, SECOND, now::get);
        beatEverySecond(detector, 20);
        for (int i = 0; i < 10; i++) {
            advance(Duration.ofMillis(1_400)); // slower, but each still within the threshold of the last mean
            detector.heartbeat();
        }

        advance(Duration.ofMillis(1_600));
        assertThat(detector.phi()).as("the mean is now 1.4 s").isLessThan(3.0);
        assertThat(detector.toString()).contains("samples=10", "mean=PT1.4S");
    }

    @Test
    void aClockGoingBackwardsCountsAsNoTimePassing() {
        PhiAccrualFailureDetector detector = detector(Duration.ZERO);
        beatEverySecond(detector, 5);
        advance(Duration.ofSeconds(-30));

        assertThat(detector.phi()).isLessThan(1e-3);
        detector.heartbeat();
        assertThat(detector.isAvailable()).isTrue();
    }

    @Test
    void badSettingsAreRejected() {
        Duration ms = Duration.ofMillis(1);
        assertThatThrownBy(() -> new PhiAccrualFailureDetector(0, 10, ms, ms, ms, now::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold");
        assertThatThrownBy(() -> new PhiAccrualFailureDetector(Double.NaN, 10, ms, ms, ms, now::get))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PhiAccrualFailureDetector(8, 0, ms, ms, ms, now::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample size");
        assertThatThrownBy(() -> new PhiAccrualFailureDetector(8, 10, Duration.ZERO, ms, ms, now::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("standard deviation");
        assertThatThrownBy(() -> new PhiAccrualFailureDetector(8, 10, ms, ms.negated(), ms, now::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pause");
        assertThatThrownBy(() -> new PhiAccrualFailureDetector(8, 10, ms, ms, Duration.ZERO, now::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("estimate");
        assertThatThrownBy(() -> new PhiAccrualFailureDetector(8, 10, ms, ms, ms, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void heartbeatsFromOneThreadAndQueriesFromOthersNeverSeeABrokenState() throws Exception {
        AtomicLong clock = new AtomicLong();
        PhiAccrualFailureDetector detector = new PhiAccrualFailureDetector(8.0, 100, Duration.ofMillis(100),
                Duration.ZERO, SECOND, clock::get);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<?> beats = pool.submit(() -> {
                start.await();
                for (int i = 0; i < 100_000; i++) {
                    clock.addAndGet(SECOND.toNanos() + (i % 7) * 1_000_000L);
                    detector.heartbeat();
                }
                return null;
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    start.await();
                    int unavailable = 0;
                    for (int i = 0; i < 100_000; i++) {
                        double phi = detector.phi();
                        assertThat(phi).isNotNaN().isGreaterThanOrEqualTo(0.0);
                        unavailable += detector.isAvailable() ? 0 : 1;
                    }
                    return unavailable;
                }));
            }
            start.countDown();
            beats.get(60, TimeUnit.SECONDS);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).as("regular heartbeats, never suspected").isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
