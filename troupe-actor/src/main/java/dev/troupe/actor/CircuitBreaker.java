package dev.troupe.actor;

import dev.troupe.actor.internal.BreakerCall;
import dev.troupe.actor.internal.BreakerListeners;
import dev.troupe.actor.internal.BreakerPhase;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Implementation overview: why the state machine is correct under races
 *
 * The phase is an immutable BreakerPhase; every change is a compare-and-set from the phase just read, so two
 * threads can never both act on the same phase. Each transition (CLOSED->OPEN, OPEN->HALF_OPEN,
 * HALF_OPEN->CLOSED, HALF_OPEN->OPEN) creates a phase with epoch + 1; counting a failure in CLOSED keeps the
 * epoch. A call captures the epoch it was admitted under, and its outcome is applied only while the current
 * phase still has that epoch: a completion or time-out of a call from an earlier CLOSED period, or from a
 * trial that a manual succeed() already decided, finds a newer epoch and changes nothing.
 *   - Exactly one trial: HALF_OPEN(trialAdmitted=false) -> HALF_OPEN(trialAdmitted=true) is a CAS; one thread
 *     wins it, every other thread then reads trialAdmitted=true and is refused.
 *   - One outcome per call: the body's completion and the time-out race to BreakerCall.settle(), a CAS; the
 *     loser is ignored, so a late completion after a time-out neither counts nor completes anything.
 *   - OPEN is left only by the timer scheduled when it was entered; the timer CASes from that very phase
 *     object, so it cannot act twice or on a later OPEN.
 *   - No lost completions: every admitted call schedules its time-out before the body runs, so its stage is
 *     completed by the body or, at the latest, by the time-out; refused calls return an already failed stage.
 * Ordering: the phase's get and compareAndSet are volatile; a call's events and the completion of its stage
 * follow its compareAndSet in program order on the settling thread, so whoever sees the stage completed (its
 * dependent actions, a pipeToSelf message) also sees the phase that call produced, or a later one.
 */

/**
 * Protects a caller from a failing dependency: after {@code maxFailures} consecutive failures it stops
 * calling it for a while and fails calls at once instead, then lets one trial call through to see whether the
 * dependency has recovered.
 *
 * <p><b>States.</b>
 * <ul>
 *   <li>{@link State#CLOSED}: calls go through. A failure (the body's stage fails, the body throws or returns
 *       null, or the call outlives {@code callTimeout}) adds one to the count of consecutive failures; a
 *       success sets it back to zero. At {@code maxFailures} the breaker opens.</li>
 *   <li>{@link State#OPEN}: calls fail at once with {@link CircuitBreakerOpenException}, which says how long
 *       remains; their body is not run. After the reset time-out the breaker becomes half-open.</li>
 *   <li>{@link State#HALF_OPEN}: the first call is a trial and goes through; the others fail at once. If the
 *       trial succeeds the breaker closes and the reset time-out goes back to {@code resetTimeout}; if it
 *       fails the breaker opens again with the reset time-out multiplied by {@code backoffFactor}, up to
 *       {@code maxResetTimeout}. Jitter ({@code randomFactor}) lengthens each open period by a random amount of
 *       up to that fraction of it.</li>
 * </ul>
 *
 * <p><b>Use from an actor.</b> Run the call through the breaker and pipe its outcome to the actor as a
 * message; a refusal arrives as a {@link CircuitBreakerOpenException}:
 *
 * <pre>{@code
 * CircuitBreaker breaker = CircuitBreaker.create(context.system(), settings);
 * ...
 * context.pipeToSelf(breaker.call(() -> service.upload(reading)), (ok, failure) ->
 *         failure == null ? new Uploaded(reading)
 *                 : failure instanceof CircuitBreakerOpenException open ? new Deferred(reading, open.remaining())
 *                 : new UploadFailed(reading, failure));
 * }</pre>
 *
 * <p><b>Time.</b> All timing comes from the {@link Scheduler}: its {@link Scheduler#nanoTime()} for elapsed
 * times and remaining times, {@link Scheduler#scheduleOnce} for call time-outs and for leaving the open
 * state. With the test kit's {@code ManualTime} every transition happens exactly when the test moves time.
 *
 * <p><b>Threading.</b> Every method is safe from any thread, concurrently. The state is one immutable phase
 * object in an {@link AtomicReference}, replaced by compare-and-set; no lock is taken. Reads and swaps are
 * volatile, so a state change happens-before every later {@link #state()} that sees it.
 *
 * <p><b>Events and their order.</b> Listeners run synchronously on the thread that caused the event: the
 * thread that completed the body's stage, the calling thread (a body that throws, a refusal), or the
 * scheduler's thread (a time-out, OPEN to HALF_OPEN). For one call the order is fixed: the state changes,
 * then its call event ({@link Event.CallSucceeded}, {@link Event.CallFailed}, {@link Event.CallTimedOut},
 * {@link Event.CallRejected}) and the transition it caused (for example {@link Event.Opened}) reach the
 * listeners, and only then does the stage returned by {@code call} complete. So an actor that gets the
 * outcome through {@code pipeToSelf} finds {@link #state()} already updated. Listeners should be short and
 * must be thread-safe: calls completing on different threads notify concurrently, and so the events of
 * transitions caused on different threads at about the same moment can reach a listener in either order.
 * A listener that throws is logged once and stays registered; it never affects the breaker or the call.
 *
 * <p><b>Bad input.</b> A null argument throws {@link NullPointerException} at the call site. Nothing the
 * body does makes {@code call} throw: it completes the returned stage exceptionally instead.
 */
