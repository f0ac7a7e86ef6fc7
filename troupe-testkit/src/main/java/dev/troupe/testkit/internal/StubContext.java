package dev.troupe.testkit.internal;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Cancellable;
import dev.troupe.actor.ChildFailed;
import dev.troupe.actor.DeathPactException;
import dev.troupe.actor.InvalidActorNameException;
import dev.troupe.actor.PostStop;
import dev.troupe.actor.Props;
import dev.troupe.actor.Signal;
import dev.troupe.actor.Terminated;
import dev.troupe.actor.Scheduler;
import dev.troupe.actor.TimerScheduler;
import dev.troupe.actor.UnhandledMessagePolicy;
import dev.troupe.actor.internal.BehaviorImpl;
import dev.troupe.actor.internal.BehaviorInterpreter;
import dev.troupe.actor.internal.ContextBase;
import dev.troupe.actor.internal.TimerSchedulerImpl;
import dev.troupe.testkit.Effect;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Runs a behavior on the caller's thread and records, as Effects, what the behavior asks of its context.
 *
 * Timers: TimerScheduler is sealed to the runtime's TimerSchedulerImpl, which is given a recording Scheduler.
 * When a timer starts, the scheduler learns the delay and mode, and running its task (which only hands a
 * Firing envelope to sendToSelf) yields the key; the message is stored by TimerSchedulerImpl right after the
 * scheduler call returns. So the TimerScheduled effect is completed (peek) at the next point anything else
 * is recorded or the step ends, which keeps effects in call order.
 */

/** The synchronous context of {@code BehaviorTestKit}. Confined to the thread running a step (checked). */
public final class StubContext<T> extends ContextBase<T> {
    private static final Logger LOG = LoggerFactory.getLogger("dev.troupe.testkit.BehaviorTestKit");

    /** A spawned child: its inbox ref and the behavior it would run. */
    public record Child<U>(InboxRef<U> ref, Behavior<U> behavior) {}

    private record PendingTimer(TimerSchedulerImpl.Firing firing, Duration delay,
                                Effect.TimerScheduled.Mode mode) {}

    private final InboxRef<T> self;
    private final Deque<Effect> effects = new ArrayDeque<>();
    private final List<T> unhandled = new ArrayList<>();
    private final Map<String, Child<?>> children = new LinkedHashMap<>();
    private final Map<ActorRef<?>, Object> watching = new HashMap<>();
    private final List<PendingTimer> pendingTimers = new ArrayList<>();
    private TimerSchedulerImpl<T> timers;
    private TimerSchedulerImpl.Firing capturedFiring;
    private Behavior<T> current;
    private Behavior<T> returned;
    private boolean alive = true;
    private Thread stepThread;
    private Object currentMessage;
    private int anonymousNames;
    private Throwable failure;
    /* Time does not pass in a synchronous test: restart windows and back-off resets never elapse. */
    private final Scheduler clock = new StoppedClock();
    private static final int MAX_SYNCHRONOUS_RESTARTS = 1_000;

    public StubContext(InboxRef<T> self) {
        this.self = self;
    }

    /** A step: one setup, message or signal, run on the caller's thread. */
    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    // ---- steps ----------------------------------------------------------------------------------------

    public void start(Behavior<T> initial) {
        step("setup", () -> {
            Behavior<T> started = BehaviorInterpreter.start(Objects.requireNonNull(initial, "behavior"), this);
            returned = started;
            current = started;
            if (started instanceof BehaviorImpl.Stopped<T> stopped) {
                current = null;
                stop(stopped);
            }
        });
    }

    public void runMessage(T message) {
        Objects.requireNonNull(message, "message");
        step(message, () -> {
            Behavior<T> next = BehaviorInterpreter.interpretMessage(current, this, message);
            returned = next;
            if (BehaviorInterpreter.isUnhandled(next)) {
                unhandled.add(message);
            } else {
                become(next);
            }
        });
    }

    public void runSignal(Signal signal) {
        Objects.requireNonNull(signal, "signal");
        step(signal, () -> {
            Behavior<T> next = BehaviorInterpreter.interpretSignal(current, this, signal);
            returned = next;
            if (!BehaviorInterpreter.isUnhandled(next)) {
                become(next);
            } else if (signal instanceof Terminated terminated) {
                throw new DeathPactException(terminated.ref());
            } else if (signal instanceof ChildFailed failed && watching.containsKey(failed.ref())) {
                throw new DeathPactException(failed.ref());
            }
        });
    }

