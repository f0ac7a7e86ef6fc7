package dev.troupe.examples.iot;

import dev.troupe.observe.ObserverSettings;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The README's main demo: a fleet of IoT devices (regions, buildings, devices; a million by default) that take
 * readings on jittered timers, report them, upload some to an unreliable cloud and crash now and then. Shows a
 * progress bar while spawning, then a live line and the observer's URL, and at the end a summary; then shuts
 * down cleanly.
 */
@Command(name = "iot-fleet", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Simulates a fleet of IoT devices as actors: regions > buildings > devices.")
public final class IotFleetDemo implements Callable<Integer> {
    /** How long each building waits for its devices in the final aggregation. */
    private static final Duration AGGREGATION_TIMEOUT = Duration.ofSeconds(5);

    @Option(names = "--devices", defaultValue = "1000000", description = "Device actors (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--duration", defaultValue = "60",
            description = "Seconds to run once all devices are spawned (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--failure-rate", defaultValue = "0.00005",
            description = "Probability that a reading crashes its device, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double failureRate;

    @Option(names = "--observer-port", defaultValue = "0",
            description = "Port of the web observer on 127.0.0.1; 0 picks a free one, -1 turns it off "
                    + "(default: ${DEFAULT-VALUE}).")
    int observerPort;

    @Option(names = "--report-interval", defaultValue = "10000",
            description = "Mean milliseconds between two readings of a device, jittered by 20%% "
                    + "(default: ${DEFAULT-VALUE}).")
    long reportIntervalMillis;

    @Option(names = "--upload-rate", defaultValue = "0.02",
            description = "Probability that a reading is uploaded to the cloud, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double uploadRate;

    @Option(names = "--devices-per-building", defaultValue = "1000", description = "(default: ${DEFAULT-VALUE})")
    int devicesPerBuilding;

    @Option(names = "--buildings-per-region", defaultValue = "100", description = "(default: ${DEFAULT-VALUE})")
    int buildingsPerRegion;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new IotFleetDemo()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        FleetSettings settings = settings();
        PrintStream out = System.out;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapBefore = usedHeapAfterGc(memory);
        long spawnStart = System.nanoTime();
        try (RunningFleet fleet = RunningFleet.start(settings, observerPort < 0 ? Optional.empty()
                : Optional.of(ObserverSettings.builder().port(observerPort).build()))) {
            FleetLayout layout = settings.layout();
            out.printf("IoT fleet: %,d devices in %,d buildings in %,d regions%n", settings.devices(),
                    layout.buildings(), layout.regions());
            fleet.observer().ifPresent(o -> out.println("Observer: " + o.url()));
            awaitSpawned(fleet);
            long spawnNanos = System.nanoTime() - spawnStart;
            long heapPerDevice = (usedHeapAfterGc(memory) - heapBefore) / settings.devices();
            out.printf("Spawned in %,d ms; heap per device %,d bytes. Running for %d s.%n",
                    spawnNanos / 1_000_000, heapPerDevice, durationSeconds);

            LiveLine live = new LiveLine(fleet, out);
            long messagesAtStart = fleet.metrics().snapshot().messagesProcessed();
            long runStart = System.nanoTime();
            live.runFor(Duration.ofSeconds(durationSeconds));
            long runNanos = System.nanoTime() - runStart;
            long messages = fleet.metrics().snapshot().messagesProcessed() - messagesAtStart;

            long gatherStart = System.nanoTime();
            TemperatureReport.Fleet temperatures = fleet.aggregate(AGGREGATION_TIMEOUT).toCompletableFuture().join();
            long gatherNanos = System.nanoTime() - gatherStart;
            int someDevice = ThreadLocalRandom.current().nextInt(settings.devices());
            QueryReply reading = fleet.query(someDevice, Duration.ofSeconds(5)).toCompletableFuture().join();

            FleetSummary summary = new FleetSummary(settings, spawnNanos, runNanos, messages, fleet.counters(),
                    fleet.faults().injected(), fleet.breaker().map(BreakerGateway::timesOpened).orElse(0L),
                    fleet.latency().total(), fleet.system().deadLetterCount(),
                    heapPerDevice, temperatures, gatherNanos, reading);
            long shutdownStart = System.nanoTime();
            fleet.close();
            long shutdownNanos = System.nanoTime() - shutdownStart;
            summary.print(out, shutdownNanos, fleet.system().deadLetterCount() - summary.deadLetters());
        }
        return 0;
    }

    private FleetSettings settings() {
        try {
            if (durationSeconds < 0) {
                throw new IllegalArgumentException("--duration must not be negative, was " + durationSeconds);
            }
            if (observerPort < -1 || observerPort > 65_535) {
                throw new IllegalArgumentException("--observer-port must be -1 (off), 0 (any) or a port up to 65535, "
                        + "was " + observerPort);
            }
            return new FleetSettings(devices, devicesPerBuilding, buildingsPerRegion,
                    Duration.ofMillis(reportIntervalMillis), failureRate, uploadRate, Duration.ofMillis(200),
                    Duration.ofSeconds(5));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid option: " + e.getMessage());
        }
    }

    private static void awaitSpawned(RunningFleet fleet) throws InterruptedException {
        int devices = fleet.settings().devices();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Spawning").setInitialMax(devices)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(100).continuousUpdate().build()) {
            while (!fleet.spawned()) { // a program, not a test: polling a counter is fine here
                bar.stepTo(Math.min(fleet.counters().spawned(), fleet.counters().started()));
                Thread.sleep(50);
            }
            bar.stepTo(devices);
        }
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        System.gc(); // a full collection with the parallel collector; the second finds what the first freed
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
