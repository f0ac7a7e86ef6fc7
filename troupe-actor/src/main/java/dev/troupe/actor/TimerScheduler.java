package dev.troupe.actor;

import dev.troupe.actor.internal.TimerSchedulerImpl;
import java.time.Duration;

/**
 * Timers that send messages to their own actor; obtained from {@link Behaviors#withTimers}.
 *
 * <p>Each timer has a key; starting a timer with a key that is in use cancels the old one. A cancelled or
 * replaced timer's message is never delivered, even if it was already in the mailbox. All timers are
 * cancelled when the actor stops or restarts.
 *
 * <p><b>Threading.</b> Like {@link ActorContext}: only from the actor's own message processing; any other
 * thread gets an {@link IllegalStateException}. Delays must be non-negative and intervals positive, else
 * {@link IllegalArgumentException}; a null key, message or duration throws {@link NullPointerException}.
 */
public sealed interface TimerScheduler<T> permits TimerSchedulerImpl {

    /** Sends {@code message} once after {@code delay}. */
    void startSingleTimer(Object key, T message, Duration delay);

    /** {@link #startSingleTimer(Object, Object, Duration)} keyed by the message itself. */
    void startSingleTimer(T message, Duration delay);

    /** Sends {@code message} every {@code interval}, first after {@code interval}, at a fixed rate. */
    void startTimerAtFixedRate(Object key, T message, Duration interval);

    /** Sends {@code message} first after {@code initialDelay}, then every {@code interval}, at a fixed rate. */
    void startTimerAtFixedRate(Object key, T message, Duration initialDelay, Duration interval);

    /** Sends {@code message} every {@code delay}, measured from the previous sending. */
    void startTimerWithFixedDelay(Object key, T message, Duration delay);

    /** Sends {@code message} first after {@code initialDelay}, then each {@code delay} after the previous. */
    void startTimerWithFixedDelay(Object key, T message, Duration initialDelay, Duration delay);

    /** True if a timer with {@code key} is active (a fired single timer is not). */
    boolean isTimerActive(Object key);

    /** Cancels the timer with {@code key}, if any. */
    void cancel(Object key);

    /** Cancels all timers. */
    void cancelAll();
}
