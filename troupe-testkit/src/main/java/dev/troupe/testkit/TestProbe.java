package dev.troupe.testkit;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Terminated;
import dev.troupe.testkit.internal.ProbeBehavior;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * An actor whose messages the test inspects: pass {@link #ref()} wherever a reply is expected, then assert
 * what arrived. Made by {@link ActorTestKit#createTestProbe()}.
 *
 * <p><b>Threading.</b> The expectation methods are meant for the one test thread; they take messages off a
 * queue and block (up to the time-out) until one arrives. {@link #ref()} may be used from any thread.
 *
 * <p><b>Failures.</b> A failed expectation throws {@link AssertionError} whose message says what was
 * expected, what arrived (if anything) and how long was waited. The message that failed an expectation is
 * consumed. Durations given explicitly are dilated by {@link TestKitSettings#timeFactor()} like the defaults;
 * a null or negative duration throws {@link IllegalArgumentException} or {@link NullPointerException}.
 *
 * @param <T> the type of message the probe accepts
 */
public final class TestProbe<T> {
    /** What {@link #fishForMessage} does with each message it receives. */
    public enum FishingOutcome {
        /** Keep the message and stop fishing. */
        COMPLETE,
        /** Keep the message and fish on. */
        CONTINUE,
        /** Drop the message and fish on. */
        CONTINUE_AND_IGNORE
    }

    private static final Duration AWAIT_ASSERT_INTERVAL = Duration.ofMillis(50);

    private final ActorRef<Object> actor;
    private final BlockingQueue<Object> messages;
    private final BlockingQueue<Terminated> terminations;
    private final TestKitSettings settings;

    TestProbe(ActorRef<Object> actor, BlockingQueue<Object> messages, BlockingQueue<Terminated> terminations,
              TestKitSettings settings) {
        this.actor = actor;
        this.messages = messages;
        this.terminations = terminations;
        this.settings = settings;
    }

    /** The probe's ref; messages sent to it are queued for the expectation methods. */
    public ActorRef<T> ref() {
        return actor.unsafeUpcast();
    }

    /** Waits for the next message, up to the default time-out, and returns it. */
    public T receiveMessage() {
        return receiveMessage(settings.singleExpect());
    }

    /** Waits for the next message, up to {@code max}, and returns it. */
    public T receiveMessage(Duration max) {
        Duration waited = settings.dilated(checked(max));
        T message = poll(waited);
        if (message == null) {
            throw new AssertionError("Timeout (" + millis(waited) + ") during receiveMessage while waiting for a "
                    + "message on " + actor.path());
        }
        return message;
    }

    /** Waits for {@code n} messages, up to the default time-out for all of them, and returns them in order. */
    public List<T> receiveMessages(int n) {
        return receiveMessages(n, settings.singleExpect());
    }

    /** Waits for {@code n} messages, up to {@code max} for all of them, and returns them in order. */
    public List<T> receiveMessages(int n, Duration max) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        Duration waited = settings.dilated(checked(max));
        long deadline = System.nanoTime() + waited.toNanos();
        List<T> received = new ArrayList<>(n);
        while (received.size() < n) {
            T message = poll(Duration.ofNanos(deadline - System.nanoTime()));
            if (message == null) {
                throw new AssertionError("Timeout (" + millis(waited) + ") during receiveMessages while waiting "
                        + "for " + n + " messages; received " + received.size() + ": " + received);
            }
            received.add(message);
        }
        return received;
    }

    /** Expects the next message, within the default time-out, to equal {@code expected}; returns it. */
    public T expectMessage(T expected) {
        return expectMessage(settings.singleExpect(), expected);
    }

    /** Expects the next message, within {@code max}, to equal {@code expected}; returns it. */
    public T expectMessage(Duration max, T expected) {
        Objects.requireNonNull(expected, "expected");
        Duration waited = settings.dilated(checked(max));
        T message = poll(waited);
        if (message == null) {
            throw new AssertionError("Timeout (" + millis(waited) + ") during expectMessage while waiting for "
                    + expected + " on " + actor.path());
        }
        if (!expected.equals(message)) {
            throw new AssertionError("Expected " + expected + " but received " + message + " on " + actor.path());
        }
        return message;
    }

    /** Expects the next message, within the default time-out, to be a {@code type}; returns it. */
    public <C extends T> C expectMessageClass(Class<C> type) {
        return expectMessageClass(type, settings.singleExpect());
    }

    /** Expects the next message, within {@code max}, to be a {@code type}; returns it. */
    public <C extends T> C expectMessageClass(Class<C> type, Duration max) {
        Objects.requireNonNull(type, "type");
        Duration waited = settings.dilated(checked(max));
        T message = poll(waited);
        if (message == null) {
            throw new AssertionError("Timeout (" + millis(waited) + ") during expectMessageClass while waiting "
                    + "for a " + type.getName() + " on " + actor.path());
        }
        if (!type.isInstance(message)) {
            throw new AssertionError("Expected a message of " + type.getName() + " but received " + message
                    + " (" + message.getClass().getName() + ") on " + actor.path());
        }
        return type.cast(message);
    }

    /** Expects that no message arrives within the default no-message time (100 ms unless configured). */
    public void expectNoMessage() {
        expectNoMessage(settings.expectNoMessage());
    }

    /** Expects that no message arrives within {@code max}. */
    public void expectNoMessage(Duration max) {
        Duration waited = settings.dilated(checked(max));
        T message = poll(waited);
        if (message != null) {
            throw new AssertionError("Expected no message within " + millis(waited) + " but received " + message
                    + " on " + actor.path());
        }
    }

    /**
     * Watches {@code target} and expects it to terminate within the default time-out. Also passes if it had
     * terminated already. Other terminations the probe sees meanwhile are consumed.
     */
    public void expectTerminated(ActorRef<?> target) {
        expectTerminated(target, settings.singleExpect());
    }

    /** Watches {@code target} and expects it to terminate within {@code max}. */
    public void expectTerminated(ActorRef<?> target, Duration max) {
        Objects.requireNonNull(target, "target");
        Duration waited = settings.dilated(checked(max));
        long deadline = System.nanoTime() + waited.toNanos();
        actor.tell(new ProbeBehavior.Watch(target));
        while (true) {
            Terminated terminated = pollTermination(deadline - System.nanoTime());
            if (terminated == null) {
                throw new AssertionError("Timeout (" + millis(waited) + ") during expectTerminated while waiting "
                        + "for " + target.path() + " to terminate");
            }
            if (terminated.ref().equals(target)) {
                return;
            }
        }
    }

    /**
     * Receives messages, up to {@code max} in total, handing each to {@code fisher}, until it answers
     * {@link FishingOutcome#COMPLETE}; returns the kept messages (all but the ignored ones) in order. The
     * fisher may throw an {@link AssertionError} to fail on a message it must never see.
     */
    public List<T> fishForMessage(Duration max, Function<? super T, FishingOutcome> fisher) {
        Objects.requireNonNull(fisher, "fisher");
        Duration waited = settings.dilated(checked(max));
        long deadline = System.nanoTime() + waited.toNanos();
        List<T> kept = new ArrayList<>();
        List<T> seen = new ArrayList<>();
        while (true) {
            T message = poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (message == null) {
                throw new AssertionError("Timeout (" + millis(waited) + ") during fishForMessage; the fisher did "
                        + "not complete on any of " + seen);
            }
            seen.add(message);
            FishingOutcome outcome = Objects.requireNonNull(fisher.apply(message), "fisher returned null");
            if (outcome != FishingOutcome.CONTINUE_AND_IGNORE) {
                kept.add(message);
            }
            if (outcome == FishingOutcome.COMPLETE) {
                return kept;
            }
        }
    }

    /**
     * Runs {@code assertion} until it stops throwing {@link AssertionError}, for up to the default time-out.
     * When time runs out, an {@link AssertionError} naming the time waited is thrown with the last failure as
     * its cause. Other exceptions are not retried.
     */
    public void awaitAssert(Runnable assertion) {
        awaitAssert(settings.singleExpect(), assertion);
    }

    /** Like {@link #awaitAssert(Runnable)} for up to {@code max}. */
    public void awaitAssert(Duration max, Runnable assertion) {
        Objects.requireNonNull(assertion, "assertion");
        Duration waited = settings.dilated(checked(max));
        long deadline = System.nanoTime() + waited.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("awaitAssert timed out after " + millis(waited) + ": "
                            + e.getMessage(), e);
                }
                // The retry cadence of a polled assertion, not synchronization: there is nothing to wait on.
                LockSupport.parkNanos(Math.min(left, AWAIT_ASSERT_INTERVAL.toNanos()));
            }
        }
    }

    @Override
    public String toString() {
        return "TestProbe[" + actor.path() + "]";
    }

    @SuppressWarnings("unchecked")
    private T poll(Duration max) {
        try {
            return (T) messages.poll(max.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for a message on " + actor.path(), e);
        }
    }

    private Terminated pollTermination(long nanos) {
        try {
            return terminations.poll(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for a termination on " + actor.path(), e);
        }
    }

    static Duration checked(Duration max) {
        Objects.requireNonNull(max, "max");
        if (max.isNegative()) {
            throw new IllegalArgumentException("Duration must not be negative, was " + max);
        }
        return max;
    }

    static String millis(Duration d) {
        return d.toMillis() + " ms";
    }
}
