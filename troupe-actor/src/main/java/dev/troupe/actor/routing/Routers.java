package dev.troupe.actor.routing;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Factories for routers: actors that forward each message to one or more <em>routees</em>. See
 * {@code docs/routing.md} for a guide. All methods are pure (they build values, checking arguments at once)
 * and may be called from any thread.
 *
 * <ul>
 *   <li>{@link #pool}: spawns and supervises its own routees, optionally resized by mailbox pressure;</li>
 *   <li>{@link #group}: routes to existing actors, dropping those that stop;</li>
 *   <li>{@link #balancingPool}: routees share one queue, idle ones take the work;</li>
 *   <li>{@link #scatterGather} and {@link #tailChopping}: request–response, the first reply wins.</li>
 * </ul>
 */
public final class Routers {
    private Routers() {}

    /**
     * A pool of {@code size} routees running {@code routee}, routed round-robin unless configured otherwise.
     *
     * @throws IllegalArgumentException if {@code size} is less than 1
     */
    public static <T> PoolRouter<T> pool(int size, Behavior<T> routee) {
        return new PoolRouter<>(size, routee);
    }

    /**
     * A router over {@code routees} (copied; duplicates removed, order kept), round-robin unless configured
     * otherwise.
     *
     * @throws IllegalArgumentException if {@code routees} is empty
     * @throws NullPointerException if it or any element is null
     */
    public static <T> GroupRouter<T> group(Collection<? extends ActorRef<T>> routees) {
        Objects.requireNonNull(routees, "routees");
        List<ActorRef<T>> copy = new ArrayList<>(new LinkedHashSet<>(routees));
        for (ActorRef<T> r : copy) {
            Objects.requireNonNull(r, "routee");
        }
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("A group router needs at least one routee");
        }
        return new GroupRouter<>(List.copyOf(copy), RoutingLogic.roundRobin(), null);
    }

    /**
     * A pool of {@code size} routees running {@code routee} that share one work queue.
     *
     * @throws IllegalArgumentException if {@code size} is less than 1
     */
    public static <T> BalancingPool<T> balancingPool(int size, Behavior<T> routee) {
        return new BalancingPool<>(size, routee);
    }

    /**
     * Sends each request to all {@code routees} at once; the first reply within {@code within} wins.
     *
     * @param scheduler runs the time-out; usually {@code system.scheduler()}
     * @throws IllegalArgumentException if {@code routees} is empty or {@code within} is not positive
     */
    public static <Req> RequestRouter<Req> scatterGather(Collection<? extends ActorRef<Req>> routees,
                                                         Duration within, Scheduler scheduler) {
        return new RequestRouter<>(routees, null, within, scheduler);
    }

    /**
     * Sends each request to one routee, then to the next after each {@code interval} without a reply; the first
     * reply within {@code within} wins.
     *
     * @param scheduler runs the later sends and the time-out; usually {@code system.scheduler()}
     * @throws IllegalArgumentException if {@code routees} is empty or a duration is not positive
     */
    public static <Req> RequestRouter<Req> tailChopping(Collection<? extends ActorRef<Req>> routees,
                                                        Duration interval, Duration within, Scheduler scheduler) {
        return new RequestRouter<>(routees, Objects.requireNonNull(interval, "interval"), within, scheduler);
    }
}
