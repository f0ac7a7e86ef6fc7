package dev.troupe.actor.internal;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.AskPattern;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.Cancellable;
import dev.troupe.actor.ChildFailed;
import dev.troupe.actor.DeathPactException;
import dev.troupe.actor.InvalidActorNameException;
import dev.troupe.actor.PostStop;
import dev.troupe.actor.Props;
import dev.troupe.actor.Signal;
import dev.troupe.actor.Terminated;
import dev.troupe.actor.TimerScheduler;
import dev.troupe.actor.Scheduler;
import dev.troupe.actor.SupervisionEvent;
import dev.troupe.actor.UnhandledMessage;
import dev.troupe.actor.UnhandledMessageException;
import dev.troupe.actor.UnhandledMessagePolicy;
import dev.troupe.actor.internal.BehaviorImpl.Deferred;
import dev.troupe.actor.internal.BehaviorImpl.Stopped;
import dev.troupe.actor.internal.SystemMessage.Create;
import dev.troupe.actor.internal.SystemMessage.DeathWatchNotification;
import dev.troupe.actor.internal.SystemMessage.Terminate;
import dev.troupe.actor.internal.SystemMessage.Unwatch;
import dev.troupe.actor.internal.SystemMessage.Watch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Implementation overview
 *
 * The cell is an actor's private side: its current behavior, children, watch bookkeeping and lifecycle. All
 * of its fields are confined to the actor's turn (one thread at a time, with happens-before between turns,
 * see Mailbox), except `self`, `system`, `mailbox` and `parent`, which are final. Everything that other
 * threads want from the cell travels through the mailbox as a message or a system message.
 *
 * Size: a system may hold millions of idle actors, so the cell keeps only what every actor uses. Failure,
 * restart, death watch, timer, receive-timeout, naming and logger state live in a CellExtras allocated on first
 * use; processing a message costs one null check of it. Children are linked through their own cells
 * (prevSibling, nextSibling; see Children), and an anonymous child is known by its number (in its path and in
 * its cell) rather than by a name string.
 *
 * Lifecycle:  CREATED --Create--> RUNNING --stop--> TERMINATING --children gone--> TERMINATED
 *   - Create is the first system message; it runs the setup of the initial behavior.
 *   - stop (Terminate from the parent, returning Behaviors.stopped, or an unhandled failure) cancels timers,
 *     suspends user messages and sends Terminate to every child. Each child answers with a
 *     DeathWatchNotification when it is fully stopped; when the last one has, the cell finishes.
 *   - finishing delivers PostStop, closes the mailbox (pending and later messages become dead letters), and
 *     notifies the parent and every watcher with a DeathWatchNotification.
 *
 * Death watch: a watcher records the watchee in `watching` and sends it Watch; the watchee records the
 * watcher. A DeathWatchNotification is a system message, so it overtakes user messages; to keep "messages
 * the dead actor sent before it died come before Terminated", the watcher queues a TerminatedEnvelope behind
 * its user messages and delivers the signal when it reaches it, unless unwatch came first.
 * A Watch that reaches a closed mailbox is answered at once (deadSystemMessage), so watching an actor that
 * already died still yields exactly one Terminated.
 */

/**
 * An actor's state and lifecycle, and its {@link dev.troupe.actor.ActorContext}. Confined to the actor's
 * turn; see the implementation overview in the source.
 */
public final class ActorCell<T> extends ContextBase<T> {
    private static final Logger LOG = LoggerFactory.getLogger(ActorCell.class);
    private static final Object WATCH_SIGNAL = new Object();
    private static final Object RECEIVE_TIMEOUT_KEY = new Object();

    /** The receive timeout's timer: checks whether the actor has really been idle for the whole timeout. */
    private enum ReceiveTimeoutCheck implements InternalMessage {
        INSTANCE;

        @Override
        public <T> void deliver(ActorCell<T> cell) throws Exception {
            cell.checkReceiveTimeout();
        }

        @Override
        public Object deadLetterPayload() {
            return null;
        }
    }

    record Watcher(InternalRef<?> watcher, InternalRef<?> watchedAs) {}

    private static final byte CREATED = 0;
    private static final byte RUNNING = 1;
    private static final byte TERMINATING = 2;
    private static final byte TERMINATED = 3;

    private final ActorSystemImpl<?> system;
    private final InternalRef<?> parent;
    private final LocalActorRef<T> self;
    final Mailbox mailbox;
    /** Null unless the system is instrumented. */
    private ActorStats stats;
    /** Whether this is an anonymous child, then named after anonymousNumber, unique among its live siblings. */
    final boolean anonymous;
    final int anonymousNumber;