    private void step(Object input, Step body) {
        if (!alive) {
            throw new IllegalStateException(self.path() + " has stopped and cannot process "
                    + (input instanceof String s ? s : input));
        }
        stepThread = Thread.currentThread();
        currentMessage = input;
        try {
            body.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new RuntimeException(self.path() + " threw " + e, e);
        } finally {
            flushTimerEffects();
            stepThread = null;
            currentMessage = null;
            leaveMdc();
        }
    }

    private void become(Behavior<T> next) throws Exception {
        Behavior<T> started = BehaviorInterpreter.endsBehavior(next)
                ? next : BehaviorInterpreter.canonicalize(next, current, this);
        for (int restarts = 0; started instanceof BehaviorImpl.Restarting<T> restarting; restarts++) {
            if (restarts == MAX_SYNCHRONOUS_RESTARTS) {
                throw new IllegalStateException(self.path() + " restarted " + restarts
                        + " times in one step: its setup keeps failing");
            }
            started = restartNow(restarting);
        }
        if (started instanceof BehaviorImpl.Stopped<T> stopped) {
            stop(stopped);
        } else {
            current = started;
        }
    }

    /* A restart happens at once: there are no real children to wait for and no time passes here, so a
       back-off delay is skipped. Stopped children are recorded as Stopped effects. */
    private Behavior<T> restartNow(BehaviorImpl.Restarting<T> restarting) throws Exception {
        if (timers != null) {
            timers.cancelAll();
        }
        watching.clear();
        if (restarting.stopChildren()) {
            for (String name : List.copyOf(children.keySet())) {
                children.remove(name);
                record(new Effect.Stopped(name));
            }
        }
        return BehaviorInterpreter.start(restarting.fresh(), this);
    }

    /* Like the actor cell: PostStop goes to the behavior current when stopping, then the stop action runs.
       Unlike it, a failure there propagates, since the caller is the test. */
    private void stop(BehaviorImpl.Stopped<T> stopped) throws Exception {
        alive = false;
        Behavior<T> last = current;
        current = stopped;
        currentMessage = PostStop.INSTANCE;
        if (last != null && !(last instanceof BehaviorImpl.Deferred<T>)) {
            BehaviorInterpreter.interpretSignal(last, this, PostStop.INSTANCE);
        }
        if (stopped.postStop() != null) {
            stopped.postStop().run();
        }
    }

    @Override
    public Behavior<T> interpretUnstashed(Behavior<T> behavior, T message) throws Exception {
        currentMessage = message;
        Behavior<T> next = BehaviorInterpreter.interpretMessage(behavior, this, message);
        if (BehaviorInterpreter.isUnhandled(next)) {
            unhandled.add(message);
            return behavior;
        }
        return BehaviorInterpreter.endsBehavior(next) ? next : BehaviorInterpreter.canonicalize(next, behavior, this);
    }

    // ---- state for the kit ----------------------------------------------------------------------------

    public Behavior<T> current() {
        return current;
    }

    public Behavior<T> returned() {
        return returned;
    }

    public boolean isAlive() {
        return alive;
    }

    public InboxRef<T> selfRef() {
        return self;
    }

    public Deque<Effect> effects() {
        return effects;
    }

    public List<T> unhandled() {
        return unhandled;
    }

    public Optional<Child<?>> childNamed(String name) {
        return Optional.ofNullable(children.get(name));
    }

    // ---- ActorContext ---------------------------------------------------------------------------------

    @Override
    public void checkThread() {
        if (Thread.currentThread() != stepThread) {
            throw new IllegalStateException("ActorContext used outside its actor: " + self.path() + " is "
                    + (stepThread == null ? "not processing a message now" : "processed on thread '"
                    + stepThread.getName() + "'") + ", this call came from '" + Thread.currentThread().getName()
                    + "'");
        }
    }

    @Override
    public ActorRef<T> self() {
        return self;
    }

    /** @throws UnsupportedOperationException always: a synchronously tested behavior has no system */
    @Override
    public ActorSystem<Void> system() {
        throw new UnsupportedOperationException("BehaviorTestKit runs " + self.path() + " without an actor "
                + "system; test behaviors that need one with ActorTestKit");
    }

    @Override
    public Logger log() {
        checkThread();
        enterMdc(self.path(), actorTypeOf(current), currentMessage);
        return LOG;
    }

    @Override
    public <U> ActorRef<U> spawn(Behavior<U> behavior, String name, Props props) {
        checkThread();
        InboxRef<U> child = addChild(behavior, requireSpawnName(name), props);
        record(new Effect.Spawned<>(behavior, name, props, child));
        return child;
    }