public final class CircuitBreaker {

    /** The state of a breaker, see the class description. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    /**
     * What a breaker tells its {@linkplain #listen listeners}. Call events report each call's outcome;
     * transition events report state changes.
     */
    public sealed interface Event {

        /**
         * The breaker opened after {@code failures} consecutive failures (1 for a failed trial) and lets a trial
         * through after {@code resetTimeout} (back-off and jitter included).
         */
        record Opened(int failures, Duration resetTimeout) implements Event {
            public Opened {
                Objects.requireNonNull(resetTimeout, "resetTimeout");
            }
        }

        /** The breaker lets one trial call through. */
        record HalfOpened() implements Event {}

        /** A trial call succeeded (or {@link #succeed()} was called while half-open): calls go through again. */
        record Closed() implements Event {}

        /** A call succeeded after {@code elapsed}. */
        record CallSucceeded(Duration elapsed) implements Event {
            public CallSucceeded {
                Objects.requireNonNull(elapsed, "elapsed");
            }
        }

        /**
         * A call failed after {@code elapsed}. {@code cause} is what it failed with, or null when the body
         * completed normally and the call's failure definition classified its result as a failure.
         */
        record CallFailed(Duration elapsed, Throwable cause) implements Event {
            public CallFailed {
                Objects.requireNonNull(elapsed, "elapsed");
            }
        }

        /** A call did not complete within the call time-out; it failed with {@link TimeoutException}. */
        record CallTimedOut(Duration elapsed) implements Event {
            public CallTimedOut {
                Objects.requireNonNull(elapsed, "elapsed");
            }
        }

        /** A call was refused without running; the breaker lets a trial through after {@code remaining}. */
        record CallRejected(Duration remaining) implements Event {
            public CallRejected {
                Objects.requireNonNull(remaining, "remaining");
            }
        }
    }