    private Behavior<T> behavior;
    private byte lifecycle = CREATED;
    /** Set and read only by the parent's turn: the parent asked this actor to stop. */
    private boolean stopRequestedByParent;
    private Thread turnThread;
    private Object currentMessage;
    private Children children;
    /** This actor's neighbours among its parent's children; read and written only by the parent's turn. */
    ActorCell<?> prevSibling;
    ActorCell<?> nextSibling;
    /** Null until the actor first needs any of it: most actors never do (see CellExtras). */
    private CellExtras<T> extras;

    /** A cell for {@code path}; an anonymous child's path must come from ActorPath.anonymousChild(anonymousNumber). */
    ActorCell(ActorSystemImpl<?> system, InternalRef<?> parent, dev.troupe.actor.ActorPath path, boolean anonymous,
              int anonymousNumber, Behavior<T> initial, Mailbox mailbox, Dispatcher dispatcher) {
        this.system = system;
        this.parent = parent;
        this.anonymous = anonymous;
        this.anonymousNumber = anonymousNumber;
        this.behavior = initial;
        this.mailbox = mailbox;
        this.self = new LocalActorRef<>(path, this, mailbox);
        mailbox.attach(this, dispatcher);
    }

    /**
     * Makes this actor report to the system's instrumentation; called once, after construction, before
     * {@link #start}.
     */
    void instrument(ActorStats actorStats, int mailboxFlags) {
        this.stats = actorStats;
        mailbox.instrument(mailboxFlags);
    }

    /** Sends the Create message; the behavior starts on the actor's first turn. */
    void start() {
        if (stats != null) {
            stats.markStarted();
            system.instrumentation().started(stats.recorder, stats);
        }
        mailbox.enqueueSystem(new Create());
    }

    @Override
    String instrumentedActorType() {
        return stats == null ? null : stats.actorType();
    }

    /**
     * Stops this actor without its behavior ever running, not even for PostStop: for a guardian whose system
     * fails to start. Only before {@link #start}.
     */
    void abandonBeforeStart() {
        behavior = null;
        system.terminate();
    }

    /** Runs the message hook's onSend for a message sent to this actor; the sender's thread. */
    Object onSend(Object message) {
        return system.instrumentation().onSend(self.path(), message);
    }

    LocalActorRef<T> selfRef() {
        return self;
    }

    ActorSystemImpl<?> systemImpl() {
        return system;
    }

    boolean isTerminated() {
        return mailbox.isClosed();
    }

    // ---- turns ------------------------------------------------------------------------------------------

    /**
     * The actor whose turn the current thread is running, if any, except in a dispatcher worker's own turns
     * (the worker knows its current mailbox anyway, so the default dispatcher pays for no thread-local per
     * turn); lets blocking calls refuse to run there.
     */
    private static final ThreadLocal<ActorCell<?>> CURRENT_TURN = new ThreadLocal<>();

    void beginTurn() {
        Thread thread = Thread.currentThread();
        turnThread = thread;
        if (!isWorkersOwnTurn(thread)) {
            CURRENT_TURN.set(this);
        }
    }

    void endTurn() {
        Thread thread = turnThread;
        turnThread = null;
        if (!isWorkersOwnTurn(thread)) {
            CURRENT_TURN.remove();
        }
    }

    /** A dispatcher worker running this actor's mailbox (not a calling-thread turn nested in another actor's). */
    private boolean isWorkersOwnTurn(Thread thread) {
        return thread instanceof Worker worker && worker.cellInTurn() == this;
    }

    /** The path of the actor whose turn the current thread runs, or null outside any actor. */
    static dev.troupe.actor.ActorPath currentTurn() {
        ActorCell<?> cell = CURRENT_TURN.get();
        if (cell == null && Thread.currentThread() instanceof Worker worker) {
            cell = worker.cellInTurn();
        }
        return cell == null ? null : cell.self.path();
    }

    @Override
    public void checkThread() {
        Thread current = Thread.currentThread();
        if (current != turnThread) {
            Thread owner = turnThread;
            throw new IllegalStateException("ActorContext used outside its actor: " + self.path() + " is "
                    + (owner == null ? "not processing a message now" : "processed on thread '" + owner.getName()
                    + "'") + ", this call came from '" + current.getName()
                    + "'. Send a message to self instead (see ActorContext#pipeToSelf).");
        }
    }

    // ---- user messages ----------------------------------------------------------------------------------

    /*
     * An instrumented actor's messages mostly travel bare (only sampled ones come in an envelope) and, without a
     * message hook, need nothing but counting, which deliver() does. So only envelopes and hooked systems take
     * invokeInstrumented: the common path stays as small as the plain one, which the JIT inlines whole into
     * the mailbox's loop (with every message through invokeInstrumented, ping-pong ran about 25% slower).
     */
    void invoke(Object envelope) {
        ActorStats st = stats;
        if (st != null && (st.hooked || envelope instanceof InstrumentedEnvelope)) {
            invokeInstrumented(envelope, st);
        } else {
            deliver(envelope);
        }
    }

