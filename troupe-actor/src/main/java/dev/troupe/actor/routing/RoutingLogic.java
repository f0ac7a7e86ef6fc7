package dev.troupe.actor.routing;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * How a router picks the routee(s) for a message. Values are immutable descriptions: each router that uses one
 * builds its own state from it (a round-robin position, a seeded random generator, a hash ring) when it starts,
 * so one value may be shared by many routers. Build them with the static factories, which check their
 * arguments at once ({@link IllegalArgumentException}, {@link NullPointerException}).
 *
 * @param <T> the type of message routed
 */
public sealed interface RoutingLogic<T> {

    /**
     * Each routee in turn: over any run of {@code n * k} messages, each of {@code n} routees gets exactly
     * {@code k} (while the routees stay the same).
     */
    static <T> RoutingLogic<T> roundRobin() {
        return new RoundRobin<>();
    }

    /** A routee chosen uniformly at random, with a fresh seed for each router. */
    static <T> RoutingLogic<T> random() {
        return new Random<>(OptionalLong.empty());
    }

    /** A routee chosen uniformly at random by a {@link java.util.Random} seeded with {@code seed}: reproducible. */
    static <T> RoutingLogic<T> random(long seed) {
        return new Random<>(OptionalLong.of(seed));
    }

    /**
     * The routee with the fewest messages waiting in its mailbox (an approximate, racy reading). Ties go to the
     * routees in turn. Routees whose depth cannot be read (refs to actors not in this JVM) rank after every
     * routee whose depth is known.
     */
    static <T> RoutingLogic<T> smallestMailbox() {
        return new SmallestMailbox<>();
    }

    /**
     * The routee owning the message's key on a hash ring with {@code virtualNodes} points per routee: equal keys
     * go to the same routee while the routees stay the same, and when a routee is added or removed only about
     * {@code 1/n} of the keys move.
     *
     * @param keyExtractor maps a message to its key, whose {@code hashCode} places it on the ring; it runs on the
     *     router's thread, and if it throws or returns null the router fails with that error
     * @throws IllegalArgumentException if {@code virtualNodes} is not positive
     */
    static <T> RoutingLogic<T> consistentHashing(int virtualNodes, Function<? super T, ?> keyExtractor) {
        return new ConsistentHashing<>(virtualNodes, keyExtractor);
    }

    /** Every routee gets every message. */
    static <T> RoutingLogic<T> broadcast() {
        return new Broadcast<>();
    }

    /** See {@link RoutingLogic#roundRobin()}. */
    record RoundRobin<T>() implements RoutingLogic<T> {}

    /** See {@link RoutingLogic#random(long)}; an empty seed means a fresh one per router. */
    record Random<T>(OptionalLong seed) implements RoutingLogic<T> {
        public Random {
            Objects.requireNonNull(seed, "seed");
        }
    }

    /** See {@link RoutingLogic#smallestMailbox()}. */
    record SmallestMailbox<T>() implements RoutingLogic<T> {}

    /** See {@link RoutingLogic#consistentHashing}. */
    record ConsistentHashing<T>(int virtualNodes, Function<? super T, ?> keyExtractor) implements RoutingLogic<T> {
        public ConsistentHashing {
            if (virtualNodes <= 0) {
                throw new IllegalArgumentException("virtualNodes must be positive, was " + virtualNodes);
            }
            Objects.requireNonNull(keyExtractor, "keyExtractor");
        }
    }

    /** See {@link RoutingLogic#broadcast()}. */
    record Broadcast<T>() implements RoutingLogic<T> {}
}
