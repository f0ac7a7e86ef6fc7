package dev.troupe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every workload once, at its tiny size, on both systems and checks that it validates. Proves the
 * benchmarks still run and compute the right thing; asserts nothing about time.
 */
class WorkloadsTest {

    @TestFactory
    Stream<DynamicTest> everyWorkloadValidatesOnBothSystems() {
        return Workloads.ALL.stream().flatMap(w -> Stream.of(SystemKind.TROUPE, SystemKind.PEKKO)
                .map(kind -> DynamicTest.dynamicTest(w.name() + " on " + kind.id(), () -> {
                    long size = w.tinySize();
                    Harness.Run run = Harness.run(kind, w, size, Duration.ofSeconds(20));
                    // Harness.run already validated; check the record is what the workload promised.
                    assertThat(run.result()).isEqualTo(w.expected().apply(size));
                    // Both systems are configured alike: at most THREADS dispatcher threads (Pekko's internal
                    // dispatcher is pointed at the default one, so it adds none).
                    assertThat(run.workers()).as("dispatcher threads").isBetween(1, SystemKind.THREADS);
                })));
    }

    @TestFactory
    Stream<DynamicTest> aWrongResultIsRejected() {
        Workload w = Workloads.byName("counting");
        return Stream.of(DynamicTest.dynamicTest("counting with a wrong sum", () ->
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.validate(10, new Result(10, 54)))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("no time is reported")));
    }
}