    /**
     * Processes one message or runtime envelope (counting it, for an instrumented actor); returns what its
     * handling threw (already handled), or null.
     */
    @SuppressWarnings("unchecked")
    private Throwable deliver(Object envelope) {
        if (lifecycle != RUNNING) {
            deadLetter(envelope);
            return null;
        }
        if (heldByRestart(envelope)) {
            if (!extras.restart.hold(envelope)) {
                deadLetter(envelope);
            }
            return null;
        }
        ActorStats st = stats;
        if (st != null) {
            st.countMessage();
        }
        try {
            if (envelope instanceof InternalMessage internal) {
                internal.deliver(this);
            } else {
                receiveMessage((T) envelope);
            }
            return null;
        } catch (Throwable t) {
            handleFailure(t);
            return t;
        } finally {
            currentMessage = null;
            leaveMdc();
        }
    }

    /** Whether a restart in progress holds {@code envelope} back (everything but the end of its back-off). */
    private boolean heldByRestart(Object envelope) {
        CellExtras<T> x = extras;
        return x != null && x.restart != null && !(envelope instanceof RestartInProgress.DelayElapsed);
    }

    /**
     * {@link #deliver} with the sampling and hook of an instrumented actor. A message that is not
     * processed now (the actor is stopping, or a restart holds it back) is neither counted nor hooked; a held one
     * keeps its envelope, so it is counted, timed and hooked when it is finally processed.
     */
    private void invokeInstrumented(Object envelope, ActorStats st) {
        if (lifecycle != RUNNING || heldByRestart(envelope)) {
            // not processed now: dead-lettered, or held in its envelope (context and all) until the restart is done
            deliver(envelope);
            return;
        }
        InstrumentedEnvelope e = envelope instanceof InstrumentedEnvelope wrapped ? wrapped : null;
        Object message = e == null ? envelope : e.message;
        InstrumentationRuntime runtime = system.instrumentation();
        boolean hooked = st.hooked && !(message instanceof InternalMessage);
        if (e == null && !hooked) {
            deliver(envelope);
            return;
        }
        boolean timed = e != null && e.weight != 0;
        int depth = timed ? mailbox.depthSeenByConsumer() : 0;
        long start = timed ? System.nanoTime() : 0L;
        Object token = hooked ? runtime.beforeReceive(st, message, e == null ? null : e.carried) : null;
        Throwable failure = deliver(message);
        if (hooked) {
            runtime.afterReceive(st, token, failure);
        }
        if (timed) {
            long processing = System.nanoTime() - start;
            st.addSampledProcessing(processing, e.weight);
            runtime.sampled(st.recorder, st, start - e.enqueuedNanos, processing, depth, e.weight);
        }
    }

    /** Processes one message with the current behavior. */
    void receiveMessage(T message) throws Exception {
        currentMessage = message;
        CellExtras<T> x = extras;
        if (x != null && x.receiveTimeout != null) {
            x.lastMessageNanos = system.scheduler().nanoTime(); // no timer work per message: see checkReceiveTimeout
        }
        Behavior<T> next = BehaviorInterpreter.interpretMessage(behavior, this, message);
        if (BehaviorInterpreter.isUnhandled(next)) {
            unhandled(message);
        } else {
            become(next);
        }
    }

    /**
     * Delivers a signal. If the behavior does not handle it: an escalated child failure becomes this actor's
     * own failure, and a watched actor's death is a death pact.
     */
    private void receiveSignal(Signal signal, InternalRef<?> deathPactWith, Throwable escalation)
            throws Exception {
        currentMessage = signal;
        if (escalation != null) {
            extras().currentEscalation = escalation;
        }
        Behavior<T> next;
        try {
            next = BehaviorInterpreter.interpretSignal(behavior, this, signal);
        } finally {
            if (escalation != null) {
                extras.currentEscalation = null;
            }
        }
        if (BehaviorInterpreter.isUnhandled(next)) {
            if (escalation != null) {
                throw Failures.rethrow(escalation);
            }
            if (deathPactWith != null) {
                throw new DeathPactException(deathPactWith.unsafeUpcast());
            }
        } else {
            become(next);
        }
    }

    private void become(Behavior<T> next) throws Exception {
        adopt(BehaviorInterpreter.endsBehavior(next) ? next : BehaviorInterpreter.canonicalize(next, behavior, this));
    }

    private void adopt(Behavior<T> started) {
        switch (started) {
            case Stopped<T> stopped -> {
                behavior = stopped.after(behavior);
                stop();
            }
            case BehaviorImpl.Restarting<T> restarting -> beginRestart(restarting);
            default -> behavior = started;
        }
    }

