package dev.troupe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options of the runner that the quick run in the build does not use (timings are never asserted). */
class BenchMainTest {

    @TempDir
    Path out;

    @Test
    void jvmPerSystemRunsEachSystemOfAForkInAJvmOfItsOwnAlternatingWhichGoesFirst() throws IOException {
        // --quick would make it one fork; small sizes instead
        CommandRun bench = CommandRun.of(new BenchMain(), "--only", "ping-pong", "--size-scale", "0.01",
                "--warmups", "1", "--rounds", "1", "--heap", "1g", "--systems", "troupe,troupe-metrics",
                "--jvm-per-system", "--forks", "2", "--skip-memory", "--skip-max-actors", "--skip-latency",
                "--out", out.toString());
        assertThat(bench.exitCode()).as(bench.output()).isZero();
        assertThat(bench.output()).contains("troupe-metrics/troupe");

        // runs.csv keeps the order the runs were made in: all of one JVM's runs, then all of the other's (in one
        // JVM the systems would take turns, A B B A)
        List<String> runs = Files.readAllLines(out.resolve("runs.csv")).stream().skip(1)
                .map(line -> line.split(",")).map(cells -> cells[0] + ":" + cells[2]).toList();
        List<String> stretches = new ArrayList<>();
        for (String run : runs) {
            if (stretches.isEmpty() || !stretches.getLast().equals(run)) {
                stretches.add(run);
            }
        }
        assertThat(stretches).containsExactly("1:troupe", "1:troupe-metrics", "2:troupe-metrics", "2:troupe");
    }
}
