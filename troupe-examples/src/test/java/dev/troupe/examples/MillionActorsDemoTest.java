package dev.troupe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MillionActorsDemoTest {

    @Test
    void everyActorRepliesAndTheReportSaysSo() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exitCode;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exitCode = new CommandLine(new MillionActorsDemo()).execute("--actors", "20000");
        } finally {
            System.setOut(original);
        }
        String report = captured.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).isZero();
        assertThat(report).contains("replies collected      20,000 of 20,000")
                .contains("heap used per actor").contains("all actors stopped");
    }

    @Test
    void rejectsANonPositiveActorCount() {
        CommandLine cli = new CommandLine(new MillionActorsDemo());
        cli.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        assertThat(cli.execute("--actors", "0")).isEqualTo(2);
    }
}
