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
 * is dropped. The timers are touched only on the actor's thread; the scheduler thread only sends envelopes.
 *
 * Most actors with timers have exactly one (a device's reporting tick), and a million of them are common: the
 * first timer lives in two fields, and only a second key moves them all into a map, which then stays. That
 * saves the map, its table and its node (about 160 bytes) per actor; the firing envelope is also the task the
 * scheduler runs, which saves a lambda per timer.
 */

/** The actor's timers. Only used on the actor's thread (checked). */
public final class TimerSchedulerImpl<T> implements TimerScheduler<T> {

    private enum Mode { SINGLE, FIXED_RATE, FIXED_DELAY }

    private record Timer<T>(T message, int generation, boolean repeating, Cancellable task) {}

    /** The envelope a timer sends to its actor. */
    public record Firing(TimerSchedulerImpl<?> owner, Object key, int generation) implements InternalMessage, Runnable {
        /** Sends this envelope to the owner's actor; the scheduler's thread. */
        @Override
        public void run() {
            owner.sendToSelf.accept(this);
        }

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
    /** The key of the only timer while there is at most one key (no map yet); null when none. */
    private Object onlyKey;
    private Timer<T> onlyTimer;
    /** Every timer, once a second key was started; null before. */
    private Map<Object, Timer<T>> timers;
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
        Firing fire = new Firing(this, key, generation);
        Cancellable task = switch (mode) {
            case SINGLE -> scheduler.scheduleOnce(initialDelay, fire);
            case FIXED_RATE -> scheduler.scheduleAtFixedRate(initialDelay, interval, fire);
            case FIXED_DELAY -> scheduler.scheduleWithFixedDelay(initialDelay, interval, fire);
        };
        put(key, new Timer<>(message, generation, mode != Mode.SINGLE, task));
    }

    @Override
    public boolean isTimerActive(Object key) {
        ctx.checkThread();
        return get(Objects.requireNonNull(key, "key")) != null;
    }

    @Override
    public void cancel(Object key) {
        ctx.checkThread();
        Timer<T> timer = remove(Objects.requireNonNull(key, "key"));
        if (timer != null) {
            timer.task().cancel();
        }
    }

    @Override
    public void cancelAll() {
        ctx.checkThread();
        if (timers != null) {
            for (Timer<T> timer : timers.values()) {
                timer.task().cancel();
            }
            timers.clear();
        } else if (onlyTimer != null) {
            onlyTimer.task().cancel();
            onlyKey = null;
            onlyTimer = null;
        }
    }

    /**
     * The message {@code firing} would deliver, without consuming it; null if its timer was cancelled or
     * replaced. Lets the test kit's synchronous context record which message a timer carries.
     */
    public T peek(Firing firing) {
        Timer<T> timer = get(firing.key());
        return timer == null || timer.generation() != firing.generation() ? null : timer.message();
    }

    /** The message of a firing that is still current, or null if its timer was cancelled or replaced. */
    public T open(Firing firing) {
        Timer<T> timer = get(firing.key());
        if (timer == null || timer.generation() != firing.generation()) {
            return null;
        }
        if (!timer.repeating()) {
            remove(firing.key());
        }
        return timer.message();
    }

    private Timer<T> get(Object key) {
        if (timers != null) {
            return timers.get(key);
        }
        return onlyTimer != null && key.equals(onlyKey) ? onlyTimer : null;
    }

    /** Adds a timer whose key has none (start cancels first). */
    private void put(Object key, Timer<T> timer) {
        if (timers == null && onlyTimer == null) {
            onlyKey = key;
            onlyTimer = timer;
            return;
        }
        if (timers == null) {
            timers = new HashMap<>();
            timers.put(onlyKey, onlyTimer);
            onlyKey = null;
            onlyTimer = null;
        }
        timers.put(key, timer);
    }

    private Timer<T> remove(Object key) {
        if (timers != null) {
            return timers.remove(key);
        }
        if (onlyTimer == null || !key.equals(onlyKey)) {
            return null;
        }
        Timer<T> removed = onlyTimer;
        onlyKey = null;
        onlyTimer = null;
        return removed;
    }
}
