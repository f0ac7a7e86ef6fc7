package dev.troupe.testkit;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Signal;
import dev.troupe.testkit.internal.InboxRef;
import dev.troupe.testkit.internal.StubContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a behavior synchronously on the test's thread, without an actor system, and records what it asks its
 * context to do as {@link Effect}s: spawns, stops, watches, timers, scheduled messages, adapters, asks.
 * Nothing it asks for actually happens: children are {@link TestInbox}es, timers never fire, and messages
 * to self wait in {@link #selfInbox()}.
 *
 * <pre>{@code
 * BehaviorTestKit<Command> kit = BehaviorTestKit.create(Parent.create());
 * kit.run(new Parent.StartWorker("w1"));
 * Effect.Spawned<?> spawned = kit.expectEffectClass(Effect.Spawned.class);
 * assertThat(spawned.childName()).isEqualTo("w1");
 * kit.childInbox("w1").expectMessage(new Worker.Start());
 * }</pre>
 *
 * <p><b>Failures.</b> An exception thrown by the behavior propagates to the caller of {@link #create},
 * {@link #run} or {@link #signal} (a checked one wrapped in a {@link RuntimeException} whose cause it is);
 * the kit stays usable with the behavior it had. An unhandled {@link dev.troupe.actor.Terminated} throws
 * {@link dev.troupe.actor.DeathPactException}. Unhandled messages are collected in
 * {@link #unhandledMessages()}. Running a stopped behavior throws {@link IllegalStateException}.
 *
 * <p><b>Limits.</b> {@code context.system()} throws {@link UnsupportedOperationException}; test behaviors that
 * need the system with {@link ActorTestKit}. Piped futures and ask replies land in {@link #selfInbox()}
 * (take them with {@link #runOne()}); ask time-outs never fire.
 *
 * <p><b>Threading.</b> Not thread-safe: use a kit from one thread.
 *
 * @param <T> the type of message the behavior accepts
 */
public final class BehaviorTestKit<T> {
    private final StubContext<T> context;
    private final Map<ActorRef<?>, BehaviorTestKit<?>> childKits = new HashMap<>();

    private BehaviorTestKit(InboxRef<T> self, Behavior<T> initial) {
        this.context = new StubContext<>(self);
        context.start(initial);
    }

    /** Runs the setup of {@code initial} now, as an actor named {@code testkit}. */
    public static <T> BehaviorTestKit<T> create(Behavior<T> initial) {
        return create(initial, "testkit");
    }

    /** Runs the setup of {@code initial} now, as an actor named {@code name}. */
    public static <T> BehaviorTestKit<T> create(Behavior<T> initial, String name) {
        Objects.requireNonNull(initial, "initial");
        return new BehaviorTestKit<>(new InboxRef<>(InboxRef.standalonePath(Objects.requireNonNull(name, "name"))),
                initial);
    }

    /** The tested actor's self ref; what is told to it waits in {@link #selfInbox()}. */
    public ActorRef<T> ref() {
        return context.selfRef();
    }

    /** Processes {@code message} with the current behavior. */
    public void run(T message) {
        context.runMessage(message);
    }

    /**
     * Takes the oldest message from {@link #selfInbox()} and processes it.
     *
     * @throws AssertionError if the inbox is empty
     */
    public void runOne() {
        run(selfInbox().receiveMessage());
    }

    /** Delivers {@code signal} to the current behavior. */
    public void signal(Signal signal) {
        context.runSignal(signal);
    }

    /** True until the behavior has stopped. */
    public boolean isAlive() {
        return context.isAlive();
    }

    /** The behavior that will process the next message (a stopped marker once stopped). */
    public Behavior<T> currentBehavior() {
        return context.current();
    }

    /** What the last setup, message or signal handler returned, before {@code same()} was resolved. */
    public Behavior<T> returnedBehavior() {
        return context.returned();
    }

    /** Messages the behavior reported as unhandled, oldest first. */
    public List<T> unhandledMessages() {
        return List.copyOf(context.unhandled());
    }

    /** True if effects are waiting to be retrieved. */
    public boolean hasEffects() {
        return !context.effects().isEmpty();
    }

    /**
     * Takes the oldest recorded effect.
     *
     * @throws AssertionError if none was recorded
     */
    public Effect retrieveEffect() {
        Effect effect = context.effects().poll();
        if (effect == null) {
            throw new AssertionError("No effect was recorded by " + ref().path());
        }
        return effect;
    }

    /** Takes all recorded effects, oldest first. */
    public List<Effect> retrieveAllEffects() {
        List<Effect> all = new ArrayList<>(context.effects());
        context.effects().clear();
        return all;
    }

    /**
     * Takes the oldest effect and checks it equals {@code expected}; returns it.
     *
     * @throws AssertionError if there is none or it differs, naming both
     */
    public <E extends Effect> E expectEffect(E expected) {
        Objects.requireNonNull(expected, "expected");
        Effect effect = context.effects().poll();
        if (!expected.equals(effect)) {
            throw new AssertionError("Expected effect " + expected + " but "
                    + (effect == null ? "none was recorded" : "found " + effect) + " (" + ref().path() + ")");
        }
        return expected;
    }

    /**
     * Takes the oldest effect and checks it is a {@code type}; returns it.
     *
     * @throws AssertionError if there is none or it is of another type
     */
    public <E extends Effect> E expectEffectClass(Class<E> type) {
        Objects.requireNonNull(type, "type");
        Effect effect = context.effects().poll();
        if (!type.isInstance(effect)) {
            throw new AssertionError("Expected an effect of " + type.getSimpleName() + " but "
                    + (effect == null ? "none was recorded" : "found " + effect) + " (" + ref().path() + ")");
        }
        return type.cast(effect);
    }

    /** The inbox of the tested actor's self ref. */
    public TestInbox<T> selfInbox() {
        return new TestInbox<>(context.selfRef());
    }

    /**
     * The inbox of the child named {@code name}.
     *
     * @throws IllegalArgumentException if there is no such child (never spawned, or stopped)
     */
    public <U> TestInbox<U> childInbox(String name) {
        return new TestInbox<>(this.<U>child(name).ref());
    }

    /**
     * A kit running the behavior {@code child} was spawned with, as that child (its self ref is
     * {@code child}); made, and its setup run, on the first call for that child.
     *
     * @throws IllegalArgumentException if {@code child} is not a current child
     */
    @SuppressWarnings("unchecked")
    public <U> BehaviorTestKit<U> childTestKit(ActorRef<U> child) {
        Objects.requireNonNull(child, "child");
        StubContext.Child<U> known = child(child.path().name());
        if (!known.ref().equals(child)) {
            throw new IllegalArgumentException(child.path() + " is not a child of " + ref().path());
        }
        return (BehaviorTestKit<U>) childKits.computeIfAbsent(child,
                c -> new BehaviorTestKit<>(known.ref(), known.behavior()));
    }

    @SuppressWarnings("unchecked")
    private <U> StubContext.Child<U> child(String name) {
        return (StubContext.Child<U>) context.childNamed(Objects.requireNonNull(name, "name"))
                .orElseThrow(() -> new IllegalArgumentException("No child named [" + name + "] of " + ref().path()));
    }

    @Override
    public String toString() {
        return "BehaviorTestKit[" + ref().path() + "]";
    }
}