    @Override
    public Behavior<T> interpretUnstashed(Behavior<T> current, T message) throws Exception {
        currentMessage = message;
        Behavior<T> next = BehaviorInterpreter.interpretMessage(current, this, message);
        if (BehaviorInterpreter.isUnhandled(next)) {
            unhandled(message);
            return current;
        }
        return BehaviorInterpreter.endsBehavior(next) ? next : BehaviorInterpreter.canonicalize(next, current, this);
    }

    /** A message reached the behavior and was not handled: what happens is the system's policy. */
    private void unhandled(Object message) {
        switch (system.settings().unhandledMessagePolicy()) {
            case FAIL -> throw new UnhandledMessageException(message, self.path());
            case LOG_AND_PUBLISH -> {
                system.eventStream().publish(new UnhandledMessage(message, self.unsafeUpcast()));
                if (LOG.isDebugEnabled()) {
                    LOG.debug("Unhandled message of type {} in {}", message.getClass().getName(), self.path());
                }
            }
            case DEAD_LETTER -> system.deadLetter(message, self);
        }
    }

    void deliverTerminated(TerminatedEnvelope envelope) throws Exception {
        ActorRef<Void> dead = envelope.actor().unsafeUpcast();
        Throwable escalation = envelope.escalated() ? envelope.failure() : null;
        if (!envelope.watched()) {
            receiveSignal(new ChildFailed(dead, envelope.failure()), null, escalation);
            return;
        }
        Object watchMessage = extras == null || extras.terminatedQueued == null ? null
                : extras.terminatedQueued.remove(envelope.actor());
        if (watchMessage == null) {
            return; // unwatched after the notification arrived
        }
        if (watchMessage != WATCH_SIGNAL && escalation == null) {
            receiveMessage(castMessage(watchMessage));
        } else if (envelope.child() && envelope.failure() != null) {
            receiveSignal(new ChildFailed(dead, envelope.failure()), envelope.actor(), escalation);
        } else {
            receiveSignal(new Terminated(dead), envelope.actor(), null);
        }
    }

    @SuppressWarnings("unchecked")
    private T castMessage(Object message) {
        return (T) message;
    }

    private void handleFailure(Throwable thrown) {
        Throwable t = thrown instanceof StashBufferImpl.UnstashException && thrown.getCause() != null
                ? thrown.getCause() : thrown;
        CellExtras<T> x = extras();
        if (x.failure == null) {
            x.failure = t;
        }
        if (lifecycle == CREATED) {
            lifecycle = RUNNING;
        }
        boolean fatal = t instanceof VirtualMachineError;
        try {
            if (fatal) {
                LOG.error("Fatal error in {}; terminating actor system {}", self.path(), system.name(), t);
            } else {
                LOG.error("Actor {} failed and stops: {}", self.path(), t.getClass().getName(), t);
            }
        } catch (RuntimeException loggingFailed) {
            // The failure's own toString/getMessage may throw; the actor must still stop.
            t.addSuppressed(loggingFailed);
        }
        if (fatal) {
            system.terminate();
        } else if (lifecycle == RUNNING) {
            String actorType = actorTypeFor(behavior);
            publishEvent(new SupervisionEvent.Failed(self.path(), actorType, t, 0));
            publishEvent(new SupervisionEvent.StoppedOnFailure(self.path(), actorType, t, 0));
        }
        stop();
    }

    // ---- system messages --------------------------------------------------------------------------------

    void systemInvoke(SystemMessage message) {
        try {
            switch (message) {
                case Create create -> create();
                case Terminate terminate -> stop();
                case Watch watch -> addWatcher(watch.watcher, watch.watchee);
                case Unwatch unwatch -> {
                    if (extras != null && extras.watchedBy != null) {
                        extras.watchedBy.remove(new Watcher(unwatch.watcher, unwatch.watchee));
                    }
                }
                case DeathWatchNotification death ->
                        watchedActorTerminated(death.actor, death.failure, death.escalated);
            }
        } catch (Throwable t) {
            handleFailure(t);
        }
    }

    private void create() throws Exception {
        if (lifecycle != CREATED) {
            return;
        }
        lifecycle = RUNNING;
        adopt(BehaviorInterpreter.start(behavior, this));
    }

    private void addWatcher(InternalRef<?> watcher, InternalRef<?> watchedAs) {
        if (watcher.equals(self)) {
            return;
        }
        CellExtras<T> x = extras();
        if (x.watchedBy == null) {
            x.watchedBy = new HashSet<>();
        }
        x.watchedBy.add(new Watcher(watcher, watchedAs));
    }

