package dev.troupe.testkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Events that matched a capture, arriving from any thread, with a wait for a count. Thread-safe. */
public final class Matches<E> {
    private final List<E> events = new ArrayList<>();

    public synchronized void add(E event) {
        events.add(event);
        notifyAll();
    }

    /**
     * Waits until at least {@code count} events have matched or {@code nanos} have passed; returns all that
     * matched by then.
     */
    public synchronized List<E> awaitAtLeast(int count, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; events.size() < count && left > 0; left = deadline - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(events);
    }
}
