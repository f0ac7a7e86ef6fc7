package dev.troupe.testkit.internal;

import dev.troupe.actor.Cancellable;
import dev.troupe.actor.Scheduler;
import java.time.Duration;

/** The clock of a synchronous behavior test: it never moves, and nothing can be scheduled on it. */
final class StoppedClock implements Scheduler {

    @Override
    public Cancellable scheduleOnce(Duration delay, Runnable task) {
        throw unsupported();
    }

    @Override
    public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration interval, Runnable task) {
        throw unsupported();
    }

    @Override
    public Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration delay, Runnable task) {
        throw unsupported();
    }

    @Override
    public long nanoTime() {
        return 0;
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("BehaviorTestKit runs no scheduled tasks; timers are recorded "
                + "as effects instead");
    }
}
