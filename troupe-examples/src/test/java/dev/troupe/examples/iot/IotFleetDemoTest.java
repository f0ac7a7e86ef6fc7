package dev.troupe.examples.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The demo's command line: a short run of a small fleet, its summary and a clean exit; bad options. */
class IotFleetDemoTest {

    @Test
    void aShortRunPrintsTheSummaryAndShutsDownCleanly() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exitCode;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exitCode = new CommandLine(new IotFleetDemo()).execute("--devices", "5000", "--duration", "2",
                    "--report-interval", "200", "--failure-rate", "0.001", "--devices-per-building", "500");
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(output).isZero();
        assertThat(output).contains("IoT fleet: 5,000 devices in 10 buildings in 1 regions")
                .containsPattern("Observer: http://127\\.0\\.0\\.1:\\d+/")
                .contains("msg/s", "devices alive 5,000")
                .containsPattern("report latency +P50 .*, P99 ")
                .containsPattern("memory per device +[\\d,]+ bytes")
                .contains("5,000 of 5,000 devices answered")
                .containsPattern("shutdown +[\\d,]+ ms, all actors stopped");
        // The system's threads (iot-dispatcher-*, iot-shutdown) are gone: nothing keeps the JVM from exiting. The
        // shutdown thread completes the termination as its last act, so it may take a moment to end.
        await().atMost(Duration.ofSeconds(20)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && !t.isDaemon() && t.getName().startsWith("iot-")));
    }

    @Test
    void badOptionsAreRejectedWithTheReason() {
        assertThat(rejection("--devices", "-5")).contains("devices must be at least 1, was -5");
        assertThat(rejection("--failure-rate", "1.5")).contains("failure rate is a probability from 0 to 1, was 1.5");
        assertThat(rejection("--duration", "-1")).contains("--duration must not be negative");
        assertThat(rejection("--observer-port", "70000")).contains("--observer-port must be");
        assertThat(rejection("--devices", "many")).contains("'many' is not an int");
    }

    @Test
    void helpListsTheOptions() {
        StringWriter help = new StringWriter();
        CommandLine cli = new CommandLine(new IotFleetDemo());
        cli.setOut(new PrintWriter(help));
        assertThat(cli.execute("--help")).isZero();
        assertThat(help.toString()).contains("--devices", "--duration", "--failure-rate", "--observer-port");
    }

    private static String rejection(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new IotFleetDemo());
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute(args)).as("exit code for %s", String.join(" ", args)).isEqualTo(2);
        return err.toString();
    }
}
