package dev.troupe.actor.routing;

import dev.troupe.actor.Behavior;
import dev.troupe.actor.Props;
import dev.troupe.actor.SupervisorStrategy;
import dev.troupe.actor.internal.routing.RouterBehaviors;
import java.util.Objects;

/**
 * A pool whose routees share one work queue, so that an idle routee takes the next message while a slow one is
 * still busy. The router holds the queue; each routee gets one message at a time and, when it has processed
 * it, asks for the next (pull-based). Build it with {@link Routers#balancingPool} and spawn {@link #behavior()}.
 *
 * <p>Use it for independent jobs of uneven cost. It costs one extra message per job (the routee's "ready") and
 * gives up ordering across routees; messages sent to the pool in order may be processed in any order.
 *
 * <p><b>Routees</b> are supervised as in {@link PoolRouter} (default {@link SupervisorStrategy#restart()}; a
 * routee that restarts or resumes takes the next message). The message a routee was processing when it
 * <em>stopped</em> is lost; routees stopped by a failure are replaced while {@link #withReplacement
 * replacements} are left. When no routee is left the pool stops, and queued messages go to dead letters. A
 * message a routee sends to itself also makes it ask for more work, so it may hold one extra message.
 *
 * <p><b>Values.</b> Immutable, with arguments checked at once; safe to share.
 *
 * @param <T> the type of message routed
 */
public final class BalancingPool<T> {
    private final int size;
    private final Behavior<T> routee;
    private final Props routeeProps;
    private final SupervisorStrategy supervision;
    private final int maxReplacements;

    BalancingPool(int size, Behavior<T> routee) {
        this(size, Objects.requireNonNull(routee, "routee"), Props.empty(), SupervisorStrategy.restart(), 0);
        if (size < 1) {
            throw new IllegalArgumentException("Pool size must be at least 1, was " + size);
        }
    }

    private BalancingPool(int size, Behavior<T> routee, Props routeeProps, SupervisorStrategy supervision,
                          int maxReplacements) {
        this.size = size;
        this.routee = routee;
        this.routeeProps = routeeProps;
        this.supervision = supervision;
        this.maxReplacements = maxReplacements;
    }

    /** A copy whose routees are spawned with {@code props}. */
    public BalancingPool<T> withRouteeProps(Props props) {
        return new BalancingPool<>(size, routee, Objects.requireNonNull(props, "props"), supervision, maxReplacements);
    }

    /** A copy whose routees are supervised with {@code strategy}; see {@link PoolRouter#withSupervision}. */
    public BalancingPool<T> withSupervision(SupervisorStrategy strategy) {
        return new BalancingPool<>(size, routee, routeeProps, Objects.requireNonNull(strategy, "strategy"),
                maxReplacements);
    }

    /**
     * A copy that replaces routees stopped by a failure, at most {@code maxReplacements} times; see
     * {@link PoolRouter#withReplacement}.
     */
    public BalancingPool<T> withReplacement(int maxReplacements) {
        if (maxReplacements < 0) {
            throw new IllegalArgumentException("maxReplacements must not be negative, was " + maxReplacements);
        }
        return new BalancingPool<>(size, routee, routeeProps, supervision, maxReplacements);
    }

    /** The behavior of the pool; spawn it to start it. */
    public Behavior<T> behavior() {
        return RouterBehaviors.balancing(size, routee, routeeProps, supervision, maxReplacements);
    }

    @Override
    public String toString() {
        return "BalancingPool[size=" + size + ", supervision=" + supervision + "]";
    }
}
