package dev.troupe.actor;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ManualScheduler} whose {@link #nanoTime()} is its virtual time too, so that whatever the runtime
 * times with the scheduler's clock (restart windows) moves only when the test calls {@link #advance}.
 */
final class ManualClock implements Scheduler {
    private final ManualScheduler scheduler = new ManualScheduler();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L); // away from 0, like a real clock

    @Override
    public Cancellable scheduleOnce(Duration delay, Runnable task) {
        return scheduler.scheduleOnce(delay, task);
    }

    @Override
    public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration interval, Runnable task) {
        return scheduler.scheduleAtFixedRate(initialDelay, interval, task);
    }

    @Override
    public Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration delay, Runnable task) {
        return scheduler.scheduleWithFixedDelay(initialDelay, delay, task);
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    /** Moves the clock forward by {@code d}, running due tasks on this thread. */
    void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
        scheduler.advance(d);
    }
}
