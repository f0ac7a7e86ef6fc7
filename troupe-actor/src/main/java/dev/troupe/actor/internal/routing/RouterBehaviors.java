package dev.troupe.actor.internal.routing;

import dev.troupe.actor.ActorContext;
import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.ChildFailed;
import dev.troupe.actor.Props;
import dev.troupe.actor.routing.Resizer;
import dev.troupe.actor.routing.RoutingLogic;
import dev.troupe.actor.Signal;
import dev.troupe.actor.SupervisorStrategy;
import dev.troupe.actor.Terminated;
import dev.troupe.actor.internal.BehaviorImpl;
import dev.troupe.actor.internal.BehaviorInterpreter;
import dev.troupe.actor.internal.ContextBase;
import dev.troupe.actor.internal.Interceptor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * The behaviors behind {@link dev.troupe.actor.PoolRouter}, {@link dev.troupe.actor.GroupRouter} and
 * {@link dev.troupe.actor.BalancingPool}. A router's own control messages (resize ticks, worker readiness) are
 * sent to its ref as if they were of its message type: they are private records no user message can be an
 * instance of, and the router checks for them before routing.
 */
public final class RouterBehaviors {
    private RouterBehaviors() {}

    /** A resize check, sent by the router's timer to itself. */
    private enum ResizeTick { INSTANCE }

    /** Sent by a balancing-pool worker to its coordinator after each message it finished. */
    private record Ready(ActorRef<?> worker) {}

    private static final String RESIZE_TIMER = "troupe-router-resize";

    @SuppressWarnings("unchecked")
    private static <T> T control(Object message) {
        return (T) message;
    }

    /** The routee behavior under the pool's supervision, as an outer level around the routee's own rules. */
    private static <T> Behavior<T> supervised(Behavior<T> routee, SupervisorStrategy strategy) {
        return Behaviors.supervise(Behaviors.<T>setup(ctx -> routee)).onFailure(Throwable.class, strategy);
    }

    public static <T> Behavior<T> pool(int initial, Behavior<T> routee, RoutingLogic<T> logic,
                                       Predicate<? super T> broadcastPredicate, Resizer resizer, Props props,
                                       SupervisorStrategy strategy, int maxReplacements) {
        Behavior<T> child = supervised(routee, strategy);
        return Behaviors.setup(ctx -> {
            Pool<T> pool = new Pool<>(ctx, child, props, Selector.of(logic), broadcastPredicate, resizer,
                    maxReplacements);
            Behavior<T> behavior = Behaviors.receive((c, msg) -> pool.onMessage(msg), (c, sig) -> pool.onSignal(sig));
            if (resizer == null) {
                pool.spawnInitial(initial);
                return behavior;
            }
            return Behaviors.withTimers(timers -> {
                // the timer is running before any routee starts, so that whoever sees a routee start also knows
                // the resize checks are scheduled
                timers.startTimerWithFixedDelay(RESIZE_TIMER, control(ResizeTick.INSTANCE), resizer.checkInterval());
                pool.spawnInitial(initial);
                return behavior;
            });
        });
    }

    public static <T> Behavior<T> group(List<ActorRef<T>> routees, RoutingLogic<T> logic,
                                        Predicate<? super T> broadcastPredicate) {
        return Behaviors.setup(ctx -> {
            Routing<T> group = new Routing<>(ctx, Selector.of(logic), broadcastPredicate);
            for (ActorRef<T> r : routees) {
                ctx.watch(r);
                group.add(r);
            }
            return Behaviors.receive((c, msg) -> {
                group.route(msg);
                return Behaviors.same();
            }, (c, sig) -> group.onSignal(sig));
        });
    }

    public static <T> Behavior<T> balancing(int size, Behavior<T> routee, Props props, SupervisorStrategy strategy,
                                            int maxReplacements) {
        Behavior<T> supervisedRoutee = supervised(routee, strategy);
        return Behaviors.setup(ctx -> {
            Balancing<T> pool = new Balancing<>(ctx, BehaviorImpl.Intercept.deferred(
                    new ReadyInterceptor<>(ctx.self()), supervisedRoutee), props, maxReplacements);
            for (int i = 0; i < size; i++) {
                pool.spawnWorker();
            }
            return Behaviors.receive((c, msg) -> pool.onMessage(msg), (c, sig) -> pool.onSignal(sig));
        });
    }

