package dev.troupe.examples.iot;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Prints a status line every {@link #EVERY} while the fleet runs: messages processed per second (all actors,
 * from the metrics), reports per second, devices alive, restarts, dead letters, uploads, the cloud's phase, the circuit
 * breaker's state and
 * the heap in use (not collected: it saws up and down with the garbage).
 */
final class LiveLine {
    static final Duration EVERY = Duration.ofSeconds(5);

    private final RunningFleet fleet;
    private final PrintStream out;

    LiveLine(RunningFleet fleet, PrintStream out) {
        this.fleet = fleet;
        this.out = out;
    }

    /** Prints until {@code duration} has passed, on the calling thread. */
    void runFor(Duration duration) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long lastNanos = start;
        long lastMessages = fleet.metrics().snapshot().messagesProcessed();
        long lastReports = fleet.counters().reports();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(EVERY.toMillis(), Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            long now = System.nanoTime();
            long messages = fleet.metrics().snapshot().messagesProcessed();
            long reports = fleet.counters().reports();
            double seconds = (now - lastNanos) / 1e9;
            out.println(line((now - start) / 1e9, (messages - lastMessages) / seconds,
                    (reports - lastReports) / seconds));
            lastNanos = now;
            lastMessages = messages;
            lastReports = reports;
        }
    }

    private String line(double elapsedSeconds, double messagesPerSecond, double reportsPerSecond) {
        FleetCounters c = fleet.counters();
        Runtime heap = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%5.0f s | %,9.0f msg/s | %,8.0f reports/s | devices alive %,d"
                        + " | restarts %,d | dead letters %,d | uploads ok %,d failed %,d rejected %,d (cloud %s%s)"
                        + " | heap %,d MB",
                elapsedSeconds, messagesPerSecond, reportsPerSecond, c.devicesAlive(), c.restarts(),
                fleet.system().deadLetterCount(), c.uploads(UploadOutcome.OK), c.uploads(UploadOutcome.FAILED),
                c.uploads(UploadOutcome.REJECTED), fleet.cloud().phase().name().toLowerCase(Locale.ROOT),
                fleet.breaker().map(b -> ", breaker " + b.state().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .orElse(""),
                (heap.totalMemory() - heap.freeMemory()) >> 20);
    }
}
