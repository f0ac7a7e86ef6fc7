package dev.troupe.examples.iot;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A remote service that is not always there: it answers each upload after a network latency on a thread of its
 * own, and goes through a {@link #CYCLE} of 30 s again and again, measured from its creation:
 * <ul>
 *   <li>{@link Phase#HEALTHY} for 20 s: 10 to 50 ms, one upload in 100 fails;</li>
 *   <li>{@link Phase#SLOW} for 5 s: 0.5 to 2 s, one in 5 fails;</li>
 *   <li>{@link Phase#DOWN} for 5 s: every upload fails, after 1 to 5 ms.</li>
 * </ul>
 * Thread-safe; {@link #upload} never blocks and never throws (see {@link CloudGateway}). After {@link #close()}
 * every new upload fails with {@link CloudUnavailableException}; those in flight get no answer, so close it
 * once the devices have stopped.
 */
public final class SimulatedCloud implements CloudGateway, AutoCloseable {
    /** One round of healthy, slow and down. */
    public static final Duration CYCLE = Duration.ofSeconds(30);

    /** The state of the service at a moment. */
    public enum Phase {
        HEALTHY(10, 50, 0.01), SLOW(500, 2_000, 0.2), DOWN(1, 5, 1.0);

        final int minLatencyMillis;
        final int maxLatencyMillis;
        final double failureRate;

        Phase(int minLatencyMillis, int maxLatencyMillis, double failureRate) {
            this.minLatencyMillis = minLatencyMillis;
            this.maxLatencyMillis = maxLatencyMillis;
            this.failureRate = failureRate;
        }

        /** The phase {@code elapsed} after the start of the cycles. */
        public static Phase at(Duration elapsed) {
            long second = elapsed.toSeconds() % CYCLE.toSeconds();
            return second < 20 ? HEALTHY : second < 25 ? SLOW : DOWN;
        }
    }

    private final long startNanos = System.nanoTime();
    private final ScheduledThreadPoolExecutor network;
    private final LongAdder received = new LongAdder();

    public SimulatedCloud() {
        network = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "simulated-cloud");
            thread.setDaemon(true);
            return thread;
        });
        network.setRemoveOnCancelPolicy(true);
        network.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** The phase the service is in now. */
    public Phase phase() {
        return Phase.at(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** Uploads that reached the service, whatever their outcome. */
    public long received() {
        return received.sum();
    }

    @Override
    public CompletionStage<Void> upload(Upload upload) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        Phase phase = phase();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long latency = random.nextLong(phase.minLatencyMillis, phase.maxLatencyMillis + 1);
        boolean fails = random.nextDouble() < phase.failureRate;
        received.increment();
        try {
            network.schedule(() -> {
                if (fails) {
                    acknowledged.completeExceptionally(new CloudUnavailableException(
                            "the cloud failed the upload of device " + upload.deviceId() + " (" + phase + ")"));
                } else {
                    acknowledged.complete(null);
                }
            }, latency, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            acknowledged.completeExceptionally(new CloudUnavailableException("the cloud is shut down"));
        }
        return acknowledged;
    }

    /** Stops the service's thread; uploads in flight get no answer. */
    @Override
    public void close() {
        network.shutdownNow();
    }
}
