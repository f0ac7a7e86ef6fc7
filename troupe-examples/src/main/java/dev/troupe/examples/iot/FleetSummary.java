package dev.troupe.examples.iot;

import java.io.PrintStream;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** The table printed at the end of a run. Immutable once made. */
record FleetSummary(FleetSettings settings, long spawnNanos, long runNanos, long messages, long readings,
                    long reports, long restarts, long faultsInjected, long devicesAlive, long uploadsOk,
                    long uploadsFailed, long uploadsRejected, long breakerOpenings, Histogram latencyMicros, long deadLetters,
                    long heapPerDevice, TemperatureReport.Fleet temperatures, long gatherNanos,
                    QueryReply sampleQuery) {

    FleetSummary(FleetSettings settings, long spawnNanos, long runNanos, long messages, FleetCounters counters,
                 long faultsInjected, long breakerOpenings, Histogram latencyMicros, long deadLetters,
                 long heapPerDevice,
                 TemperatureReport.Fleet temperatures, long gatherNanos, QueryReply sampleQuery) {
        this(settings, spawnNanos, runNanos, messages, counters.readings(), counters.reports(), counters.restarts(),
                faultsInjected, counters.devicesAlive(), counters.uploads(UploadOutcome.OK),
                counters.uploads(UploadOutcome.FAILED), counters.uploads(UploadOutcome.REJECTED), breakerOpenings,
                latencyMicros,
                deadLetters, heapPerDevice, temperatures, gatherNanos, sampleQuery);
    }

    void print(PrintStream out, long shutdownNanos, long deadLettersAtShutdown) {
        double seconds = runNanos / 1e9;
        TemperatureStats t = temperatures.stats();
        out.println();
        row(out, "devices", "%,d spawned in %,d ms (%,.0f/s); %,d alive at the end", settings.devices(),
                spawnNanos / 1_000_000, settings.devices() / (spawnNanos / 1e9), devicesAlive);
        row(out, "run", "%.1f s", seconds);
        row(out, "messages", "%,d processed by all actors while running", messages);
        row(out, "throughput", "%,.0f messages/s", messages / seconds);
        row(out, "readings", "%,d taken, %,d reports received (%,.0f/s)", readings, reports, reports / seconds);
        row(out, "report latency", "P50 %s, P99 %s, max %s (device send to building receive)",
                micros(latencyMicros.getValueAtPercentile(50)), micros(latencyMicros.getValueAtPercentile(99)),
                micros(latencyMicros.getMaxValue()));
        row(out, "restarts", "%,d (faults injected: %,d)", restarts, faultsInjected);
        row(out, "uploads", "%,d ok, %,d failed, %,d rejected by the circuit breaker (it opened %,d times)",
                uploadsOk, uploadsFailed, uploadsRejected, breakerOpenings);
        row(out, "dead letters", "%,d before shutdown (answers too late for the aggregation), %,d at shutdown "
                + "(reports in flight)", deadLetters, deadLettersAtShutdown);
        row(out, "memory per device", "%,d bytes (heap after GC with the fleet minus before, / devices)",
                heapPerDevice);
        row(out, "temperature", "min %.2f / avg %.2f / max %.2f °C, %,d of %,d devices answered (in %,d ms)",
                t.min(), t.average(), t.max(), t.responded(), t.total(), gatherNanos / 1_000_000);
        row(out, "query", "%s", describe(sampleQuery));
        row(out, "shutdown", "%,d ms, all actors stopped", shutdownNanos / 1_000_000);
    }

    private static void row(PrintStream out, String name, String format, Object... args) {
        out.printf(Locale.ROOT, "%-18s %s%n", name, String.format(Locale.ROOT, format, args));
    }

    private static String micros(long micros) {
        return micros < 1_000 ? micros + " µs" : String.format(Locale.ROOT, "%.1f ms", micros / 1_000.0);
    }

    private static String describe(QueryReply reply) {
        return switch (reply) {
            case QueryReply.Reading(int id, long sequence, double celsius) ->
                    String.format(Locale.ROOT, "device %d reads %.2f °C (reading %d since its start)", id, celsius,
                            sequence);
            case QueryReply.UnknownDevice(int id, int devices) -> "device " + id + " unknown (of " + devices + ")";
        };
    }
}
