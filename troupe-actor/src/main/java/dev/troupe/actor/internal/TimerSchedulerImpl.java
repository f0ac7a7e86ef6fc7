package dev.troupe.actor.internal;

import dev.troupe.actor.Cancellable;
import dev.troupe.actor.Scheduler;
import dev.troupe.actor.TimerScheduler;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/*
 * Each timer has a generation number. A firing sends an envelope carrying (key, generation) to the actor;
 * when the actor opens it, the envelope is delivered only if the timer with that key still has that
 * generation. Cancelling or replacing a timer removes or renumbers it, so an envelope already in the mailbox
 * is dropped. The map is touched only on the actor's thread; the scheduler thread only sends envelopes.
 */

/** The actor's timers. Only used on the actor's thread (checked). */
public final class TimerSchedulerImpl<T> implements TimerScheduler<T> {

    private enum Mode { SINGLE, FIXED_RATE, FIXED_DELAY }

    private record Timer<T>(T message, int generation, boolean repeating, Cancellable task) {}

    /** The envelope a timer sends to its actor. */
    public record Firing(TimerSchedulerImpl<?> owner, Object key, int generation) implements InternalMessage {
        @Override
        @SuppressWarnings("unchecked")
        public <X> void deliver(ActorCell<X> cell) throws Exception {
            Object message = owner.open(this);
            if (message instanceof InternalMessage runtimeTimer) {
                runtimeTimer.deliver(cell); // a timer of the runtime's own, such as the receive timeout's check
            } else if (message != null) {
                cell.receiveMessage((X) message);
            }
        }

        @Override
        public Object deadLetterPayload() {
            return null;
        }
    }

    private final ContextBase<T> ctx;
    private final Scheduler scheduler;
    private final Consumer<Object> sendToSelf;
    private final Map<Object, Timer<T>> timers = new HashMap<>();
    private int nextGeneration;

    /**
     * @param sendToSelf enqueues a {@link Firing} in the actor's mailbox; called on the scheduler's thread
     */
    public TimerSchedulerImpl(ContextBase<T> ctx, Scheduler scheduler, Consumer<Object> sendToSelf) {
        this.ctx = ctx;
        this.scheduler = scheduler;
        this.sendToSelf = sendToSelf;
    }

    @Override
    public void startSingleTimer(Object key, T message, Duration delay) {
        start(key, message, Mode.SINGLE, delay, null);
    }

    @Override
    public void startSingleTimer(T message, Duration delay) {
        start(message, message, Mode.SINGLE, delay, null);
    }

    @Override
    public void startTimerAtFixedRate(Object key, T message, Duration interval) {
        start(key, message, Mode.FIXED_RATE, interval, interval);
    }

    @Override
    public void startTimerAtFixedRate(Object key, T message, Duration initialDelay, Duration interval) {
        start(key, message, Mode.FIXED_RATE, initialDelay, interval);
    }

    @Override
    public void startTimerWithFixedDelay(Object key, T message, Duration delay) {
        start(key, message, Mode.FIXED_DELAY, delay, delay);
    }

    @Override
    public void startTimerWithFixedDelay(Object key, T message, Duration initialDelay, Duration delay) {
        start(key, message, Mode.FIXED_DELAY, initialDelay, delay);
    }

    private void start(Object key, T message, Mode mode, Duration initialDelay, Duration interval) {
        ctx.checkThread();
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(initialDelay, "delay");
        if (initialDelay.isNegative()) {
            throw new IllegalArgumentException("Timer delay must not be negative, was " + initialDelay);
        }
        if (interval != null && (interval.isNegative() || interval.isZero())) {
            throw new IllegalArgumentException("Timer interval must be positive, was " + interval);
        }
        cancel(key);
        int generation = ++nextGeneration;
        Firing firing = new Firing(this, key, generation);
        Runnable fire = () -> sendToSelf.accept(firing);
        Cancellable task = switch (mode) {
            case SINGLE -> scheduler.scheduleOnce(initialDelay, fire);
            case FIXED_RATE -> scheduler.scheduleAtFixedRate(initialDelay, interval, fire);
            case FIXED_DELAY -> scheduler.scheduleWithFixedDelay(initialDelay, interval, fire);
        };
        timers.put(key, new Timer<>(message, generation, mode != Mode.SINGLE, task));
    }

    @Override
    public boolean isTimerActive(Object key) {
        ctx.checkThread();
        return timers.containsKey(key);
    }

    @Override
    public void cancel(Object key) {
        ctx.checkThread();
        Timer<T> timer = timers.remove(key);
        if (timer != null) {
            timer.task().cancel();
        }
    }

    @Override
    public void cancelAll() {
        ctx.checkThread();
        for (Timer<T> timer : timers.values()) {
            timer.task().cancel();
        }
        timers.clear();
    }

    /**
     * The message {@code firing} would deliver, without consuming it; null if its timer was cancelled or
     * replaced. Lets the test kit's synchronous context record which message a timer carries.
     */
    public T peek(Firing firing) {
        Timer<T> timer = timers.get(firing.key());
        return timer == null || timer.generation() != firing.generation() ? null : timer.message();
    }

    /** The message of a firing that is still current, or null if its timer was cancelled or replaced. */
    public T open(Firing firing) {
        Timer<T> timer = timers.get(firing.key());
        if (timer == null || timer.generation() != firing.generation()) {
            return null;
        }
        if (!timer.repeating()) {
            timers.remove(firing.key());
        }
        return timer.message();
    }
}
