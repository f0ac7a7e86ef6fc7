package dev.troupe.testkit.internal;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.internal.InternalRef;
import dev.troupe.actor.internal.SystemMessage;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A ref that is not an actor: what is told to it waits in a queue for the test to take. Used for the self,
 * children and reply refs of a synchronously tested behavior. Watching it never yields a termination.
 * Thread-safe.
 */
public final class InboxRef<T> extends InternalRef<T> {
    private final Queue<T> messages = new ConcurrentLinkedQueue<>();

    public InboxRef(ActorPath path) {
        super(path);
    }

    /** A path for an inbox without a parent: {@code troupe://testkit/<name>} with a fresh uid. */
    public static ActorPath standalonePath(String name) {
        return ActorPath.root("testkit").child(name, newUid());
    }

    public static long newUid() {
        long uid;
        do {
            uid = ThreadLocalRandom.current().nextLong();
        } while (uid == 0);
        return uid;
    }

    @Override
    public void tell(T message) {
        messages.add(requireMessage(message));
    }

    @Override
    public void sendSystem(SystemMessage message) {
        // Not an actor: it never stops, so watchers have nothing to hear.
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    public Queue<T> messages() {
        return messages;
    }
}
