package dev.troupe.bench;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.bench.PersistenceRounds.Total;
import org.junit.jupiter.api.Test;

/** The checks that stand between a persistence round and its figure. */
class BenchCheckTest {

    @Test
    void aRecoveryPassesOnlyWithTheFoldOfAllEventsAndTheExpectedReplays() {
        assertThatCode(() -> BenchCheck.recovered(5_000, 1_000, Total.ofFirst(5_000), 1_000)).doesNotThrowAnyException();

        assertThatThrownBy(() -> BenchCheck.recovered(5_000, 1_000, Total.ofFirst(4_000), 1_000))
                .isInstanceOf(BenchCheck.Failed.class)
                .hasMessage("Check failed, no figure: recovered Total[count=4000, sum=8002000], expected the fold of "
                        + "5000 events, Total[count=5000, sum=12502500]");
        assertThatThrownBy(() -> BenchCheck.recovered(5_000, 1_000, Total.ofFirst(5_000), 5_000))
                .isInstanceOf(BenchCheck.Failed.class)
                .hasMessage("Check failed, no figure: replayed 5000 events, expected 1000");
    }

    @Test
    void aCounterPassesOnlyWithTheRightLastReplyAndAllItsEventsStored() {
        assertThatCode(() -> BenchCheck.persisted("c1", 50, Total.ofFirst(50), 50)).doesNotThrowAnyException();

        assertThatThrownBy(() -> BenchCheck.persisted("c1", 50, Total.ofFirst(50), 49))
                .isInstanceOf(BenchCheck.Failed.class).hasMessageContaining("c1 replied").hasMessageContaining("49 "
                        + "events stored");
        assertThatThrownBy(() -> BenchCheck.persisted("c1", 50, new Total(50, 1), 50))
                .isInstanceOf(BenchCheck.Failed.class);
    }
}
