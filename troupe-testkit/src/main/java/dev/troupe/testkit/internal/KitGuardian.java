package dev.troupe.testkit.internal;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.Props;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The guardian of a test kit's system. The test thread cannot spawn or stop actors itself (only an actor's
 * own context can), so it asks the guardian to do it. Spawn errors are replied, not thrown, so that a bad
 * name in one test does not kill the guardian for the rest of the class.
 */
public final class KitGuardian {
    private KitGuardian() {}

    /** What the guardian accepts. */
    public sealed interface Command {}

    /** Spawn {@code behavior} as a child named {@code name}, or anonymously if {@code name} is null. */
    public record Spawn<U>(Behavior<U> behavior, String name, Props props, ActorRef<SpawnResult<U>> replyTo)
            implements Command {}

    /** Exactly one of {@code ref} and {@code failure} is non-null. */
    public record SpawnResult<U>(ActorRef<U> ref, RuntimeException failure) {}

    /** Stop the child {@code child} and reply once it has terminated. */
    public record StopChild(ActorRef<?> child, ActorRef<Stopped> replyTo) implements Command {}

    /** The reply to {@link StopChild}. */
    public record Stopped(ActorRef<?> child) {}

    private record ChildTerminated(ActorRef<?> child) implements Command {}

    public static Behavior<Command> create() {
        Map<ActorRef<?>, List<ActorRef<Stopped>>> awaitingStop = new HashMap<>();
        return Behaviors.receive((ctx, command) -> {
            switch (command) {
                case Spawn<?> spawn -> spawn(ctx, spawn);
                case StopChild(var child, var replyTo) -> {
                    List<ActorRef<Stopped>> waiting = awaitingStop.computeIfAbsent(child, c -> new ArrayList<>());
                    if (waiting.isEmpty()) {
                        ctx.watchWith(child, new ChildTerminated(child));
                        ctx.stop(child);
                    }
                    waiting.add(replyTo);
                }
                case ChildTerminated(var child) -> {
                    for (ActorRef<Stopped> replyTo : awaitingStop.remove(child)) {
                        replyTo.tell(new Stopped(child));
                    }
                }
            }
            return Behaviors.same();
        });
    }

    private static <U> void spawn(dev.troupe.actor.ActorContext<Command> ctx, Spawn<U> spawn) {
        SpawnResult<U> result;
        try {
            ActorRef<U> ref = spawn.name() == null
                    ? ctx.spawnAnonymous(spawn.behavior(), spawn.props())
                    : ctx.spawn(spawn.behavior(), spawn.name(), spawn.props());
            result = new SpawnResult<>(ref, null);
        } catch (RuntimeException e) {
            result = new SpawnResult<>(null, e);
        }
        spawn.replyTo().tell(result);
    }
}
