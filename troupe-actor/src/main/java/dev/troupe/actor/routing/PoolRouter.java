package dev.troupe.actor.routing;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Props;
import dev.troupe.actor.SupervisorStrategy;
import dev.troupe.actor.UnhandledMessagePolicy;
import dev.troupe.actor.internal.routing.RouterBehaviors;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A router that spawns its routees as its own children from one behavior, supervises them and routes each
 * message it receives to one of them (or to all, for broadcast). Build it with {@link Routers#pool}, configure
 * it with the {@code with...} methods and spawn {@link #behavior()}:
 *
 * <pre>{@code
 * ActorRef<Job> workers = ctx.spawn(Routers.pool(4, worker()).withRoundRobin().behavior(), "workers");
 * }</pre>
 *
 * <p><b>Values.</b> Immutable: each {@code with...} returns a changed copy and checks its argument at once
 * ({@link IllegalArgumentException} for an out-of-range value, {@link NullPointerException} for null). Safe to
 * share between threads; each actor spawned from {@link #behavior()} has its own routees and routing state.
 *
 * <p><b>Routees.</b> Each routee is spawned with the routee behavior supervised by
 * {@link #withSupervision the supervision strategy} (by default {@link SupervisorStrategy#restart()}: a failing
 * routee restarts and keeps its ref and its mailbox). A routee that stops because it failed (a
 * {@link SupervisorStrategy#stop()} strategy, or a restart limit that was exceeded) is replaced by a new one if
 * {@link #withReplacement replacements} are left, else removed; a routee that stops by itself is removed. When
 * no routee is left, the router stops. The routee's failure never fails the router.
 *
 * <p><b>Router.</b> Handles every message (routing it) and every signal, so it never fails by itself; messages
 * routed to a routee that stopped before the router heard of it go to dead letters. With the default
 * {@link UnhandledMessagePolicy}, a routee that does not handle a message fails, as any actor.
 *
 * @param <T> the type of message routed
 */
public final class PoolRouter<T> {
    private final int size;
    private final Behavior<T> routee;
    private final RoutingLogic<T> logic;
    private final Predicate<? super T> broadcastPredicate;
    private final Resizer resizer;
    private final Props routeeProps;
    private final SupervisorStrategy supervision;
    private final int maxReplacements;

    PoolRouter(int size, Behavior<T> routee) {
        this(size, routee, RoutingLogic.roundRobin(), null, null, Props.empty(), SupervisorStrategy.restart(), 0);
        if (size < 1) {
            throw new IllegalArgumentException("Pool size must be at least 1, was " + size);
        }
        Objects.requireNonNull(routee, "routee");
    }

    private PoolRouter(int size, Behavior<T> routee, RoutingLogic<T> logic, Predicate<? super T> broadcastPredicate,
                       Resizer resizer, Props routeeProps, SupervisorStrategy supervision, int maxReplacements) {
        this.size = size;
        this.routee = routee;
        this.logic = logic;
        this.broadcastPredicate = broadcastPredicate;
        this.resizer = resizer;
        this.routeeProps = routeeProps;
        this.supervision = supervision;
        this.maxReplacements = maxReplacements;
    }

    /** A copy that routes with {@code logic}. */
    public PoolRouter<T> withRoutingLogic(RoutingLogic<T> logic) {
        return new PoolRouter<>(size, routee, Objects.requireNonNull(logic, "logic"), broadcastPredicate, resizer,
                routeeProps, supervision, maxReplacements);
    }

    /** A copy that routes round-robin (the default); see {@link RoutingLogic#roundRobin()}. */
    public PoolRouter<T> withRoundRobin() {
        return withRoutingLogic(RoutingLogic.roundRobin());
    }

    /** A copy that routes at random; see {@link RoutingLogic#random()}. */
    public PoolRouter<T> withRandom() {
        return withRoutingLogic(RoutingLogic.random());
    }

    /** A copy that routes at random, reproducibly; see {@link RoutingLogic#random(long)}. */
    public PoolRouter<T> withRandom(long seed) {
        return withRoutingLogic(RoutingLogic.random(seed));
    }

    /** A copy that routes to the least loaded routee; see {@link RoutingLogic#smallestMailbox()}. */
    public PoolRouter<T> withSmallestMailbox() {
        return withRoutingLogic(RoutingLogic.smallestMailbox());
    }

    /** A copy that routes by key; see {@link RoutingLogic#consistentHashing}. */
    public PoolRouter<T> withConsistentHashing(int virtualNodes, Function<? super T, ?> keyExtractor) {
        return withRoutingLogic(RoutingLogic.consistentHashing(virtualNodes, keyExtractor));
    }

    /** A copy that sends every message to every routee; see {@link RoutingLogic#broadcast()}. */
    public PoolRouter<T> withBroadcast() {
        return withRoutingLogic(RoutingLogic.broadcast());
    }

    /**
     * A copy that sends the messages matching {@code predicate} to every routee and routes the others with the
     * routing logic. The predicate runs on the router's thread; if it throws, the router fails.
     */
    public PoolRouter<T> withBroadcastPredicate(Predicate<? super T> predicate) {
        return new PoolRouter<>(size, routee, logic, Objects.requireNonNull(predicate, "predicate"), resizer,
                routeeProps, supervision, maxReplacements);
    }

    /**
     * A copy that resizes the pool; see {@link Resizer}. The pool starts with its size clamped to the resizer's
     * bounds.
     */
    public PoolRouter<T> withResizer(Resizer resizer) {
        return new PoolRouter<>(size, routee, logic, broadcastPredicate, Objects.requireNonNull(resizer, "resizer"),
                routeeProps, supervision, maxReplacements);
    }

    /** A copy whose routees are spawned with {@code props} (mailbox, dispatcher). */
    public PoolRouter<T> withRouteeProps(Props props) {
        return new PoolRouter<>(size, routee, logic, broadcastPredicate, resizer,
                Objects.requireNonNull(props, "props"), supervision, maxReplacements);
    }

    /**
     * A copy whose routees are supervised with {@code strategy} for every failure ({@link Throwable}); the
     * default is {@link SupervisorStrategy#restart()}. For finer rules, supervise the routee behavior yourself:
     * its own rules decide first.
     */
    public PoolRouter<T> withSupervision(SupervisorStrategy strategy) {
        return new PoolRouter<>(size, routee, logic, broadcastPredicate, resizer, routeeProps,
                Objects.requireNonNull(strategy, "strategy"), maxReplacements);
    }

    /**
     * A copy that replaces routees stopped by a failure with newly spawned ones, at most {@code maxReplacements}
     * times over the router's life (0, the default, removes them instead). A bound, so that a routee failing at
     * start cannot make the router spawn forever.
     *
     * @throws IllegalArgumentException if {@code maxReplacements} is negative
     */
    public PoolRouter<T> withReplacement(int maxReplacements) {
        if (maxReplacements < 0) {
            throw new IllegalArgumentException("maxReplacements must not be negative, was " + maxReplacements);
        }
        return new PoolRouter<>(size, routee, logic, broadcastPredicate, resizer, routeeProps, supervision,
                maxReplacements);
    }

    /** The behavior of the router; spawn it to start the pool. Each spawn makes a separate pool. */
    public Behavior<T> behavior() {
        int initial = resizer == null ? size
                : Math.max(resizer.lowerBound(), Math.min(resizer.upperBound(), size));
        return RouterBehaviors.pool(initial, routee, logic, broadcastPredicate, resizer, routeeProps, supervision,
                maxReplacements);
    }

    @Override
    public String toString() {
        return "PoolRouter[size=" + size + ", logic=" + logic + ", resizer=" + resizer + ", supervision="
                + supervision + ", maxReplacements=" + maxReplacements + "]";
    }
}