    private void watchedActorTerminated(InternalRef<?> actor, Throwable cause, boolean escalated) {
        ActorCell<?> child = removeChild(actor);
        boolean wasChild = child != null;
        CellExtras<T> x = extras;
        Object watchMessage = x == null || x.watching == null ? null : x.watching.remove(actor);
        // A child this actor was already stopping (e.g. for its own restart) escalates too late to matter.
        boolean escalation = escalated && wasChild && cause != null && !child.stopRequestedByParent;
        boolean noChildrenLeft = children == null || children.isEmpty();
        if (lifecycle == RUNNING) {
            if (watchMessage != null) {
                if (x.terminatedQueued == null) {
                    x.terminatedQueued = new HashMap<>();
                }
                x.terminatedQueued.put(actor, watchMessage);
                mailbox.enqueue(new TerminatedEnvelope(actor, cause, wasChild, true, escalation));
            } else if (wasChild && cause != null) {
                mailbox.enqueue(new TerminatedEnvelope(actor, cause, true, false, escalation));
            }
            if (x != null && x.restart != null && !x.restart.childrenGone && noChildrenLeft) {
                x.restart.childrenGone = true;
                maybeCompleteRestart();
            }
        } else if (lifecycle == TERMINATING && noChildrenLeft) {
            finishTermination();
        }
    }

    // ---- restarting -------------------------------------------------------------------------------------

    /*
     * A restart starts from a clean slate: timers, the receive timeout and watches are dropped, children are
     * stopped unless kept. Without a back-off delay the mailbox is suspended until the children are gone, so
     * every message waits for the new behavior. With a delay the actor keeps taking messages, holding up to
     * the stash capacity (the rest are dead letters), and processes the held ones right after restarting.
     */
    private void beginRestart(BehaviorImpl.Restarting<T> request) {
        CellExtras<T> x = extras();
        x.receiveTimeout = null;
        x.receiveTimeoutMessage = null;
        if (x.timers != null) {
            x.timers.cancelAll();
        }
        if (x.watching != null) {
            for (InternalRef<?> watched : x.watching.keySet()) {
                watched.sendSystem(new Unwatch(watched, self));
            }
            x.watching = null;
        }
        x.terminatedQueued = null;
        behavior = request.fresh();
        RestartInProgress<T> inProgress = new RestartInProgress<>(request);
        x.restart = inProgress;
        boolean waitForChildren = request.stopChildren() && children != null && !children.isEmpty();
        if (waitForChildren) {
            for (ActorCell<?> child : children) {
                stopChild(child);
            }
        }
        inProgress.childrenGone = !waitForChildren;
        if (request.delay().isZero()) {
            inProgress.delayElapsed = true;
            if (waitForChildren) {
                mailbox.suspend();
            }
        } else {
            inProgress.delayTimer = system.scheduler().scheduleOnce(request.delay(),
                    () -> mailbox.enqueue(new RestartInProgress.DelayElapsed(inProgress)));
        }
        maybeCompleteRestart();
    }

    void restartDelayElapsed(RestartInProgress<?> which) {
        if (extras != null && extras.restart == which) {
            which.delayElapsed = true;
            maybeCompleteRestart();
        }
    }

    private void maybeCompleteRestart() {
        RestartInProgress<T> done = extras == null ? null : extras.restart;
        if (done == null || !done.childrenGone || !done.delayElapsed) {
            return;
        }
        extras.restart = null;
        mailbox.resume();
        try {
            adopt(BehaviorInterpreter.start(done.request.fresh(), this));
        } catch (Throwable t) {
            handleFailure(t);
        }
        done.release(this::invoke);
    }

    private ActorCell<?> removeChild(InternalRef<?> actor) {
        ActorCell<?> child = liveChild(actor);
        if (child != null) {
            children.remove(child);
        }
        return child;
    }

    /** The cell of the live child that {@code ref} points to, or null if it is no live child of this actor. */
    private ActorCell<?> liveChild(ActorRef<?> ref) {
        if (children == null || !ref.path().parent().equals(self.path())) {
            return null;
        }
        ActorCell<?> child = ref instanceof LocalActorRef<?> local ? local.cell() : children.get(ref.path().name());
        return child != null && child.self.equals(ref) && children.contains(child) ? child : null;
    }

    private void stopChild(ActorCell<?> child) {
        child.stopRequestedByParent = true;
        child.self.sendSystem(new Terminate());
    }

    /** Handles a system message that reached the closed mailbox; any thread. */
    void deadSystemMessage(SystemMessage message) {
        if (message instanceof Watch watch && !watch.watcher.equals(self)) {
            // `failure` was written before the mailbox closed, and the caller saw it closed: safe to read.
            watch.watcher.sendSystem(new DeathWatchNotification(watch.watchee, failure()));
        }
    }

    /** Reports a message the bounded mailbox did not keep; any thread. */
    void dropped(Object queued, dev.troupe.actor.Dropped.Reason reason) {
        Object message = InstrumentedEnvelope.unwrap(queued);
        Object payload = message instanceof InternalMessage internal ? internal.deadLetterPayload() : message;
        if (payload != null) {
            system.dropped(payload, self, reason);
        }
    }

