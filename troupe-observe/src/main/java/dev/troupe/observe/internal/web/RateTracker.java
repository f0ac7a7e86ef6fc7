package dev.troupe.observe.internal.web;

import dev.troupe.actor.ActorPath;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Messages per second of the actors the page looks at: from the change of an actor's processed-message counter
 * between two looks at least {@link #MIN_WINDOW_NANOS} apart (the page looks again every two seconds). An actor
 * seen for the first time gets its lifetime average. Only actors looked at in the last minute are remembered,
 * so the memory follows what is on screen, not the number of actors.
 *
 * <p>Threading: any thread; concurrent looks at one actor are serialized per actor.
 */
final class RateTracker {
    private static final long MIN_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(900);
    private static final long FORGET_AFTER_NANOS = TimeUnit.MINUTES.toNanos(1);

    private record Look(long processed, long atNanos, long perSecond) {}

    private final ConcurrentHashMap<ActorPath, Look> looks = new ConcurrentHashMap<>();

    /**
     * The actor's recent rate.
     *
     * @param path the actor's path with its uid, so that a successor of the same name starts afresh
     * @param ageNanos how long the actor has lived
     */
    long perSecond(ActorPath path, long processed, long ageNanos, long nowNanos) {
        return looks.compute(path, (p, last) -> {
            if (last == null) {
                return new Look(processed, nowNanos, perSecond(processed, ageNanos));
            }
            long elapsed = nowNanos - last.atNanos;
            return elapsed < MIN_WINDOW_NANOS ? last
                    : new Look(processed, nowNanos, perSecond(processed - last.processed, elapsed));
        }).perSecond;
    }

    /** Forgets the actors nobody looked at for a minute (stopped ones, closed tree levels). */
    void forgetStale(long nowNanos) {
        looks.values().removeIf(look -> nowNanos - look.atNanos > FORGET_AFTER_NANOS);
    }

    static long perSecond(long count, long nanos) {
        return nanos <= 0 ? 0 : Math.round(count * 1e9 / nanos);
    }
}