    /** Routees, the selector and the routing of one message; shared by pools and groups. Router thread only. */
    private static class Routing<T> {
        final ActorContext<T> ctx;
        final List<ActorRef<T>> routees = new ArrayList<>();
        private final Selector<T> selector;
        private final Predicate<? super T> broadcastPredicate;
        private final List<ActorRef<T>> targets = new ArrayList<>();

        Routing(ActorContext<T> ctx, Selector<T> selector, Predicate<? super T> broadcastPredicate) {
            this.ctx = ctx;
            this.selector = selector;
            this.broadcastPredicate = broadcastPredicate;
        }

        void add(ActorRef<T> routee) {
            if (!routees.contains(routee)) {
                routees.add(routee);
                selector.added(routee);
            }
        }

        boolean remove(ActorRef<?> routee) {
            int i = routees.indexOf(routee);
            if (i < 0) {
                return false;
            }
            selector.removed(routees.remove(i));
            return true;
        }

        void route(T message) {
            if (routees.isEmpty()) { // only between the last routee's stop and the router's own
                ctx.system().deadLetters().tell(message);
                return;
            }
            targets.clear();
            if (broadcastPredicate != null && broadcastPredicate.test(message)) {
                targets.addAll(routees);
            } else {
                selector.select(message, routees, targets);
            }
            for (ActorRef<T> target : targets) {
                target.tell(message);
            }
        }

        /** Group semantics: a routee that stopped is dropped; without routees the router stops. */
        Behavior<T> onSignal(Signal signal) {
            switch (signal) {
                case Terminated t -> remove(t.ref());
                case ChildFailed f -> remove(f.ref());
                default -> {
                    return Behaviors.same();
                }
            }
            if (routees.isEmpty()) {
                ctx.log().info("All routees of router {} stopped; stopping the router", ctx.self().path());
                return Behaviors.stopped();
            }
            return Behaviors.same();
        }
    }

    private static final class Pool<T> extends Routing<T> {
        private final Behavior<T> child;
        private final Props props;
        private final Resizer resizer;
        private int replacementsLeft;
        private int nextId;
        private boolean routedSinceCheck;

        Pool(ActorContext<T> ctx, Behavior<T> child, Props props, Selector<T> selector,
             Predicate<? super T> broadcastPredicate, Resizer resizer, int maxReplacements) {
            super(ctx, selector, broadcastPredicate);
            this.child = child;
            this.props = props;
            this.resizer = resizer;
            this.replacementsLeft = maxReplacements;
        }

        void spawnInitial(int count) {
            for (int i = 0; i < count; i++) {
                spawnRoutee();
            }
        }

        void spawnRoutee() {
            ActorRef<T> ref = ctx.spawn(child, "routee-" + (++nextId), props);
            ctx.watch(ref);
            add(ref);
        }

        Behavior<T> onMessage(T message) {
            if ((Object) message == ResizeTick.INSTANCE) {
                resize();
            } else {
                routedSinceCheck = true;
                route(message);
            }
            return Behaviors.same();
        }

        @Override
        Behavior<T> onSignal(Signal signal) {
            if (signal instanceof ChildFailed f && remove(f.ref())) {
                if (replacementsLeft > 0) {
                    replacementsLeft--;
                    ctx.log().warn("Routee {} failed and stopped; replacing it", f.ref().path(), f.cause());
                    spawnRoutee();
                    return Behaviors.same();
                }
                ctx.log().warn("Routee {} failed and stopped; removing it", f.ref().path(), f.cause());
                return routees.isEmpty() ? stopEmpty() : Behaviors.same();
            }
            return super.onSignal(signal);
        }

        private Behavior<T> stopEmpty() {
            ctx.log().info("All routees of pool {} stopped; stopping the pool", ctx.self().path());
            return Behaviors.stopped();
        }