    /** Publishes an undeliverable message; any thread. */
    void deadLetter(Object queued) {
        Object message = InstrumentedEnvelope.unwrap(queued);
        Object payload = message instanceof InternalMessage internal ? internal.deadLetterPayload() : message;
        if (payload != null) {
            system.deadLetter(payload, self);
        }
    }

    // ---- stopping ---------------------------------------------------------------------------------------

    private void stop() {
        if (lifecycle >= TERMINATING) {
            return;
        }
        lifecycle = TERMINATING;
        CellExtras<T> x = extras;
        if (x != null) {
            if (x.restart != null) {
                x.restart.cancel();
                x.restart.release(this::deadLetter);
                x.restart = null;
            }
            x.receiveTimeout = null;
            if (x.timers != null) {
                x.timers.cancelAll();
            }
        }
        mailbox.suspend();
        if (children == null || children.isEmpty()) {
            finishTermination();
        } else {
            for (ActorCell<?> child : children) {
                stopChild(child);
            }
        }
    }

    private void finishTermination() {
        lifecycle = TERMINATED;
        deliverPostStop();
        leaveMdc();
        mailbox.close();
        CellExtras<T> x = extras;
        Throwable failure = failure();
        if (stats != null && stats.wasStarted()) {
            // before anyone learns of the death: whoever sees Terminated sees the actor gone from the metrics
            system.instrumentation().stopped(stats.recorder, stats, failure);
        }
        if (x != null && x.watchedBy != null) {
            for (Watcher watcher : x.watchedBy) {
                watcher.watcher().sendSystem(new DeathWatchNotification(watcher.watchedAs(), failure));
            }
        }
        parent.sendSystem(new DeathWatchNotification(self, failure, x != null && x.escalateFailure));
        system.actorTerminated();
        mailbox.dispatcher().actorTerminated(mailbox);
        behavior = null;
        children = null;
        if (x != null) {
            x.watching = null;
            x.terminatedQueued = null;
            x.watchedBy = null;
            x.timers = null;
        }
    }

    /** Why this actor stopped, if it failed; see deadSystemMessage for reading it from other threads. */
    private Throwable failure() {
        CellExtras<T> x = extras;
        return x == null ? null : x.failure;
    }

    private CellExtras<T> extras() {
        if (extras == null) {
            extras = new CellExtras<>();
        }
        return extras;
    }

    private void deliverPostStop() {
        Behavior<T> current = behavior;
        Behaviors.PostStopAction action = null;
        if (current instanceof Stopped<T> stopped) {
            action = stopped.postStop();
            current = stopped.previous();
        }
        try {
            currentMessage = PostStop.INSTANCE;
            // A behavior that never started (deferred, or supervised and stopped by a failed start) gets none.
            if (current != null && !(current instanceof Deferred<T>)
                    && !(current instanceof BehaviorImpl.Supervised<T>)) {
                BehaviorInterpreter.interpretSignal(current, this, PostStop.INSTANCE);
            }
            if (action != null) {
                action.run();
            }
        } catch (Throwable t) {
            LOG.error("PostStop handling of {} failed", self.path(), t);
        } finally {
            currentMessage = null;
        }
    }

    // ---- ActorContext -----------------------------------------------------------------------------------

    @Override
    public ActorRef<T> self() {
        return self;
    }

    @Override
    @SuppressWarnings("unchecked")
    public ActorSystem<Void> system() {
        return (ActorSystem<Void>) (ActorSystem<?>) system;
    }

    @Override
    public Logger log() {
        checkThread();
        CellExtras<T> x = extras();
        if (x.logger == null) {
            x.logger = LoggerFactory.getLogger(ActorTypes.of(behavior));
        }
        enterMdc(self.path(), actorTypeFor(behavior), currentMessage);
        return x.logger;
    }

    @Override
    public <U> ActorRef<U> spawn(Behavior<U> behavior, String name, Props props) {
        checkThread();
        requireSpawnName(name);
        checkSpawn(behavior, props, name);
        if (children != null && children.get(name) != null) {
            throw notUnique(name);
        }
        return spawnChild(behavior, props, self.path().child(name, ActorSystemImpl.newUid()), false, 0);
    }

    @Override
    public <U> ActorRef<U> spawnAnonymous(Behavior<U> behavior, Props props) {
        checkThread();
        checkSpawn(behavior, props, null);
        int number = nextAnonymousChildNumber();
        return spawnChild(behavior, props, self.path().anonymousChild(number, ActorSystemImpl.newUid()), true,
                number);
    }

