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
            }
            return Behaviors.same();
        }, (ctx, signal) -> {
            report.tell(signal);
            return Behaviors.same();
        });
    }
}
