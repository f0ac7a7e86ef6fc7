package dev.troupe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The systems a run can name: Troupe's variants get their own settings, and unknown names are refused. */
class SystemKindTest {

    @Test
    void troupeWithOneThreadRunsAWorkloadOnOneDispatcherThread() throws Exception {
        Workload w = Workloads.byName("philosophers");
        Harness.Run run = Harness.run(SystemKind.TROUPE_ONE_THREAD, w, w.tinySize(), Duration.ofSeconds(20));

        assertThat(run.result()).isEqualTo(w.expected().apply(w.tinySize()));
        assertThat(run.workers()).isEqualTo(1);
        assertThat(SystemKind.byId("troupe-1-thread").troupeSettings().parallelism()).isEqualTo(1);
        assertThat(SystemKind.TROUPE.troupeSettings().parallelism()).isEqualTo(SystemKind.THREADS);
    }

    @Test
    void pekkoHasNoTroupeSettingsAndAnUnknownNameListsTheKnownOnes() {
        assertThatThrownBy(SystemKind.PEKKO::troupeSettings).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SystemKind.byId("akka"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("troupe, troupe-metrics, troupe-1-thread, pekko, pekko-default");
    }
}
