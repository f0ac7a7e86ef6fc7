package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An actor that forwards everything it receives into a queue the test thread reads with time-outs. */
final class Probe<T> {
    private final LinkedBlockingQueue<T> queue = new LinkedBlockingQueue<>();
    private final ActorRef<T> ref;

    private Probe(TestSystem system) {
        this.ref = system.spawn(Behaviors.receiveMessage(m -> {
            queue.add(m);
            return Behaviors.same();
        }));
    }

    static <T> Probe<T> create(TestSystem system) {
        return new Probe<>(system);
    }

    ActorRef<T> ref() {
        return ref;
    }

    /** The next message, or null if none arrives within {@code timeout}. */
    T poll(Duration timeout) {
        try {
            return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next message; fails if none arrives within the test time-out. */
    T receive() {
        T m = poll(TestSystem.TIMEOUT);
        if (m == null) {
            throw new AssertionError("Probe " + ref.path() + " received no message within " + TestSystem.TIMEOUT);
        }
        return m;
    }

    /** The next message, which must be an instance of {@code type}. */
    <M extends T> M receive(Class<M> type) {
        T m = receive();
        assertThat(m).isInstanceOf(type);
        return type.cast(m);
    }

    /** Fails unless the next message equals {@code expected}. */
    void expect(T expected) {
        assertThat(receive()).isEqualTo(expected);
    }

    List<T> receiveN(int n) {
        List<T> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(receive());
        }
        return all;
    }

    /** Nothing received so far (no waiting). */
    void expectEmptyNow() {
        assertThat(queue).isEmpty();
    }

    /** Nothing arrives within {@code window}; only for negative checks that have no marker to wait for. */
    void expectNoMessage(Duration window) {
        T m = poll(window);
        assertThat(m).as("unexpected message").isNull();
    }
}
