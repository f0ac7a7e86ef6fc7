package dev.troupe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The batching measurement runs and validates both variants (timings are never asserted). */
class BatchingMainTest {

    @Test
    void bothVariantsWriteEveryRowOnce() throws Exception {
        assertThat(BatchingMain.run(false, 100, 16, false)).isPositive();
        assertThat(BatchingMain.run(true, 100, 16, true)).isPositive();
    }
}