    /**
     * The next anonymous number that no live child has. Numbers come from a counter shared with message adapters;
     * only once it has handed out all 2^32 of them can a number still be in use, and from then on each is looked
     * up, and skipped if taken.
     */
    private int nextAnonymousChildNumber() {
        CellExtras<T> x = extras();
        for (;;) {
            int number = x.takeAnonymousNumber();
            if (!x.anonymousNamesWrapped || children == null || children.getAnonymous(number) == null) {
                return number;
            }
        }
    }

    /** For tests: the next anonymous number handed out is {@code next}, as if all before it had been. */
    void skipAnonymousNumbersTo(int next) {
        extras().anonymousNames = next;
    }

    /** Checks what both kinds of spawn need; {@code name} is null for an anonymous child. */
    private void checkSpawn(Behavior<?> childBehavior, Props props, String name) {
        Objects.requireNonNull(childBehavior, "behavior");
        Objects.requireNonNull(props, "props");
        if (lifecycle >= TERMINATING) {
            throw new IllegalStateException("Cannot spawn " + (name == null ? "an anonymous child" : "[" + name + "]")
                    + ": " + self.path() + " is stopping");
        }
    }

    private InvalidActorNameException notUnique(String name) {
        return new InvalidActorNameException("Actor name [" + name + "] is not unique among the children of "
                + self.path() + ": a child of that name is alive or still stopping");
    }

    private <U> ActorRef<U> spawnChild(Behavior<U> childBehavior, Props props, dev.troupe.actor.ActorPath path,
                                       boolean anonymous, int number) {
        ActorCell<U> child = system.newCell(self, path, anonymous, number, childBehavior, props, mailbox.dispatcher());
        if (children == null) {
            children = new Children();
        }
        children.add(child); // the caller made sure the name is free
        child.start();
        return child.self;
    }

    @Override
    public void stop(ActorRef<?> child) {
        checkThread();
        Objects.requireNonNull(child, "child");
        if (!child.path().parent().equals(self.path())) {
            throw new IllegalArgumentException("Only children of " + self.path() + " can be stopped with "
                    + "ActorContext.stop; " + child.path() + " is not one. To stop this actor itself, return "
                    + "Behaviors.stopped().");
        }
        ActorCell<?> cell = liveChild(child);
        if (cell != null) {
            stopChild(cell);
        }
    }

    @Override
    public void watch(ActorRef<?> other) {
        watch(other, WATCH_SIGNAL);
    }

    @Override
    public void watchWith(ActorRef<?> other, T message) {
        watch(other, Objects.requireNonNull(message, "message"));
    }

    private void watch(ActorRef<?> other, Object watchMessage) {
        checkThread();
        InternalRef<?> ref = internal(other);
        if (ref.equals(self)) {
            return;
        }
        CellExtras<T> x = extras();
        if (x.watching == null) {
            x.watching = new HashMap<>();
        }
        Object previous = x.watching.putIfAbsent(ref, watchMessage);
        if (previous == null) {
            ref.sendSystem(new Watch(ref, self));
        } else if (!previous.equals(watchMessage)) {
            throw new IllegalStateException("Cannot watch " + ref.path() + " with " + describe(watchMessage)
                    + ": it is already watched with " + describe(previous) + "; unwatch it first");
        }
    }

    private static String describe(Object watchMessage) {
        return watchMessage == WATCH_SIGNAL ? "the Terminated signal" : "message " + watchMessage;
    }

    @Override
    public void unwatch(ActorRef<?> other) {
        checkThread();
        InternalRef<?> ref = internal(other);
        CellExtras<T> x = extras;
        boolean wasWatched = x != null && x.watching != null && x.watching.remove(ref) != null;
        if (x != null && x.terminatedQueued != null) {
            x.terminatedQueued.remove(ref);
        }
        if (wasWatched) {
            ref.sendSystem(new Unwatch(ref, self));
        }
    }

    private static InternalRef<?> internal(ActorRef<?> ref) {
        Objects.requireNonNull(ref, "ref");
        if (ref instanceof InternalRef<?> internal) {
            return internal;
        }
        return ((ActorSystemImpl<?>) ref).guardianRef();
    }

    @Override
    public List<ActorRef<Void>> children() {
        checkThread();
        if (children == null) {
            return List.of();
        }
        List<ActorRef<Void>> refs = new ArrayList<>(children.size());
        for (ActorCell<?> child : children) {
            refs.add(child.self.unsafeUpcast());
        }
        return refs;
    }

    @Override
    public Optional<ActorRef<Void>> child(String name) {
        checkThread();
        Objects.requireNonNull(name, "name");
        ActorCell<?> child = children == null ? null : children.get(name);
        return child == null ? Optional.empty() : Optional.of(child.self.unsafeUpcast());
    }

    @Override
    public <U> Cancellable scheduleOnce(Duration delay, ActorRef<U> target, U message) {
        checkThread();
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(message, "message");
        return system.scheduler().scheduleOnce(delay, () -> target.tell(message));
    }

