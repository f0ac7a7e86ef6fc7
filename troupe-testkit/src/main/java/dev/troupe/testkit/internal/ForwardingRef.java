package dev.troupe.testkit.internal;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.internal.InternalRef;
import dev.troupe.actor.internal.SystemMessage;
import java.util.function.Consumer;

/**
 * A ref that is not an actor: hands each message to a callback on the sender's thread. Used for message
 * adapters and ask replies of a synchronously tested behavior, and to subscribe captures to the event
 * stream. Thread-safe if the callback is.
 */
public final class ForwardingRef<T> extends InternalRef<T> {
    private final Consumer<T> receiver;

    public ForwardingRef(ActorPath path, Consumer<T> receiver) {
        super(path);
        this.receiver = receiver;
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