    /** Epochs start at 0; this one stands for "whichever phase is current" (manual succeed and fail). */
    private static final long ANY_EPOCH = -1;
    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);
    private static final BiPredicate<Object, Throwable> FAILED_STAGE = (value, failure) -> failure != null;

    private final Scheduler scheduler;
    private final CircuitBreakerSettings settings;
    private final long callTimeoutNanos;
    private final long resetTimeoutNanos;
    private final long maxResetTimeoutNanos;
    private final AtomicReference<BreakerPhase> phase = new AtomicReference<>(new BreakerPhase.Closed(0, 0));
    private final BreakerListeners<Event> listeners =
            new BreakerListeners<>(LOG);

    private CircuitBreaker(Scheduler scheduler, CircuitBreakerSettings settings) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.callTimeoutNanos = settings.callTimeout().toNanos();
        this.resetTimeoutNanos = settings.resetTimeout().toNanos();
        this.maxResetTimeoutNanos = settings.maxResetTimeout().toNanos();
    }

    /** A closed breaker timed by {@code scheduler}. */
    public static CircuitBreaker create(Scheduler scheduler, CircuitBreakerSettings settings) {
        return new CircuitBreaker(scheduler, settings);
    }

    /** A closed breaker timed by the system's scheduler. */
    public static CircuitBreaker create(ActorSystem<?> system, CircuitBreakerSettings settings) {
        return new CircuitBreaker(Objects.requireNonNull(system, "system").scheduler(), settings);
    }

    /**
     * Runs {@code body} if the breaker lets the call through; a failed stage counts as a failure.
     *
     * @see #call(Supplier, BiPredicate)
     */
    public <T> CompletionStage<T> call(Supplier<? extends CompletionStage<T>> body) {
        return call(body, FAILED_STAGE);
    }

    /**
     * Runs {@code body} if the breaker lets the call through, and counts its outcome as {@code isFailure}
     * says: it gets the value and null, or null and the failure (unwrapped from {@link CompletionException}).
     * Use it to count a bad value as a failure, or an expected exception as a success.
     *
     * <p>{@code body} runs on the calling thread, inside this method; the call time-out starts just before it.
     * The returned stage completes with the body's outcome, whatever {@code isFailure} says; with a
     * {@link TimeoutException} if the body's stage has not completed within the call time-out (its late
     * outcome is then ignored); with a {@link CircuitBreakerOpenException} if the call was refused (the body
     * did not run); with what the body threw, or a {@link NullPointerException} if it returned null; with what
     * {@code isFailure} threw, which counts as a failure; with a
     * {@link java.util.concurrent.RejectedExecutionException} if the scheduler is closed (its actor system has
     * terminated), without running the body, counted as a failure. Completing the stage's {@code toCompletableFuture()}
     * yourself does not affect the call or the breaker.
     *
     * @throws NullPointerException if an argument is null (never for anything the body does)
     */
    public <T> CompletionStage<T> call(Supplier<? extends CompletionStage<T>> body,
                                       BiPredicate<? super T, ? super Throwable> isFailure) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(isFailure, "isFailure");
        BreakerCall call;
        try {
            call = admit();
        } catch (CircuitBreakerOpenException refused) {
            return CompletableFuture.failedStage(refused);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Cancellable timeout;
        try {
            timeout = scheduler.scheduleOnce(settings.callTimeout(), () -> timedOut(call, result));
        } catch (RuntimeException refused) { // the scheduler is closed: the actor system terminated
            completed(call, result, null, refused, isFailure);
            return result.minimalCompletionStage();
        }
        try {
            CompletionStage<T> stage = Objects.requireNonNull(body.get(),
                    "The circuit breaker's call body returned null instead of a CompletionStage");
            stage.whenComplete((value, failure) -> {
                timeout.cancel();
                completed(call, result, value, unwrap(failure), isFailure);
            });
        } catch (Throwable thrown) {
            timeout.cancel();
            completed(call, result, null, thrown, isFailure);
        }
        return result.minimalCompletionStage();
    }

    /**
     * Runs {@code body} on the calling thread if the breaker lets the call through, and returns its value.
     * The call time-out cannot interrupt it: a body that takes longer than the time-out (by the scheduler's
     * clock) counts as timed out once it returns, and its value is dropped for a {@link TimeoutException}.
     * Events are published on the calling thread before this method returns or throws.
     *
     * @throws CircuitBreakerOpenException if the call was refused (the body did not run)
     * @throws TimeoutException if the body took longer than the call time-out
     * @throws Exception what the body threw, which counts as a failure
     */
    public <T> T callSync(Callable<T> body) throws Exception {
        Objects.requireNonNull(body, "body");
        BreakerCall call = admit();
        T value;
        try {
            value = body.call();
        } catch (Throwable thrown) {
            recordOutcome(call, true, thrown);
            throw thrown;
        }
        if (scheduler.nanoTime() - call.startNanos() > callTimeoutNanos) {
            recordTimeout(call);
            throw timeoutException();
        }
        recordOutcome(call, false, null);
        return value;
    }

    /** The current state; with concurrent callers, a snapshot that may already have changed. */
    public State state() {
        return switch (phase.get()) {
            case BreakerPhase.Closed c -> State.CLOSED;
            case BreakerPhase.Open o -> State.OPEN;
            case BreakerPhase.HalfOpen h -> State.HALF_OPEN;
        };
    }

    /** Consecutive failures counted while closed; zero in the other states. */
    public int failureCount() {
        return phase.get() instanceof BreakerPhase.Closed c ? c.failures() : 0;
    }

    /** The settings given at creation. */
    public CircuitBreakerSettings settings() {
        return settings;
    }

    /**
     * Counts a success in the current state, for outcomes learned outside {@code call} (for example a reply
     * message): closed, it resets the failure count; half-open, it closes the breaker (a trial under way is
     * then ignored); open, it does nothing. Publishes only the transition it causes, no call event.
     */
    public void succeed() {
        applyOutcome(ANY_EPOCH, false, () -> { });
    }

    /**
     * Counts a failure in the current state: closed, it may open the breaker; half-open, it opens it again
     * with the next reset time-out; open, it does nothing. Publishes only the transition it causes.
     */
    public void fail() {
        applyOutcome(ANY_EPOCH, true, () -> { });
    }

    /**
     * Registers {@code listener} for every later event, until the returned handle is cancelled. See the class
     * description for the thread it runs on and the order of events.
     */
    public Cancellable listen(Consumer<? super Event> listener) {
        return listeners.add(listener);
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + phase.get() + "]";
    }

    // ---- admission -----------------------------------------------------------------------------------------

    /** Admits the call under the current phase, or notifies and throws the refusal. */
    private BreakerCall admit() {
        while (true) {
            BreakerPhase current = phase.get();
            switch (current) {
                case BreakerPhase.Closed c -> {
                    return new BreakerCall(c.epoch(), scheduler.nanoTime());
                }
                case BreakerPhase.Open o -> throw refuse(Duration.ofNanos(
                        Math.max(0, o.halfOpenAtNanos() - scheduler.nanoTime())));
                case BreakerPhase.HalfOpen h -> {
                    if (h.trialAdmitted()) {
                        throw refuse(Duration.ZERO);
                    }
                    if (phase.compareAndSet(h, new BreakerPhase.HalfOpen(h.epoch(), h.nominalResetNanos(), true))) {
                        return new BreakerCall(h.epoch(), scheduler.nanoTime());
                    }
                }
            }
        }
    }

    private CircuitBreakerOpenException refuse(Duration remaining) {
        listeners.emit(new Event.CallRejected(remaining));
        return new CircuitBreakerOpenException(remaining);
    }

    // ---- outcomes ------------------------------------------------------------------------------------------

    private <T> void completed(BreakerCall call, CompletableFuture<T> result, T value, Throwable failure,
                               BiPredicate<? super T, ? super Throwable> isFailure) {
        if (!call.settle()) {
            return; // timed out before
        }
        boolean failed;
        Throwable outcome = failure;
        try {
            failed = isFailure.test(value, failure);
        } catch (Throwable t) {
            failed = true;
            outcome = t;
        }
        recordOutcome(call, failed, outcome);
        if (outcome == null) {
            result.complete(value);
        } else {
            result.completeExceptionally(outcome);
        }
    }

    private void timedOut(BreakerCall call, CompletableFuture<?> result) {
        if (call.settle()) {
            recordTimeout(call);
            result.completeExceptionally(timeoutException());
        }
    }

    private void recordOutcome(BreakerCall call, boolean failed, Throwable cause) {
        applyOutcome(call.epoch(), failed, () -> {
            Duration elapsed = elapsedSince(call);
            listeners.emit(failed ? new Event.CallFailed(elapsed, cause) : new Event.CallSucceeded(elapsed));
        });
    }

    private void recordTimeout(BreakerCall call) {
        applyOutcome(call.epoch(), true, () -> listeners.emit(new Event.CallTimedOut(elapsedSince(call))));
    }

    /**
     * Applies one outcome to the phase of {@code epoch} if it is still current ({@link #ANY_EPOCH}: to the
     * current phase, whichever), then runs {@code callEvent}, then publishes the transition it caused, if any,
     * and on opening schedules the way out of OPEN.
     */
    private void applyOutcome(long epoch, boolean failed, Runnable callEvent) {
        BreakerPhase current;
        BreakerPhase next;
        do {
            current = phase.get();
            next = epoch == ANY_EPOCH || current.epoch() == epoch ? nextPhase(current, failed) : current;
        } while (next != current && !phase.compareAndSet(current, next));
        callEvent.run();
        if (next.epoch() != current.epoch()) {
            switch (next) {
                case BreakerPhase.Closed c -> listeners.emit(new Event.Closed());
                case BreakerPhase.Open o -> {
                    listeners.emit(new Event.Opened(o.failures(), Duration.ofNanos(o.resetNanos())));
                    scheduleHalfOpen(o);
                }
                case BreakerPhase.HalfOpen h -> throw new AssertionError("an outcome never half-opens: " + h);
            }
        }
    }

    private BreakerPhase nextPhase(BreakerPhase current, boolean failed) {
        return switch (current) {
            case BreakerPhase.Closed c when !failed ->
                    c.failures() == 0 ? c : new BreakerPhase.Closed(c.epoch(), 0);
            case BreakerPhase.Closed c -> c.failures() + 1 >= settings.maxFailures()
                    ? open(c.epoch() + 1, c.failures() + 1, resetTimeoutNanos)
                    : new BreakerPhase.Closed(c.epoch(), c.failures() + 1);
            case BreakerPhase.HalfOpen h when !failed -> new BreakerPhase.Closed(h.epoch() + 1, 0);
            case BreakerPhase.HalfOpen h -> open(h.epoch() + 1, 1, backedOff(h.nominalResetNanos()));
            case BreakerPhase.Open o -> o; // nothing is admitted while open; a manual succeed()/fail() waits
        };
    }

    private BreakerPhase.Open open(long epoch, int failures, long nominalResetNanos) {
        long reset = nominalResetNanos;
        if (settings.randomFactor() > 0) {
            reset += (long) (nominalResetNanos * settings.randomFactor() * ThreadLocalRandom.current().nextDouble());
        }
        return new BreakerPhase.Open(epoch, failures, scheduler.nanoTime() + reset, reset, nominalResetNanos);
    }

    private long backedOff(long nominalResetNanos) {
        double next = nominalResetNanos * settings.backoffFactor();
        return next >= maxResetTimeoutNanos ? maxResetTimeoutNanos : (long) next;
    }

    private void scheduleHalfOpen(BreakerPhase.Open open) {
        Duration delay = Duration.ofNanos(Math.max(0, open.halfOpenAtNanos() - scheduler.nanoTime()));
        try {
            scheduler.scheduleOnce(delay, () -> {
                if (phase.compareAndSet(open, new BreakerPhase.HalfOpen(open.epoch() + 1, open.nominalResetNanos(),
                        false))) {
                    listeners.emit(new Event.HalfOpened());
                }
            });
        } catch (RejectedExecutionException closed) {
            LOG.warn("Circuit breaker opened, but its scheduler is closed (the actor system terminated?): it stays "
                    + "open and refuses every call", closed);
        }
    }

    private Duration elapsedSince(BreakerCall call) {
        return Duration.ofNanos(scheduler.nanoTime() - call.startNanos());
    }

    private TimeoutException timeoutException() {
        return new TimeoutException("The circuit breaker's call did not complete within its call time-out of "
                + settings.callTimeout());
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