        private void resize() {
            boolean allUnderPressure = true;
            boolean allEmpty = true;
            for (ActorRef<T> r : routees) {
                int depth = QueueDepth.of(r);
                if (depth != QueueDepth.UNKNOWN && depth < resizer.pressureThreshold()) {
                    allUnderPressure = false;
                }
                if (depth != QueueDepth.UNKNOWN && depth > 0) {
                    allEmpty = false;
                }
            }
            int size = routees.size();
            if (allUnderPressure && size > 0 && size < resizer.upperBound()) {
                spawnRoutee();
                ctx.log().debug("Pool {} grew to {} routees", ctx.self().path(), routees.size());
            } else if (allEmpty && !routedSinceCheck && size > resizer.lowerBound()) {
                ActorRef<T> victim = routees.get(size - 1);
                remove(victim);
                ctx.unwatch(victim);
                ctx.stop(victim);
                ctx.log().debug("Pool {} shrank to {} routees", ctx.self().path(), routees.size());
            }
            routedSinceCheck = false;
        }
    }

    /** Pull-based: workers report {@link Ready} after each message; the coordinator holds the queue. */
    private static final class Balancing<T> {
        private final ActorContext<T> ctx;
        private final Behavior<T> worker;
        private final Props props;
        private final List<ActorRef<T>> workers = new ArrayList<>();
        private final LinkedHashSet<ActorRef<?>> idle = new LinkedHashSet<>();
        private final ArrayDeque<T> queue = new ArrayDeque<>();
        private int replacementsLeft;
        private int nextId;

        Balancing(ActorContext<T> ctx, Behavior<T> worker, Props props, int maxReplacements) {
            this.ctx = ctx;
            this.worker = worker;
            this.props = props;
            this.replacementsLeft = maxReplacements;
        }

        void spawnWorker() {
            ActorRef<T> ref = ctx.spawn(worker, "routee-" + (++nextId), props);
            ctx.watch(ref);
            workers.add(ref);
            idle.add(ref);
        }

        @SuppressWarnings("unchecked")
        Behavior<T> onMessage(T message) {
            if ((Object) message instanceof Ready(ActorRef<?> w)) {
                if (workers.contains(w)) {
                    T next = queue.poll();
                    if (next != null) {
                        ((ActorRef<T>) w).tell(next);
                    } else {
                        idle.add(w);
                    }
                }
                return Behaviors.same();
            }
            var it = idle.iterator();
            if (it.hasNext()) {
                ActorRef<T> w = (ActorRef<T>) it.next();
                it.remove();
                w.tell(message);
            } else {
                queue.add(message);
            }
            return Behaviors.same();
        }

        Behavior<T> onSignal(Signal signal) {
            ActorRef<Void> gone;
            Throwable cause;
            switch (signal) {
                case Terminated t -> {
                    gone = t.ref();
                    cause = null;
                }
                case ChildFailed f -> {
                    gone = f.ref();
                    cause = f.cause();
                }
                default -> {
                    return Behaviors.same();
                }
            }
            if (!workers.remove(gone)) {
                return Behaviors.same();
            }
            idle.remove(gone);
            if (cause != null && replacementsLeft > 0) {
                replacementsLeft--;
                ctx.log().warn("Balancing-pool routee {} failed and stopped; replacing it", gone.path(), cause);
                spawnWorker();
                T next = queue.poll();
                if (next != null) {
                    onMessage(next);
                }
                return Behaviors.same();
            }
            if (workers.isEmpty()) {
                ctx.log().info("All routees of balancing pool {} stopped; stopping it ({} queued messages to dead "
                        + "letters)", ctx.self().path(), queue.size());
                for (T m : queue) {
                    ctx.system().deadLetters().tell(m);
                }
                queue.clear();
                return Behaviors.stopped();
            }
            return Behaviors.same();
        }
    }

    /** Tells the coordinator after each message the worker finished without stopping. */
    private record ReadyInterceptor<T>(ActorRef<T> coordinator) implements Interceptor<T> {
        @Override
        public Behavior<T> aroundReceive(ContextBase<T> ctx, T message, Target<T> target) throws Exception {
            Behavior<T> next = target.interpretInner(message);
            if (!BehaviorInterpreter.isStopped(next)) {
                coordinator.tell(control(new Ready(ctx.self())));
            }
            return next;
        }

        @Override
        public Behavior<T> aroundSignal(ContextBase<T> ctx, dev.troupe.actor.Signal signal, Target<T> target)
                throws Exception {
            return target.interpretInnerSignal(signal);
        }
    }
}
