package dev.troupe.actor;

import java.time.Duration;

/**
 * Runs short tasks after a delay, for timers, ask time-outs and receive time-outs. Safe to call from any
 * thread. Tasks run on the scheduler's own thread: they must be short and must not block; telling an actor
 * is the intended use.
 *
 * <p>The system's scheduler is chosen by {@link ActorSystemSettings.Builder#scheduler}; the test kit offers a
 * manual one that a test moves forward. Implementations that are {@link AutoCloseable} are closed when the
 * system terminates.
 *
 * <p>Delays must be positive or zero; a negative or null delay throws {@link IllegalArgumentException} or
 * {@link NullPointerException} at the call site.
 */
public interface Scheduler {

    /** Runs {@code task} once after {@code delay}. */
    Cancellable scheduleOnce(Duration delay, Runnable task);

    /** Runs {@code task} after {@code initialDelay} and then every {@code interval}, measured from the start. */
    Cancellable scheduleAtFixedRate(Duration initialDelay, Duration interval, Runnable task);

    /** Runs {@code task} after {@code initialDelay} and then {@code delay} after the end of each run. */
    Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration delay, Runnable task);

    /**
     * The scheduler's clock, in nanoseconds from an arbitrary origin, for measuring elapsed time (restart
     * windows, back-off resets). A manual scheduler returns its virtual time, so that everything timed by the
     * runtime moves only when the test moves it. The default is {@link System#nanoTime()}.
     */
    default long nanoTime() {
        return System.nanoTime();
    }
}
