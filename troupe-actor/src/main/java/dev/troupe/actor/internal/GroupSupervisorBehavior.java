package dev.troupe.actor.internal;

import dev.troupe.actor.AbstractBehavior;
import dev.troupe.actor.ActorContext;
import dev.troupe.actor.ActorPath;
import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.ChildFailed;
import dev.troupe.actor.ChildSpec;
import dev.troupe.actor.GroupStrategy;
import dev.troupe.actor.RestartType;
import dev.troupe.actor.Signal;
import dev.troupe.actor.SupervisionEvent;
import dev.troupe.actor.SupervisorCommand;
import dev.troupe.actor.SupervisorCommand.ChildInfo;
import dev.troupe.actor.SupervisorCommand.StartResult;
import dev.troupe.actor.SupervisorCommand.StopResult;
import dev.troupe.actor.SupervisorGaveUpException;
import dev.troupe.actor.SupervisorSpec;
import dev.troupe.actor.Terminated;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The group supervisor behind {@link dev.troupe.actor.Supervisors#group}. One instance per supervisor
 * incarnation (built in its {@code setup}); all state is confined to the supervisor's thread.
 *
 * <p>The supervisor is a small work list driven by {@link #advance}: entries flagged {@code pendingStop} are
 * stopped one at a time, highest start index first, each stop awaited (its {@link Terminated} or
 * {@link ChildFailed}); then entries flagged {@code pendingStart} are spawned one at a time in start order,
 * each awaited until its {@code setup} has completed (the child's behavior is wrapped so that it tells the
 * supervisor {@link ChildStarted} right after its own setup). Only when nothing is pending or awaited are
 * queued {@link SupervisorCommand}s processed, so every command sees a settled state. A child exit that was
 * not asked for is decided by the strategy and restart type, which only sets flags; an exit of a child already
 * flagged for stopping is absorbed (it is being stopped or restarted anyway). Giving up or shutting down
 * flags every running child for stopping and clears all starts; once they are stopped the supervisor throws
 * {@link SupervisorGaveUpException} or stops.
 */
public final class GroupSupervisorBehavior extends AbstractBehavior<Object> {

    /** Told by a child's wrapper once its setup has completed. */
    record ChildStarted(ActorRef<Void> ref) {}

    /** The factory of every group supervisor; lets a parent supervisor recognize a nested one. */
    private record GroupFactory(SupervisorSpec spec) implements Behaviors.Factory<Object> {
        @Override
        public Behavior<Object> apply(ActorContext<Object> context) throws Exception {
            GroupSupervisorBehavior sup = new GroupSupervisorBehavior(context, spec);
            sup.advance(); // starts the initial children; may throw if it gives up at once
            return sup;
        }
    }

    private static final class Entry {
        final ChildSpec<?> spec;
        final String actorType;
        ActorRef<Void> ref;
        ActorPath lastPath;
        boolean pendingStop;
        boolean pendingStart;
        boolean removeWhenStopped;
        ActorRef<StartResult> startReply;
        ActorRef<StopResult> stopReply;

        Entry(ChildSpec<?> spec) {
            this.spec = spec;
            this.actorType = actorType(spec.behavior());
        }
    }

    private enum Awaiting { NOTHING, START, STOP }

    private final ActorContext<Object> ctx;
    private final SupervisorSpec spec;
    private final List<Entry> entries = new ArrayList<>();
    private final ArrayDeque<SupervisorCommand> queued = new ArrayDeque<>();
    private final ArrayDeque<Long> restarts = new ArrayDeque<>();
    private Entry awaited;
    private Awaiting awaiting = Awaiting.NOTHING;
    private SupervisorGaveUpException givingUp;
    private boolean shuttingDown;
    private boolean initialized;
    private Runnable onInitialized;

    private GroupSupervisorBehavior(ActorContext<Object> ctx, SupervisorSpec spec) {
        super(ctx);
        this.ctx = ctx;
        this.spec = spec;
        for (ChildSpec<?> child : spec.children()) {
            Entry e = new Entry(child);
            e.pendingStart = true;
            entries.add(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Behavior<SupervisorCommand> create(SupervisorSpec spec) {
        return (Behavior) Behaviors.setup(new GroupFactory(spec));
    }

    // ---- messages and signals ----------------------------------------------------------------------------

    @Override
    public Behavior<Object> onMessage(Object message) throws Exception {
        switch (message) {
            case SupervisorCommand command -> queued.add(command);
            case ChildStarted(var ref) -> {
                if (awaiting == Awaiting.START && ref.equals(awaited.ref)) {
                    Entry e = awaited;
                    clearAwaited();
                    if (e.startReply != null) {
                        e.startReply.tell(new StartResult.Started(ref));
                        e.startReply = null;
                    }
                }
            }
            default -> throw new IllegalArgumentException("A group supervisor does not accept "
                    + message.getClass().getName());
        }
        return advance();
    }

    @Override
    public Behavior<Object> onSignal(Signal signal) throws Exception {
        switch (signal) {
            case ChildFailed(var ref, var cause) -> {
                return childExited(ref, cause);
            }
            case Terminated(var ref) -> {
                return childExited(ref, null);
            }
            default -> {
                return Behaviors.same(); // PostStop, PreRestart: nothing to clean up (children stop with us)
            }
        }
    }

    private Behavior<Object> childExited(ActorRef<Void> ref, Throwable cause) throws Exception {
        Entry e = find(ref);
        if (e == null) {
            return Behaviors.same(); // not a child we supervise (cannot happen: we watch only our children)
        }
        e.ref = null;
        if (e == awaited) {
            Awaiting was = awaiting;
            clearAwaited();
            if (was == Awaiting.STOP) {
                e.pendingStop = false;
                finishStop(e);
                return advance();
            }
            // It exited before its setup completed.
            if (e.startReply != null) {
                e.startReply.tell(new StartResult.Failed(e.spec.name(), cause != null ? cause
                        : new IllegalStateException("child [" + e.spec.name() + "] stopped during its setup")));
                e.startReply = null;
                entries.remove(e);
                return advance();
            }
        }
        if (e.pendingStop) {
            // Flagged for stopping (a restart, StopChild, give-up or shutdown): this exit does that job.
            e.pendingStop = false;
            finishStop(e);
            return advance();
        }
        decide(e, cause);
        return advance();
    }

    // ---- decisions ---------------------------------------------------------------------------------------

    /** An exit the supervisor did not ask for. */
    private void decide(Entry failed, Throwable cause) {
        boolean abnormal = cause != null;
        long now = ctx.system().scheduler().nanoTime();
        pruneRestarts(now);
        // The failed child's own cell has published Failed and StoppedOnFailure; only decisions are added here.
        if (givingUp != null || shuttingDown) {
            return; // everything is being stopped anyway
        }
        boolean restart = switch (failed.spec.restartType()) {
            case PERMANENT -> true;
            case TRANSIENT -> abnormal;
            case TEMPORARY -> false;
        };
        if (!restart) {
            if (failed.spec.restartType() == RestartType.TEMPORARY) {
                entries.remove(failed);
            }
            return;
        }
        if (restarts.size() >= spec.maxRestarts()) {
            giveUp(failed, cause);
            return;
        }
        restarts.addLast(now);
        int count = restarts.size();
        int index = entries.indexOf(failed);
        List<Entry> affected = switch (spec.strategy()) {
            case ONE_FOR_ONE -> List.of(failed);
            case ALL_FOR_ONE -> List.copyOf(entries);
            case REST_FOR_ONE -> List.copyOf(entries.subList(index, entries.size()));
        };
        List<String> restarted = new ArrayList<>();
        for (Entry e : affected) {
            boolean newlyRestarted = false;
            if (e == failed) {
                newlyRestarted = !e.pendingStart;
                e.pendingStart = true;
            } else if (e.ref != null && !e.pendingStop) {
                e.pendingStop = true;
                if (e.spec.restartType() == RestartType.TEMPORARY) {
                    e.removeWhenStopped = true;
                } else {
                    newlyRestarted = !e.pendingStart;
                    e.pendingStart = true;
                }
            }
            if (newlyRestarted) {
                restarted.add(e.spec.name());
                if (abnormal) {
                    publish(new SupervisionEvent.Restarted(e.lastPath, e.actorType, cause, count));
                }
            }
        }
        ctx.log().info("Child [{}] of group supervisor {} exited ({}); {} restarting {} (restart {} of at most {} "
                        + "within {})", failed.spec.name(), ctx.self().path(),
                abnormal ? cause.getClass().getName() : "normally", spec.strategy(), restarted, count,
                spec.maxRestarts(), spec.within());
    }

    private void pruneRestarts(long now) {
        long window = spec.within().toNanos();
        while (!restarts.isEmpty() && now - restarts.peekFirst() >= window) {
            restarts.removeFirst();
        }
    }

    private void giveUp(Entry failed, Throwable cause) {
        if (cause != null) {
            publish(new SupervisionEvent.Escalated(failed.lastPath, failed.actorType, cause, restarts.size()));
        }
        givingUp = new SupervisorGaveUpException(ctx.self().path(), failed.spec.name(), spec.maxRestarts(),
                spec.within(), cause);
        ctx.log().warn("Group supervisor {} gives up: child [{}] exceeded {} restart(s) within {}; stopping all "
                + "children", ctx.self().path(), failed.spec.name(), spec.maxRestarts(), spec.within());
        stopEverything();
    }

    private void stopEverything() {
        for (Entry e : entries) {
            e.pendingStart = false;
            if (e.ref != null) {
                e.pendingStop = true;
            }
        }
    }

    // ---- the work list -----------------------------------------------------------------------------------

    /**
     * Starts the next stop or start, or processes queued commands when there is none. Returns the behavior to
     * continue with; throws the give-up failure once every child has stopped.
     */
    private Behavior<Object> advance() {
        while (true) {
            if (awaiting != Awaiting.NOTHING) {
                return Behaviors.same();
            }
            Entry toStop = null;
            for (int i = entries.size() - 1; i >= 0 && toStop == null; i--) {
                Entry e = entries.get(i);
                if (e.pendingStop) {
                    if (e.ref != null) {
                        toStop = e;
                    } else {
                        e.pendingStop = false;
                        finishStop(e);
                        i = entries.size(); // finishStop may have removed entries: rescan
                    }
                }
            }
            if (toStop != null) {
                stopChild(toStop);
                continue;
            }
            if (givingUp != null) {
                answerQueued();
                throw givingUp;
            }
            if (shuttingDown) {
                answerQueued();
                return Behaviors.stopped();
            }
            Entry toStart = null;
            for (Entry e : entries) {
                if (e.pendingStart) {
                    toStart = e;
                    break;
                }
            }
            if (toStart != null) {
                toStart.pendingStart = false;
                startChild(toStart);
                continue;
            }
            if (!initialized) {
                initialized = true;
                if (onInitialized != null) {
                    onInitialized.run();
                    onInitialized = null;
                }
            }
            SupervisorCommand command = queued.poll();
            if (command == null) {
                return Behaviors.same();
            }
            process(command);
        }
    }

    private void stopChild(Entry e) {
        awaited = e;
        awaiting = Awaiting.STOP;
        if (isGroupSupervisor(e.spec.behavior())) {
            // A nested group supervisor stops its own children in reverse order too.
            e.ref.<SupervisorCommand>unsafeUpcast().tell(new SupervisorCommand.Shutdown());
        } else {
            ctx.stop(e.ref);
        }
    }

    private void startChild(Entry e) {
        try {
            ActorRef<?> ref = spawn(e.spec);
            e.ref = ref.unsafeUpcast();
            e.lastPath = ref.path();
            ctx.watch(ref);
            awaited = e;
            awaiting = Awaiting.START;
        } catch (RuntimeException spawnFailed) {
            if (e.startReply != null) {
                e.startReply.tell(new StartResult.Failed(e.spec.name(), spawnFailed));
                e.startReply = null;
                entries.remove(e);
            } else {
                if (e.lastPath == null) {
                    e.lastPath = ctx.self().path().child(e.spec.name(), 0);
                }
                decide(e, spawnFailed);
            }
        }
    }

    private <T> ActorRef<T> spawn(ChildSpec<T> child) {
        ActorRef<Object> supervisor = ctx.self();
        Behavior<T> inner = child.behavior();
        Behavior<T> acknowledged = Behaviors.setup(childCtx -> {
            Behavior<T> started = BehaviorInterpreter.start(inner, (ContextBase<T>) childCtx);
            ActorRef<Void> self = childCtx.self().unsafeUpcast();
            Runnable ack = () -> supervisor.tell(new ChildStarted(self));
            if (unwrap(started) instanceof GroupSupervisorBehavior nested) {
                nested.whenInitialized(ack); // a nested supervisor has started once all its children have
            } else {
                ack.run();
            }
            return started;
        });
        return ctx.spawn(acknowledged, child.name(), child.props());
    }

    /** Runs {@code action} once the initial children have all been started (at once if they have). */
    private void whenInitialized(Runnable action) {
        if (initialized) {
            action.run();
        } else {
            onInitialized = action;
        }
    }

    private void finishStop(Entry e) {
        if (e.removeWhenStopped) {
            entries.remove(e);
        }
        if (e.stopReply != null) {
            e.stopReply.tell(new StopResult.Stopped(e.spec.name()));
            e.stopReply = null;
        }
    }

    private void clearAwaited() {
        awaited = null;
        awaiting = Awaiting.NOTHING;
    }

    // ---- commands ----------------------------------------------------------------------------------------

    private void process(SupervisorCommand command) {
        switch (command) {
            case SupervisorCommand.StartChild(var child, var replyTo) -> {
                if (find(child.name()) != null) {
                    replyTo.tell(new StartResult.AlreadyExists(child.name()));
                } else {
                    Entry e = new Entry(child);
                    e.pendingStart = true;
                    e.startReply = replyTo;
                    entries.add(e);
                }
            }
            case SupervisorCommand.StopChild(var name, var replyTo) -> {
                Entry e = find(name);
                if (e == null) {
                    replyTo.tell(new StopResult.NotFound(name));
                } else {
                    e.removeWhenStopped = true;
                    e.stopReply = replyTo;
                    if (e.ref != null) {
                        e.pendingStop = true;
                    } else {
                        finishStop(e);
                    }
                }
            }
            case SupervisorCommand.WhichChildren(var replyTo) -> replyTo.tell(childInfos());
            case SupervisorCommand.Shutdown() -> {
                shuttingDown = true;
                stopEverything();
            }
        }
    }

    /** Answers the commands that will never be processed because the supervisor is stopping. */
    private void answerQueued() {
        Throwable stopping = new IllegalStateException("Group supervisor " + ctx.self().path() + " is stopping");
        SupervisorCommand command;
        while ((command = queued.poll()) != null) {
            switch (command) {
                case SupervisorCommand.StartChild(var child, var replyTo) ->
                        replyTo.tell(new StartResult.Failed(child.name(), stopping));
                case SupervisorCommand.StopChild(var name, var replyTo) ->
                        replyTo.tell(find(name) != null ? new StopResult.Stopped(name) : new StopResult.NotFound(name));
                case SupervisorCommand.WhichChildren(var replyTo) -> replyTo.tell(childInfos());
                case SupervisorCommand.Shutdown() -> { }
            }
        }
    }

    private List<ChildInfo> childInfos() {
        List<ChildInfo> infos = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            infos.add(new ChildInfo(e.spec.name(), Optional.ofNullable(e.ref), e.spec.restartType(), e.ref != null));
        }
        return List.copyOf(infos);
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private Entry find(ActorRef<?> ref) {
        for (Entry e : entries) {
            if (ref.equals(e.ref)) {
                return e;
            }
        }
        return null;
    }

    private Entry find(String name) {
        for (Entry e : entries) {
            if (e.spec.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private void publish(SupervisionEvent event) {
        ctx.system().eventStream().publish(event);
    }

    static boolean isGroupSupervisor(Behavior<?> behavior) {
        return switch (behavior) {
            case BehaviorImpl.Deferred<?> d -> d.factory instanceof GroupFactory;
            case BehaviorImpl.Supervised<?> s -> isGroupSupervisor(s.inner); // as made by Supervisors.group
            default -> false;
        };
    }

    /** The behavior under any interceptors (such as the escalation that Supervisors.group adds). */
    private static Behavior<?> unwrap(Behavior<?> started) {
        Behavior<?> b = started;
        while (b instanceof BehaviorImpl.Intercept<?> intercept) {
            b = intercept.inner();
        }
        return b;
    }

    /** The actor type of a child: a nested group supervisor is one, anything else the class defining it. */
    static String actorType(Behavior<?> behavior) {
        return isGroupSupervisor(behavior) ? GroupSupervisorBehavior.class.getName() : ActorTypes.of(behavior);
    }
}
