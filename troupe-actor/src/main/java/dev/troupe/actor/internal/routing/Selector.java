package dev.troupe.actor.internal.routing;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.routing.RoutingLogic;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The state of one router's routing logic. Used only on the router's thread. The router calls
 * {@link #added}/{@link #removed} as its routees change and {@link #select} for each message.
 */
abstract class Selector<T> {

    static <T> Selector<T> of(RoutingLogic<T> logic) {
        return switch (logic) {
            case RoutingLogic.RoundRobin<T> r -> new RoundRobin<>();
            case RoutingLogic.Random<T> r -> new RandomSel<>(r.seed().isPresent() ? r.seed().getAsLong()
                    : ThreadLocalRandom.current().nextLong());
            case RoutingLogic.SmallestMailbox<T> s -> new Smallest<>();
            case RoutingLogic.ConsistentHashing<T> c -> new Hashing<>(c.virtualNodes(), c.keyExtractor());
            case RoutingLogic.Broadcast<T> b -> new Broadcast<>();
        };
    }

    void added(ActorRef<T> routee) {}

    void removed(ActorRef<T> routee) {}

    /** Adds the chosen routees for {@code message} to {@code out}; {@code routees} is not empty. */
    abstract void select(T message, List<ActorRef<T>> routees, List<ActorRef<T>> out);

    private static final class RoundRobin<T> extends Selector<T> {
        private long next;

        @Override
        void select(T message, List<ActorRef<T>> routees, List<ActorRef<T>> out) {
            out.add(routees.get((int) Long.remainderUnsigned(next++, routees.size())));
        }
    }

    private static final class RandomSel<T> extends Selector<T> {
        private final java.util.Random random;

        RandomSel(long seed) {
            this.random = new java.util.Random(seed);
        }

        @Override
        void select(T message, List<ActorRef<T>> routees, List<ActorRef<T>> out) {
            out.add(routees.get(random.nextInt(routees.size())));
        }
    }

    private static final class Smallest<T> extends Selector<T> {
        private int start;

        @Override
        void select(T message, List<ActorRef<T>> routees, List<ActorRef<T>> out) {
            int n = routees.size();
            start = (start + 1) % n; // ties go to the routees in turn
            ActorRef<T> best = null;
            long bestDepth = Long.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                ActorRef<T> r = routees.get((start + i) % n);
                int depth = QueueDepth.of(r);
                long rank = depth == QueueDepth.UNKNOWN ? Integer.MAX_VALUE : depth;
                if (rank < bestDepth) {
                    best = r;
                    bestDepth = rank;
                    if (rank == 0) {
                        break;
                    }
                }
            }
            out.add(best);
        }
    }

    private static final class Hashing<T> extends Selector<T> {
        private final HashRing<ActorRef<T>> ring;
        private final Function<? super T, ?> keyExtractor;

        Hashing(int virtualNodes, Function<? super T, ?> keyExtractor) {
            this.ring = new HashRing<>(virtualNodes, r -> r.path().toStringWithUid());
            this.keyExtractor = keyExtractor;
        }

        @Override
        void added(ActorRef<T> routee) {
            ring.add(routee);
        }

        @Override
        void removed(ActorRef<T> routee) {
            ring.remove(routee);
        }

        @Override
        void select(T message, List<ActorRef<T>> routees, List<ActorRef<T>> out) {
            Object key = Objects.requireNonNull(keyExtractor.apply(message),
                    () -> "Consistent-hashing key extractor returned null for " + message.getClass().getName());
            out.add(ring.nodeFor(key));
        }
    }

    private static final class Broadcast<T> extends Selector<T> {
        @Override
        void select(T message, List<ActorRef<T>> routees, List<ActorRef<T>> out) {
            out.addAll(routees);
        }
    }
}
