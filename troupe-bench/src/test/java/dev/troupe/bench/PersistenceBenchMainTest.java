package dev.troupe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The persistence bench runs and checks itself in quick mode on SQLite (timings are never asserted). */
class PersistenceBenchMainTest {

    @Test
    void quickModeMeasuresAndValidatesEveryFigureOnSqlite() {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exitCode;
        System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
        try {
            exitCode = new CommandLine(new PersistenceBenchMain()).execute("--quick");
        } finally {
            System.setOut(original);
        }
        String report = output.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(report).isZero();
        assertThat(report).contains("sqlite   persist,     1 actors:", "sqlite   persist, 1,000 actors:",
                "recover 5,000 events without snapshot:", "recover 5,000 events from a snapshot:");
    }
}
