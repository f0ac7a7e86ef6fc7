package dev.troupe.actor.internal;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.Behaviors;

/** Cells that are never started, children of one system's guardian: the children structures look only at them. */
final class UnstartedCells implements AutoCloseable {
    private final ActorSystemImpl<?> system;
    private final ActorPath parent;
    private long uids;

    UnstartedCells(String systemName) {
        system = (ActorSystemImpl<?>) ActorSystem.create(Behaviors.ignore(), systemName);
        parent = system.guardianRef().path();
    }

    ActorCell<Object> named(String name) {
        return cell(parent.child(name, ++uids), false, 0);
    }

    ActorCell<Object> anonymous(int number) {
        return cell(parent.anonymousChild(number, ++uids), true, number);
    }

    private ActorCell<Object> cell(ActorPath path, boolean anonymous, int number) {
        return new ActorCell<>(system, system.guardianRef(), path, anonymous, number, Behaviors.ignore(),
                new UnboundedMailbox(), null);
    }

    @Override
    public void close() {
        system.terminate();
    }
}
