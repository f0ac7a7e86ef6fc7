package dev.troupe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The remote bench runs both systems in a fork and checks itself in quick mode (timings are never asserted). */
class RemoteBenchMainTest {

    @TempDir
    Path out;

    @Test
    void quickModeMeasuresAndValidatesBothSystemsPlainAndWithTls() throws IOException {
        CommandRun run = CommandRun.of(new RemoteBenchMain(), "--quick", "--out", out.toString());
        String report = run.output();
        assertThat(run.exitCode()).as(report).isZero();
        assertThat(report).containsPattern("off +troupe +[\\d,]+ ").containsPattern("off +pekko +[\\d,]+ ")
                .containsPattern("on +troupe +[\\d,]+ ").containsPattern("on +pekko +[\\d,]+ ")
                .contains("tls off throughput troupe/pekko", "tls on  P99 troupe/pekko");
        List<String> rounds = Files.readAllLines(out.resolve("remote.csv"));
        assertThat(rounds).hasSize(5).first().isEqualTo("fork,tls,system,msg_per_s,p50_ns,p99_ns,p999_ns");
    }

    @Test
    void theReportGivesMediansAndTheRatioWithItsRangeOverForks() {
        List<RemoteBenchMain.Round> rounds = List.of(
                new RemoteBenchMain.Round(1, "off", "troupe", 300, 10_000, 20_000, 30_000),
                new RemoteBenchMain.Round(1, "off", "pekko", 100, 20_000, 40_000, 50_000),
                new RemoteBenchMain.Round(2, "off", "troupe", 200, 10_000, 20_000, 30_000),
                new RemoteBenchMain.Round(2, "off", "pekko", 100, 40_000, 40_000, 50_000));
        String report = RemoteBenchMain.report(rounds, 2);
        assertThat(report).contains("throughput troupe/pekko   2.50 [2.00–3.00 over forks]")
                .contains("P50 troupe/pekko          0.33 [0.25–0.50 over forks]");
    }

    @Test
    void badOptionsAreRefused() {
        assertThat(new CommandLine(new RemoteBenchMain()).execute("--tls", "maybe")).isEqualTo(2);
        assertThat(new CommandLine(new RemoteBenchMain()).execute("--window", "2")).isEqualTo(2);
    }
}
