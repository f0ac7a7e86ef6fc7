package dev.troupe.actor.routing;

import dev.troupe.actor.ActorContext;
import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.internal.routing.RouterBehaviors;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A router over a given set of existing actors (not its children). It {@linkplain ActorContext#watch watches}
 * each routee and drops it when it stops; when no routee is left, the router stops. Build it with
 * {@link Routers#group}, configure it with the {@code with...} methods and spawn {@link #behavior()}.
 *
 * <p><b>Values.</b> Immutable, with arguments checked at once, like {@link PoolRouter}. Each actor spawned from
 * {@link #behavior()} has its own routing state.
 *
 * <p><b>Router.</b> Handles every message and signal; messages routed to a routee that stopped before the
 * router heard of it go to dead letters.
 *
 * @param <T> the type of message routed
 */
public final class GroupRouter<T> {
    private final List<ActorRef<T>> routees;
    private final RoutingLogic<T> logic;
    private final Predicate<? super T> broadcastPredicate;

    GroupRouter(List<ActorRef<T>> routees, RoutingLogic<T> logic, Predicate<? super T> broadcastPredicate) {
        this.routees = routees;
        this.logic = logic;
        this.broadcastPredicate = broadcastPredicate;
    }

    /** A copy that routes with {@code logic}. */
    public GroupRouter<T> withRoutingLogic(RoutingLogic<T> logic) {
        return new GroupRouter<>(routees, Objects.requireNonNull(logic, "logic"), broadcastPredicate);
    }

    /** Round-robin (the default); see {@link RoutingLogic#roundRobin()}. */
    public GroupRouter<T> withRoundRobin() {
        return withRoutingLogic(RoutingLogic.roundRobin());
    }

    /** See {@link RoutingLogic#random()}. */
    public GroupRouter<T> withRandom() {
        return withRoutingLogic(RoutingLogic.random());
    }

    /** See {@link RoutingLogic#random(long)}. */
    public GroupRouter<T> withRandom(long seed) {
        return withRoutingLogic(RoutingLogic.random(seed));
    }

    /** See {@link RoutingLogic#smallestMailbox()}. */
    public GroupRouter<T> withSmallestMailbox() {
        return withRoutingLogic(RoutingLogic.smallestMailbox());
    }

    /** See {@link RoutingLogic#consistentHashing}. */
    public GroupRouter<T> withConsistentHashing(int virtualNodes, Function<? super T, ?> keyExtractor) {
        return withRoutingLogic(RoutingLogic.consistentHashing(virtualNodes, keyExtractor));
    }

    /** See {@link RoutingLogic#broadcast()}. */
    public GroupRouter<T> withBroadcast() {
        return withRoutingLogic(RoutingLogic.broadcast());
    }

    /** Messages matching {@code predicate} go to every routee; see {@link PoolRouter#withBroadcastPredicate}. */
    public GroupRouter<T> withBroadcastPredicate(Predicate<? super T> predicate) {
        return new GroupRouter<>(routees, logic, Objects.requireNonNull(predicate, "predicate"));
    }

    /** The routees, in the order given (duplicates removed). */
    public List<ActorRef<T>> routees() {
        return routees;
    }

    /** The behavior of the router; spawn it to start routing. */
    public Behavior<T> behavior() {
        return RouterBehaviors.group(routees, logic, broadcastPredicate);
    }

    @Override
    public String toString() {
        return "GroupRouter[routees=" + routees.size() + ", logic=" + logic + "]";
    }
}
