package dev.troupe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The wake-up floor measurement runs and validates every reply (its timings are never asserted). */
class WakeupFloorMainTest {

    @Test
    void everyRoundTripIsRecordedAndAnsweredWithItsOwnRequest() throws Exception {
        assertThat(WakeupFloorMain.roundTrips(2_000).getTotalCount()).isEqualTo(2_000);
    }
}
