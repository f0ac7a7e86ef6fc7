package dev.troupe.testkit;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Props;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Something a behavior asked its context to do, recorded by {@link BehaviorTestKit} instead of being done.
 * Values with structural equality, so a test can build the expected effect and compare:
 * {@code kit.expectEffect(new Effect.Watched(other))}. For effects whose refs or behaviors the test cannot
 * know in advance (spawns), use {@link BehaviorTestKit#expectEffectClass}.
 */
public sealed interface Effect {

    /** {@code spawn(behavior, childName, props)}; {@code childRef} is the child's {@link TestInbox} ref. */
    record Spawned<U>(Behavior<U> behavior, String childName, Props props, ActorRef<U> childRef)
            implements Effect {}

    /** {@code spawnAnonymous(behavior, props)}; the generated name is in {@code childRef.path()}. */
    record SpawnedAnonymous<U>(Behavior<U> behavior, Props props, ActorRef<U> childRef) implements Effect {}

    /** {@code stop(child)} of the child named {@code childName}. */
    record Stopped(String childName) implements Effect {}

    /** {@code watch(other)}. */
    record Watched(ActorRef<?> other) implements Effect {}

    /** {@code watchWith(other, message)}. */
    record WatchedWith(ActorRef<?> other, Object message) implements Effect {}

    /** {@code unwatch(other)}. */
    record Unwatched(ActorRef<?> other) implements Effect {}

    /** {@code scheduleOnce(delay, target, message)}; the message is never sent by itself. */
    record Scheduled<U>(Duration delay, ActorRef<U> target, U message) implements Effect {}

    /**
     * A timer was started with {@code key}; it never fires by itself (run its message to simulate that).
     * Replacing a timer records {@link TimerCancelled} for the old one first.
     *
     * @param delay the time until the first firing
     * @param mode single, or repeating with its interval
     */
    record TimerScheduled(Object key, Object message, Duration delay, Mode mode) implements Effect {
        /** How a timer repeats. */
        public sealed interface Mode {}

        /** Fires once. */
        public record Single() implements Mode {}

        /** Fires every {@code interval} at a fixed rate. */
        public record FixedRate(Duration interval) implements Mode {}

        /** Fires {@code delay} after each previous firing. */
        public record FixedDelay(Duration delay) implements Mode {}
    }

    /** The timer with {@code key} was cancelled (explicitly, by being replaced, or by cancelAll). */
    record TimerCancelled(Object key) implements Effect {}

    /** {@code setReceiveTimeout(timeout, message)}. */
    record ReceiveTimeoutSet(Duration timeout, Object message) implements Effect {}

    /** {@code cancelReceiveTimeout()}. */
    record ReceiveTimeoutCancelled() implements Effect {}

    /** {@code messageAdapter(adapter)} returned {@code ref}; what is told to it lands, adapted, in self's inbox. */
    record MessageAdapter<U, T>(Function<U, T> adapter, ActorRef<U> ref) implements Effect {}

    /**
     * {@code ask(target, ...)} sent {@code request} to {@code target}. A reply sent to the request's reply ref
     * lands, mapped, in self's inbox; the time-out is recorded but never fires by itself.
     */
    record AskInitiated(ActorRef<?> target, Object request, Duration timeout) implements Effect {
        public AskInitiated {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(request, "request");
        }
    }
}
