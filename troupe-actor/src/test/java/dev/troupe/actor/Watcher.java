package dev.troupe.actor;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A scriptable watcher actor that reports what it sees (messages and signals) to a probe. */
final class Watcher {
    private Watcher() {}

    sealed interface Cmd {
        record Watch(ActorRef<?> target) implements Cmd {}
        record WatchWith(ActorRef<?> target, String tag) implements Cmd {}
        record Unwatch(ActorRef<?> target) implements Cmd {}
        record Block(CountDownLatch blocked, CountDownLatch release) implements Cmd {}
        record Ping(String tag) implements Cmd {}
        record Forward(Object payload) implements Cmd {}
        record Died(String tag) implements Cmd {}
        record StopChild(ActorRef<?> child) implements Cmd {}
        record Spawn<U>(Behavior<U> behavior, String name, java.util.concurrent.CompletableFuture<ActorRef<U>> result)
                implements Cmd {
            void run(ActorContext<Cmd> ctx) {
                try {
                    result.complete(name == null ? ctx.spawnAnonymous(behavior) : ctx.spawn(behavior, name));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }
        }
    }

    record Pong(String tag) {}
    record Watching(ActorRef<?> target) {}
    record Unwatched(ActorRef<?> target) {}
    record Seen(Object payload) {}

    /** The Terminated signal for {@code ref}. */
    static Terminated terminated(ActorRef<?> ref) {
        return new Terminated(ref.unsafeUpcast());
    }

    static Behavior<Cmd> behavior(ActorRef<Object> report) {
        return behavior(report, true);
    }

    /** Spawns {@code child} as a child of {@code parent} (a watcher actor) and returns its ref. */
    static <U> ActorRef<U> spawnChild(ActorRef<Cmd> parent, Behavior<U> child, String name) {
        var result = new java.util.concurrent.CompletableFuture<ActorRef<U>>();
        parent.tell(new Cmd.Spawn<>(child, name, result));
        return TestSystem.await(result);
    }

    /**
     * @param handleSignals if false, every signal is reported and then left unhandled (so an unhandled
     *     Terminated or watched ChildFailed is a death pact)
     */
    static Behavior<Cmd> behavior(ActorRef<Object> report, boolean handleSignals) {
        return Behaviors.receive((ctx, msg) -> {
            switch (msg) {
                case Cmd.Watch(var target) -> {
                    ctx.watch(target);
                    report.tell(new Watching(target));
                }
                case Cmd.WatchWith(var target, var tag) -> {
                    ctx.watchWith(target, new Cmd.Died(tag));
                    report.tell(new Watching(target));
                }
                case Cmd.Unwatch(var target) -> {
                    ctx.unwatch(target);
                    report.tell(new Unwatched(target));
                }
                case Cmd.Block(var blocked, var release) -> {
                    blocked.countDown();
                    if (!release.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                }
                case Cmd.Ping(var tag) -> report.tell(new Pong(tag));
                case Cmd.Forward(var payload) -> report.tell(new Seen(payload));
                case Cmd.Died died -> report.tell(died);
                case Cmd.StopChild(var child) -> ctx.stop(child);
                case Cmd.Spawn<?> spawn -> spawn.run(ctx);
            }
            return Behaviors.same();
        }, (ctx, signal) -> {
            report.tell(signal);
            return handleSignals ? Behaviors.same() : Behaviors.unhandled();
        });
    }
}
