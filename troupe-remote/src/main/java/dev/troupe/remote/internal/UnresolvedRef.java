package dev.troupe.remote.internal;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.internal.ActorSystemImpl;
import dev.troupe.actor.internal.InternalRef;
import dev.troupe.actor.internal.SystemMessage;

/**
 * A path of this node exactly as another node named it. Two uses: a path with no reachable actor behind it
 * (what is told goes to dead letters, a watch is answered with Terminated at once), and the name under which
 * a remote watcher watches one of our actors, so that its Terminated goes back under the path it knows
 * (with the uid it gave, possibly 0). Goes out on the wire as its path, never exported. Thread-safe.
 */
final class UnresolvedRef extends InternalRef<Object> {
    static final String NOT_REACHABLE = "no actor of this node is reachable from other nodes at this path"
            + " (it was not published nor sent to another node, or it stopped)";

    private final ActorSystemImpl<?> system;

    UnresolvedRef(ActorPath path, ActorSystemImpl<?> system) {
        super(path);
        this.system = system;
    }

    @Override
    public void tell(Object message) {
        system.deadLetter(requireMessage(message), this, NOT_REACHABLE);
    }

    @Override
    public void sendSystem(SystemMessage message) {
        if (message instanceof SystemMessage.Watch watch) {
            watch.watcher().sendSystem(new SystemMessage.DeathWatchNotification(this, null));
        }
    }

    @Override
    public boolean isTerminated() {
        return true;
    }
}