    @Override
    public <U> ActorRef<U> spawnAnonymous(Behavior<U> behavior, Props props) {
        checkThread();
        InboxRef<U> child = addChild(behavior, "$" + Integer.toString(anonymousNames++, 36), props);
        record(new Effect.SpawnedAnonymous<>(behavior, props, child));
        return child;
    }

    private <U> InboxRef<U> addChild(Behavior<U> behavior, String name, Props props) {
        Objects.requireNonNull(behavior, "behavior");
        Objects.requireNonNull(props, "props");
        if (children.containsKey(name)) {
            throw new InvalidActorNameException("Actor name [" + name + "] is not unique among the children of "
                    + self.path() + ": a child of that name is alive or still stopping");
        }
        InboxRef<U> child = new InboxRef<>(self.path().child(name, InboxRef.newUid()));
        children.put(name, new Child<>(child, behavior));
        return child;
    }

    @Override
    public void stop(ActorRef<?> child) {
        checkThread();
        Objects.requireNonNull(child, "child");
        if (!child.path().parent().equals(self.path())) {
            throw new IllegalArgumentException("Only children of " + self.path() + " can be stopped with "
                    + "ActorContext.stop; " + child.path() + " is not one");
        }
        Child<?> known = children.get(child.path().name());
        if (known != null && known.ref().equals(child)) {
            children.remove(child.path().name());
            record(new Effect.Stopped(child.path().name()));
        }
    }

    @Override
    public void watch(ActorRef<?> other) {
        checkThread();
        if (addWatch(other, Effect.Watched.class)) {
            record(new Effect.Watched(other));
        }
    }

    @Override
    public void watchWith(ActorRef<?> other, T message) {
        checkThread();
        if (addWatch(other, Objects.requireNonNull(message, "message"))) {
            record(new Effect.WatchedWith(other, message));
        }
    }

    /* Same rules as the runtime: watching again does nothing, but not with a different message. The key
       Effect.Watched.class stands for "the Terminated signal". */
    private boolean addWatch(ActorRef<?> other, Object how) {
        Objects.requireNonNull(other, "other");
        Object previous = watching.putIfAbsent(other, how);
        if (previous != null && !previous.equals(how)) {
            throw new IllegalStateException("Cannot watch " + other.path() + " with " + describe(how)
                    + ": it is already watched with " + describe(previous) + "; unwatch it first");
        }
        return previous == null;
    }

    private static String describe(Object how) {
        return how == Effect.Watched.class ? "the Terminated signal" : "message " + how;
    }

    @Override
    public void unwatch(ActorRef<?> other) {
        checkThread();
        if (watching.remove(Objects.requireNonNull(other, "other")) != null) {
            record(new Effect.Unwatched(other));
        }
    }

    @Override
    public List<ActorRef<Void>> children() {
        checkThread();
        List<ActorRef<Void>> refs = new ArrayList<>(children.size());
        for (Child<?> child : children.values()) {
            refs.add(child.ref().unsafeUpcast());
        }
        return refs;
    }

    @Override
    public Optional<ActorRef<Void>> child(String name) {
        checkThread();
        return childNamed(Objects.requireNonNull(name, "name")).map(c -> c.ref().unsafeUpcast());
    }

    @Override
    public <U> Cancellable scheduleOnce(Duration delay, ActorRef<U> target, U message) {
        checkThread();
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(message, "message");
        record(new Effect.Scheduled<>(delay, target, message));
        return new NeverRuns();
    }

    @Override
    public <U> ActorRef<U> messageAdapter(Function<U, T> adapter) {
        checkThread();
        Objects.requireNonNull(adapter, "adapter");
        ForwardingRef<U> ref = new ForwardingRef<>(self.path().child("$$" + Integer.toString(anonymousNames++, 36),
                self.path().uid()), u -> self.tell(adapter.apply(u)));
        record(new Effect.MessageAdapter<>(adapter, ref));
        return ref;
    }

