package dev.troupe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each mode of the parallel-pairs measurement runs and validates its pairs' results (timings never asserted). */
class ParallelPairsMainTest {

    @ParameterizedTest
    @EnumSource(ParallelPairsMain.Mode.class)
    void everyModeRunsItsPairsToAValidatedResult(ParallelPairsMain.Mode mode) throws Exception {
        assertThat(ParallelPairsMain.run(mode, 2_000)).isPositive();
    }
}
