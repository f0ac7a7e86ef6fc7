package dev.troupe.actor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scriptable actor for supervision tests. Every incarnation (each run of its setup) gets the next number and
 * reports everything it does to one report actor, tagged with that number, so a test can read the exact story
 * of starts, restarts, messages and signals from one probe.
 */
final class Supervisee {
    private Supervisee() {}

    sealed interface Cmd {
        /** Adds one to the incarnation's counter. */
        record Inc() implements Cmd {}

        /** Reports {@link State}. */
        record Get() implements Cmd {}

        /** Throws {@code failure}. */
        record Fail(RuntimeException failure) implements Cmd {}

        /** Reports {@link Processed} (to check which messages an incarnation processed, in order). */
        record Work(int n) implements Cmd {}

        /** Spawns {@code behavior} as a child named {@code name}, completing {@code result} with its ref. */
        record SpawnChild<U>(Behavior<U> behavior, String name, CompletableFuture<ActorRef<U>> result)
                implements Cmd {
            void run(ActorContext<Cmd> ctx) {
                result.complete(ctx.spawn(behavior, name));
            }
        }

        record StartTimer(String key, Duration delay) implements Cmd {}

        record SetReceiveTimeout(Duration timeout) implements Cmd {}

        record Watch(ActorRef<?> target) implements Cmd {}

        /** Sent by a timer. */
        record Tick(String key) implements Cmd {}

        /** Sent by the receive timeout. */
        record TimedOut() implements Cmd {}
    }

    record Started(String name, int incarnation) {}

    record State(String name, int incarnation, int count, List<String> children) {}

    record Processed(String name, int incarnation, int n) {}

    record Ticked(String name, int incarnation, String key) {}

    record ReceiveTimedOut(String name, int incarnation) {}

    record SignalSeen(String name, int incarnation, Signal signal) {}

    record ChildStarted(String name) {}

    record ChildStopped(String name) {}

    /**
     * The actor, reporting as {@code name}. {@code setupFailures} failures are thrown from setup before the
     * first setup that succeeds (each counts as an incarnation). {@code failOnSignal}: a {@link Terminated}
     * signal throws instead of being reported.
     */
    static Behavior<Cmd> behavior(String name, ActorRef<Object> report, AtomicInteger incarnations,
                                  int setupFailures, boolean failOnSignal) {
        return Behaviors.setup(ctx -> {
            int incarnation = incarnations.incrementAndGet();
            if (incarnation <= setupFailures) {
                throw new IllegalStateException("setup failure " + incarnation);
            }
            report.tell(new Started(name, incarnation));
            return Behaviors.withTimers(timers -> {
                int[] count = {0};
                return Behaviors.receive((c, msg) -> {
                    switch (msg) {
                        case Cmd.Inc() -> count[0]++;
                        case Cmd.Get() -> report.tell(new State(name, incarnation, count[0],
                                c.children().stream().map(ch -> ch.path().name()).sorted().toList()));
                        case Cmd.Fail(var failure) -> throw failure;
                        case Cmd.Work(int n) -> report.tell(new Processed(name, incarnation, n));
                        case Cmd.SpawnChild<?> spawn -> spawn.run(c);
                        case Cmd.StartTimer(var key, var delay) -> timers.startSingleTimer(key, new Cmd.Tick(key), delay);
                        case Cmd.SetReceiveTimeout(var timeout) -> c.setReceiveTimeout(timeout, new Cmd.TimedOut());
                        case Cmd.Watch(var target) -> c.watch(target);
                        case Cmd.Tick(var key) -> report.tell(new Ticked(name, incarnation, key));
                        case Cmd.TimedOut() -> report.tell(new ReceiveTimedOut(name, incarnation));
                    }
                    return Behaviors.same();
                }, (c, signal) -> {
                    if (failOnSignal && signal instanceof Terminated) {
                        throw new IllegalStateException("failed handling " + signal);
                    }
                    report.tell(new SignalSeen(name, incarnation, signal));
                    // An escalated child failure left unhandled fails this actor with the child's cause.
                    return signal instanceof ChildFailed ? Behaviors.unhandled() : Behaviors.same();
                });
            });
        });
    }

    static Behavior<Cmd> behavior(String name, ActorRef<Object> report, AtomicInteger incarnations) {
        return behavior(name, report, incarnations, 0, false);
    }

    /** A child that reports its start and its PostStop. */
    static Behavior<Void> child(String name, ActorRef<Object> report) {
        return Behaviors.setup(ctx -> {
            report.tell(new ChildStarted(name));
            return Behaviors.receiveSignal((c, signal) -> {
                if (signal instanceof PostStop) {
                    report.tell(new ChildStopped(name));
                }
                return Behaviors.same();
            });
        });
    }

    /** Spawns a reporting {@link #child} named {@code name} under {@code parent}. */
    static ActorRef<Void> spawnChild(ActorRef<Cmd> parent, String name, ActorRef<Object> report) {
        return spawnChild(parent, child(name, report), name);
    }

    static <U> ActorRef<U> spawnChild(ActorRef<Cmd> parent, Behavior<U> behavior, String name) {
        CompletableFuture<ActorRef<U>> result = new CompletableFuture<>();
        parent.tell(new Cmd.SpawnChild<>(behavior, name, result));
        return TestSystem.await(result);
    }
}
