package dev.troupe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.persistence.internal.PostgresCluster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The persistence bench runs in forks and checks itself in quick mode, on SQLite and on its own PostgreSQL
 * cluster, or says that it skipped PostgreSQL (timings are never asserted).
 */
class PersistenceBenchMainTest {

    @Test
    void quickModeMeasuresAndValidatesEveryFigureInForks() {
        List<String> args = new ArrayList<>(List.of("--quick"));
        if ("1".equals(System.getenv("TROUPE_REQUIRE_POSTGRES"))) {
            args.add("--require-postgres"); // CI installs PostgreSQL: skipping it there would hide a failure
        }
        CommandRun run = CommandRun.of(new PersistenceBenchMain(), args.toArray(String[]::new));
        String report = run.output();
        assertThat(run.exitCode()).as(report).isZero();
        String summary = report.substring(report.indexOf("Medians over 1 fork(s) x 1 rounds"));
        assertThat(summary).contains("sqlite   persist, 1 actor x 50 events:", "sqlite   persist, 1,000 actors x 2 events:",
                "sqlite   recover 5,000 events, no snapshot:", "sqlite   recover 5,000 events, 1,000 after a snapshot:");
        if (PostgresCluster.findBinaries().isPresent()) {
            assertThat(summary).contains("postgres persist, 1 actor x 50 events:",
                    "postgres persist, 1,000 actors x 2 events:", "postgres recover 5,000 events, no snapshot:",
                    "postgres recover 5,000 events, 1,000 after a snapshot:");
        } else {
            assertThat(summary).contains("PostgreSQL figures skipped: ").doesNotContain("postgres ");
        }
    }
}
