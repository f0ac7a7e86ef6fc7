package dev.troupe.actor.instrument;

import java.time.Duration;

/**
 * What an actor system reports to, when set in
 * {@link dev.troupe.actor.ActorSystemSettings.Builder#instrumentation}. An extension point: implement it to
 * feed a metrics or tracing library ({@code troupe-observe}'s {@code ActorMetrics} is the built-in one).
 *
 * <p>What the runtime measures, per actor: the messages it processed (every one, a plain counter the actor
 * writes), and for a sample of its messages — one in {@link #sampleEvery()}, chosen at random by the sender —
 * the time the message waited in the mailbox (from enqueue to the start of processing), the time its
 * processing took, and the mailbox depth seen then. Samples go to the {@link ActorTypeRecorder} of the actor's
 * type, so a recorder sees the actors of one type together. Sampling is what keeps the cost small: two clock
 * reads per message would double the cost of the cheapest messages.
 *
 * <p>Under load, sampling throttles itself (see {@link #minSampleSpacing()}): a pool thread that would time
 * messages less than that far apart times fewer of them, so the cost of the samples stays bounded however cheap
 * the messages are. Each sample carries its <em>weight</em>, the messages it stands for (the sampling interval
 * it was taken at), so weighted counts, sums and percentiles stay unbiased estimates of all messages.
 *
 * <p>Threading: {@link #recorderFor} may be called from any thread, concurrently, but at most once per actor
 * type and system (the runtime keeps the result); {@link #sampleEvery()}, {@link #minSampleSpacing()} and
 * {@link #messageHook()} are read once, when the system is built, and {@link #systemStarted} is called once
 * after that, before any actor runs.
 */
public interface Instrumentation {

    /**
     * How many messages per timed one: a power of two from 1 (every message) to 2<sup>20</sup>. The default, 64,
     * keeps the cost of enabled instrumentation below the noise of the benchmarks. A value that is not a power
     * of two makes the system's creation fail with {@link IllegalArgumentException}.
     */
    default int sampleEvery() {
        return 64;
    }

    /**
     * The shortest mean time between two samples that one of Troupe's pool threads takes before it throttles:
     * each time a pool thread times a message less than this after its previous sample, it halves its sampling
     * rate (down to one in {@code sampleEvery() * 64}); each time it times one at least four times this long
     * after its previous sample, it doubles the rate again (up to one in {@code sampleEvery()}). A sample's
     * weight is the interval it was taken at. Other threads (sending from outside the pool) never throttle.
     * The default, 50 microseconds, bounds what samples cost a busy thread to well under 1% of its time, and
     * leaves actors whose messages take a millisecond or more sampled at the full rate. {@link
     * Duration#ZERO} turns throttling off: every sample then weighs {@code sampleEvery()}. A negative
     * duration, or one above a second, makes the system's creation fail with {@link IllegalArgumentException}.
     */
    default Duration minSampleSpacing() {
        return Duration.ofNanos(50_000);
    }

    /**
     * The recorder for every actor of {@code actorType}: the class of the actor's behavior, or the tag given
     * with {@link dev.troupe.actor.Props#withActorType}. Must not return null.
     */
    ActorTypeRecorder recorderFor(String actorType);

    /**
     * Called once, with the system this instrumentation was set in, after the system is built and before its
     * guardian starts: the place to subscribe to its event stream or schedule on its scheduler, without missing
     * an event of its first actor. On the thread that calls {@code ActorSystem.create}. The guardian has not
     * started yet: a message sent to the system from here is a dead letter. If it throws, the system is
     * terminated without its guardian's behavior ever running, and {@code create} throws what it threw. The
     * default does nothing.
     */
    default void systemStarted(dev.troupe.actor.ActorSystem<?> system) {
        // nothing to connect
    }

    /**
     * The hook called for every user message sent to and processed by an actor of this system (for tracing
     * or logging context), or null for none, the default. A hook costs an envelope per message.
     */
    default MessageHook messageHook() {
        return null;
    }
}
