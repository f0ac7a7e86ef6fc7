package dev.troupe.actor.internal;

import dev.troupe.actor.ActorPath;

/** {@code troupe://<system>/deadLetters}: everything told to it is published as a dead letter. Thread-safe. */
final class DeadLetterRef extends InternalRef<Object> {
    private final ActorSystemImpl<?> system;

    DeadLetterRef(ActorPath path, ActorSystemImpl<?> system) {
        super(path);
        this.system = system;
    }

    @Override
    public void tell(Object message) {
        system.deadLetter(requireMessage(message), this);
    }

    @Override
    public void sendSystem(SystemMessage message) {
        if (message instanceof SystemMessage.Watch watch) {
            watch.watcher.sendSystem(new SystemMessage.DeathWatchNotification(this, null));
        }
    }

    @Override
    public boolean isTerminated() {
        return false;
    }
}