    @Override
    public <U> ActorRef<U> messageAdapter(Function<U, T> adapter) {
        checkThread();
        Objects.requireNonNull(adapter, "adapter");
        return new AdapterRef<>(self.path().child("$$" + Integer.toString(extras().takeAnonymousNumber(), 36), self.path().uid()),
                this, adapter);
    }

    @Override
    public <V> void pipeToSelf(CompletionStage<V> stage, BiFunction<V, Throwable, T> mapResult) {
        checkThread();
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(mapResult, "mapResult");
        stage.whenComplete((value, error) -> mailbox.enqueue(AdaptedResult.of(value, error, mapResult)));
    }

    @Override
    public <Req, Res> void ask(ActorRef<Req> target, Function<ActorRef<Res>, Req> createRequest, Duration timeout,
                               BiFunction<Res, Throwable, T> mapResponse) {
        checkThread();
        Objects.requireNonNull(mapResponse, "mapResponse");
        pipeToSelf(AskPattern.ask(target, createRequest, timeout, system.scheduler()), mapResponse);
    }

    @Override
    public void setReceiveTimeout(Duration timeout, T message) {
        checkThread();
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(message, "message");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Receive timeout must be positive, was " + timeout);
        }
        CellExtras<T> x = extras();
        x.receiveTimeout = timeout;
        x.receiveTimeoutMessage = message;
        x.lastMessageNanos = system.scheduler().nanoTime();
        armReceiveTimeout(timeout);
    }

    /*
     * One timer is armed while a receive timeout is set; messages only record when they were processed. When the
     * timer fires, the actor has been idle for the whole timeout only if no message came since; otherwise the
     * timer is armed again for the rest of the idle time. The timeout message counts as a message, so it comes
     * again after each further idle period.
     */
    @SuppressWarnings("unchecked")
    private void armReceiveTimeout(Duration delay) {
        ((TimerScheduler<Object>) (TimerScheduler<?>) timerScheduler())
                .startSingleTimer(RECEIVE_TIMEOUT_KEY, ReceiveTimeoutCheck.INSTANCE, delay);
    }

    private void checkReceiveTimeout() throws Exception {
        CellExtras<T> x = extras;
        if (x == null || x.receiveTimeout == null) {
            return;
        }
        long idle = system.scheduler().nanoTime() - x.lastMessageNanos;
        long rest = x.receiveTimeout.toNanos() - idle;
        if (rest > 0) {
            armReceiveTimeout(Duration.ofNanos(rest));
        } else {
            armReceiveTimeout(x.receiveTimeout);
            receiveMessage(castMessage(x.receiveTimeoutMessage));
        }
    }

    @Override
    public void cancelReceiveTimeout() {
        checkThread();
        CellExtras<T> x = extras;
        if (x == null) {
            return;
        }
        x.receiveTimeout = null;
        x.receiveTimeoutMessage = null;
        if (x.timers != null) {
            x.timers.cancel(RECEIVE_TIMEOUT_KEY);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void drainQueued(java.util.List<T> batch, int max) {
        checkThread();
        for (int i = 0; i < max; i++) {
            Object next = mailbox.pollPlainUser();
            if (next == null) {
                return;
            }
            batch.add((T) (stats == null ? next : batched(next, stats)));
        }
    }

    /** Counts and samples a message taken by a batch handler, whose processing time is the batch's. */
    private Object batched(Object queued, ActorStats st) {
        st.countMessage();
        if (!(queued instanceof InstrumentedEnvelope e)) {
            return queued;
        }
        if (e.weight != 0) {
            system.instrumentation().sampled(st.recorder, st, System.nanoTime() - e.enqueuedNanos, -1,
                    mailbox.depthSeenByConsumer(), e.weight);
        }
        return e.message;
    }

    @Override
    public void recordFailure(Throwable cause, boolean escalate) {
        checkThread();
        CellExtras<T> x = extras();
        x.failure = Objects.requireNonNull(cause, "cause");
        x.escalateFailure = escalate;
    }

    @Override
    public Throwable currentEscalation() {
        return extras == null ? null : extras.currentEscalation;
    }

    @Override
    public UnhandledMessagePolicy unhandledMessagePolicy() {
        return system.settings().unhandledMessagePolicy();
    }

    @Override
    public Scheduler clock() {
        return system.scheduler();
    }

    @Override
    public void publishEvent(Object event) {
        system.eventStream().publish(event);
    }

    @Override
    public TimerScheduler<T> timerScheduler() {
        checkThread();
        CellExtras<T> x = extras();
        if (x.timers == null) {
            x.timers = new TimerSchedulerImpl<>(this, system.scheduler(), mailbox::enqueue);
        }
        return x.timers;
    }

    @Override
    public String toString() {
        return "ActorCell[" + self.path() + "]";
    }
}
