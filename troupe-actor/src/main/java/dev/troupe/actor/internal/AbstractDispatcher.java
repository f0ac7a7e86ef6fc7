package dev.troupe.actor.internal;

import java.time.Duration;

/** The turn limits every dispatcher kind has: messages per turn and an optional deadline. Immutable. */
abstract class AbstractDispatcher implements Dispatcher {
    private final int throughput;
    private final long deadlineNanos;

    AbstractDispatcher(int throughput, Duration throughputDeadline) {
        this.throughput = throughput;
        this.deadlineNanos = throughputDeadline.toNanos();
    }

    @Override
    public final int throughput() {
        return throughput;
    }

    @Override
    public final long throughputDeadlineNanos() {
        return deadlineNanos;
    }
}
