package dev.troupe.actor.internal;

import dev.troupe.actor.ActorPath;
import java.util.function.Function;

/**
 * A message adapter: accepts {@code U} and hands it, with the conversion, to the owning actor's mailbox. Not
 * an actor of its own: it lives and dies with its owner, and watching it watches the owner. Thread-safe.
 */
final class AdapterRef<U, T> extends InternalRef<U> {
    private final ActorCell<T> owner;
    private final Function<U, T> adapter;

    AdapterRef(ActorPath path, ActorCell<T> owner, Function<U, T> adapter) {
        super(path);
        this.owner = owner;
        this.adapter = adapter;
    }

    @Override
    public void tell(U message) {
        offer(message);
    }

    @Override
    public dev.troupe.actor.OfferResult offer(U message) {
        return owner.mailbox.offer(new AdaptedMessage<>(requireMessage(message), adapter));
    }

    @Override
    public void sendSystem(SystemMessage message) {
        switch (message) {
            case SystemMessage.Watch watch -> owner.selfRef().sendSystem(new SystemMessage.Watch(this, watch.watcher));
            case SystemMessage.Unwatch unwatch ->
                    owner.selfRef().sendSystem(new SystemMessage.Unwatch(this, unwatch.watcher));
            default -> owner.selfRef().sendSystem(message);
        }
    }

    @Override
    public boolean isTerminated() {
        return owner.isTerminated();
    }
}
