package dev.troupe.actor;

import java.util.Objects;

/**
 * The failure of an actor that watched another actor and did not handle its {@link Terminated} (or
 * {@link ChildFailed}) signal: by not handling it, the watcher declared that it cannot live on without the
 * watched actor.
 */
public final class DeathPactException extends RuntimeException {
    private final transient ActorRef<Void> deadActor;

    public DeathPactException(ActorRef<Void> deadActor) {
        super("Death pact: watched actor " + Objects.requireNonNull(deadActor, "deadActor").path()
                + " terminated and its Terminated signal was not handled");
        this.deadActor = deadActor;
    }

    /** The watched actor that terminated. */
    public ActorRef<Void> deadActor() {
        return deadActor;
    }
}
