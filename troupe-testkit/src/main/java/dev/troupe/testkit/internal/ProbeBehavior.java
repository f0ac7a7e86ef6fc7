package dev.troupe.testkit.internal;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.Terminated;
import java.util.concurrent.BlockingQueue;

/**
 * The actor behind a test probe: hands every message to the test thread through a queue. It is a real actor
 * so that it can watch others; the test thread asks it to with {@link Watch}, and terminations go to a queue
 * of their own so that they never get in the way of message expectations.
 */
public final class ProbeBehavior {
    private ProbeBehavior() {}

    /** Watch {@code target}; sent by the test thread, never by user code (the type is not exported). */
    public record Watch(ActorRef<?> target) {}

    public static Behavior<Object> create(BlockingQueue<Object> messages, BlockingQueue<Terminated> terminations) {
        return Behaviors.receive((ctx, message) -> {
            if (message instanceof Watch(var target)) {
                ctx.watch(target);
            } else {
                messages.add(message);
            }
            return Behaviors.same();
        }, (ctx, signal) -> {
            if (signal instanceof Terminated terminated) {
                terminations.add(terminated);
            }
            return Behaviors.same();
        });
    }
}