    /** The mapped result is told to self when {@code stage} completes, on the completing thread. */
    @Override
    public <V> void pipeToSelf(CompletionStage<V> stage, BiFunction<V, Throwable, T> mapResult) {
        checkThread();
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(mapResult, "mapResult");
        stage.whenComplete((value, failure) -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            self.tell(mapResult.apply(cause == null ? value : null, cause));
        });
    }

    @Override
    public <Req, Res> void ask(ActorRef<Req> target, Function<ActorRef<Res>, Req> createRequest, Duration timeout,
                               BiFunction<Res, Throwable, T> mapResponse) {
        checkThread();
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(createRequest, "createRequest");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(mapResponse, "mapResponse");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Ask timeout must be positive, was " + timeout);
        }
        ForwardingRef<Res> replyTo = new ForwardingRef<>(self.path().child("$$" + Integer.toString(
                anonymousNames++, 36), self.path().uid()), reply -> self.tell(mapResponse.apply(reply, null)));
        Req request = Objects.requireNonNull(createRequest.apply(replyTo), "createRequest returned null");
        record(new Effect.AskInitiated(target, request, timeout));
        target.tell(request);
    }

    @Override
    public void setReceiveTimeout(Duration timeout, T message) {
        checkThread();
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(message, "message");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Receive timeout must be positive, was " + timeout);
        }
        record(new Effect.ReceiveTimeoutSet(timeout, message));
    }

    @Override
    public void cancelReceiveTimeout() {
        checkThread();
        record(new Effect.ReceiveTimeoutCancelled());
    }

    /** Messages are run one at a time by the test, so nothing else is waiting: every batch is one message. */
    @Override
    public void drainQueued(java.util.List<T> batch, int max) {
        checkThread();
    }

    @Override
    public void recordFailure(Throwable cause, boolean escalate) {
        checkThread();
        failure = Objects.requireNonNull(cause, "cause");
    }

    @Override
    public Throwable currentEscalation() {
        return null;
    }

    /** Unhandled messages are recorded for the test to inspect, never turned into failures. */
    @Override
    public UnhandledMessagePolicy unhandledMessagePolicy() {
        return UnhandledMessagePolicy.LOG_AND_PUBLISH;
    }

    @Override
    public Scheduler clock() {
        return clock;
    }

    /** Events (such as supervision events) have no event stream to go to in a synchronous test. */
    @Override
    public void publishEvent(Object event) {
        Objects.requireNonNull(event, "event");
    }

    /** The failure a supervisor recorded before stopping this actor, if any. */
    public Throwable failure() {
        return failure;
    }

    @Override
    public TimerScheduler<T> timerScheduler() {
        checkThread();
        if (timers == null) {
            timers = new TimerSchedulerImpl<>(this, new RecordingScheduler(),
                    firing -> capturedFiring = (TimerSchedulerImpl.Firing) firing);
        }
        return timers;
    }

    @Override
    public String toString() {
        return "StubContext[" + self.path() + "]";
    }

    // ---- recording ------------------------------------------------------------------------------------

    private void record(Effect effect) {
        flushTimerEffects();
        effects.add(effect);
    }

    private void flushTimerEffects() {
        for (PendingTimer pending : pendingTimers) {
            T message = timers.peek(pending.firing());
            if (message != null) {
                effects.add(new Effect.TimerScheduled(pending.firing().key(), message, pending.delay(),
                        pending.mode()));
            }
        }
        pendingTimers.clear();
    }

    /** Records timer starts and cancellations; runs nothing. */
    private final class RecordingScheduler implements dev.troupe.actor.Scheduler {
        @Override
        public Cancellable scheduleOnce(Duration delay, Runnable task) {
            return timerStarted(delay, new Effect.TimerScheduled.Single(), task);
        }

        @Override
        public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration interval, Runnable task) {
            return timerStarted(initialDelay, new Effect.TimerScheduled.FixedRate(interval), task);
        }

        @Override
        public Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration delay, Runnable task) {
            return timerStarted(initialDelay, new Effect.TimerScheduled.FixedDelay(delay), task);
        }

        private Cancellable timerStarted(Duration delay, Effect.TimerScheduled.Mode mode, Runnable task) {
            flushTimerEffects();
            task.run(); // hands the timer's Firing to sendToSelf, which keeps it in capturedFiring
            TimerSchedulerImpl.Firing firing = capturedFiring;
            capturedFiring = null;
            pendingTimers.add(new PendingTimer(firing, delay, mode));
            return new TimerHandle(firing.key());
        }
    }

    private final class TimerHandle implements Cancellable {
        private final Object key;
        private boolean cancelled;

        TimerHandle(Object key) {
            this.key = key;
        }

        @Override
        public boolean cancel() {
            if (cancelled) {
                return false;
            }
            cancelled = true;
            record(new Effect.TimerCancelled(key));
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }

    /** The handle of a recorded {@code scheduleOnce}: nothing is scheduled, so cancelling only flips a flag. */
    private static final class NeverRuns implements Cancellable {
        private boolean cancelled;

        @Override
        public synchronized boolean cancel() {
            boolean first = !cancelled;
            cancelled = true;
            return first;
        }

        @Override
        public synchronized boolean isCancelled() {
            return cancelled;
        }
    }
}
