package dev.troupe.bench.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** A broken remote run (lost, duplicated, reordered or unanswered messages) reports no figure. */
class RemoteChecksTest {
    @Test
    void throughputNeedsEveryPingOnceAndInOrder() {
        assertThat(RemoteChecks.roundUp(1_001, 100)).isEqualTo(1_100);
        assertThat(RemoteChecks.roundUp(1_000, 100)).isEqualTo(1_000);
        assertThatCode(() -> RemoteChecks.checkThroughput(1_000, 1_000, 500_500, true)).doesNotThrowAnyException();
        assertThatThrownBy(() -> RemoteChecks.checkThroughput(1_000, 999, 499_500, true))
                .hasMessageContaining("the receiver got 999");
        assertThatThrownBy(() -> RemoteChecks.checkThroughput(1_000, 1_000, 500_499, true))
                .hasMessageContaining("summing to 500499");
        assertThatThrownBy(() -> RemoteChecks.checkThroughput(1_000, 1_000, 500_500, false))
                .hasMessageContaining("OUT OF ORDER");
    }

    @Test
    void latencyNeedsEveryRoundTripAnsweredAndTimed() {
        Histogram histogram = new Histogram(3);
        histogram.recordValue(10);
        histogram.recordValue(20);
        assertThatCode(() -> RemoteChecks.checkRoundTrips(2, 2, histogram)).doesNotThrowAnyException();
        assertThatThrownBy(() -> RemoteChecks.checkRoundTrips(3, 2, histogram)).hasMessageContaining("last answer 2");
        assertThatThrownBy(() -> RemoteChecks.checkRoundTrips(2, 2, new Histogram(3)))
                .hasMessageContaining("0 timed");
    }
}
