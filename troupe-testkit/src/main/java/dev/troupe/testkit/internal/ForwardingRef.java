package dev.troupe.testkit.internal;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.internal.InternalRef;
import dev.troupe.actor.internal.SystemMessage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A ref that is not an actor: hands each message to a callback on the sender's thread. Used for message
 * adapters and ask replies of a synchronously tested behavior, and to subscribe captures to the event
 * stream. Thread-safe if the callback is.
 */
public final class ForwardingRef<T> extends InternalRef<T> {
    private static final AtomicLong CAPTURES = new AtomicLong();

    private final Consumer<T> receiver;

    public ForwardingRef(ActorPath path, Consumer<T> receiver) {
        super(path);
        this.receiver = receiver;
    }

    /** A fresh path for an event-stream subscriber in the system of {@code systemPath}. */
    public static ActorPath capturePath(ActorPath systemPath) {
        return systemPath.root().child("testkit", 0).child("capture-" + CAPTURES.incrementAndGet(),
                InboxRef.newUid());
    }

    @Override
    public void tell(T message) {
        receiver.accept(requireMessage(message));
    }

    @Override
    public void sendSystem(SystemMessage message) {
        // Not an actor: it never stops, so watchers have nothing to hear.
    }

    @Override
    public boolean isTerminated() {
        return false;
    }
}
