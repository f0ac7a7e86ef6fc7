package dev.troupe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.bench.PersistenceForkMain.Spec;
import dev.troupe.bench.PersistenceRounds.Target;
import dev.troupe.bench.PersistenceRounds.Total;
import dev.troupe.persistence.JdbcStore;
import dev.troupe.persistence.Snapshot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A persistence fork reports only rounds that pass their checks, and a failed check fails the run. */
class PersistenceForkMainTest {
    private static final long EVENTS = 3_000;
    private static final long SNAPSHOT_AT = 2_000;

    @TempDir
    Path directory;

    private Spec recoverFromSnapshot() {
        return new Spec(1, PersistenceFigure.RECOVER_SNAPSHOT, 0, 2, new Target("sqlite", directory.toString(), "", ""),
                1, 1, EVENTS, SNAPSHOT_AT);
    }

    /** The recovery fixture as the bench fills it: the events and a true snapshot at {@link #SNAPSHOT_AT}. */
    private void fixture() throws Exception {
        try (JdbcStore store = recoverFromSnapshot().target().openFixture()) {
            PersistenceRounds.fill(store, EVENTS, SNAPSHOT_AT);
        }
    }

    /** The fixture with a later snapshot, at {@code SNAPSHOT_AT + 1}, that holds {@code state}. */
    private void fixtureWithLaterSnapshot(Total state) throws Exception {
        fixture();
        try (JdbcStore store = recoverFromSnapshot().target().openFixture()) {
            store.snapshotStore().save(new Snapshot(PersistenceRounds.RECOVERED, SNAPSHOT_AT + 1, state))
                    .toCompletableFuture().get(1, TimeUnit.MINUTES);
        }
    }

    private record Outcome(int exitCode, String output) {}

    private static Outcome runInProcess(Spec spec) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode = PersistenceForkMain.run(spec, new PrintStream(output, true, StandardCharsets.UTF_8));
        return new Outcome(exitCode, output.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSoundRecoveryReportsEachMeasuredRound() throws Exception {
        fixture();

        Outcome outcome = runInProcess(recoverFromSnapshot());

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.output().lines()).hasSize(2)
                .allMatch(line -> line.startsWith("#PERSIST\t1\tRECOVER_SNAPSHOT\tsqlite\tmeasure\t"));
    }

    @Test
    void aRecoveryToAWrongStateFailsTheForkAndReportsNoRound() throws Exception {
        fixtureWithLaterSnapshot(new Total(SNAPSHOT_AT + 1, 7)); // corrupt: the recovered sum is not the fold

        Outcome outcome = runInProcess(recoverFromSnapshot());

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.output()).doesNotContain(PersistenceForkMain.TAG);
    }

    @Test
    void aRecoveryThatReplaysOtherEventsThanClaimedFailsInItsOwnJvmAndFailsTheRun() throws Exception {
        fixtureWithLaterSnapshot(Total.ofFirst(SNAPSHOT_AT + 1)); // true, but 999 events after it, not 1,000
        List<String> command = new ArrayList<>(Forks.jvmOptions("128m"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PersistenceForkMain.class.getName()));
        command.addAll(recoverFromSnapshot().toArgs());
        List<String> results = new ArrayList<>();

        boolean succeeded = Forks.run(Forks.java(), command, "corrupt fork", PersistenceForkMain.TAG, results::add);

        assertThat(succeeded).isFalse();
        assertThat(results).isEmpty();
    }

    @Test
    void aSpecSurvivesTheCommandLineAndABadOneIsRefused() {
        Spec spec = new Spec(2, PersistenceFigure.PERSIST_MANY, 1, 3, new Target("postgres",
                "jdbc:postgresql://127.0.0.1:5432/bench", "troupe", ""), 1_000, 50, 1_000_000, 999_000);

        assertThat(Spec.parse(spec.toArgs().toArray(String[]::new))).isEqualTo(spec);
        assertThatThrownBy(() -> Spec.parse(new String[] {"1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12 arguments");
    }
}
