package dev.troupe.actor;

import java.util.Objects;

/**
 * Published on the {@link EventStream} for every failure and every decision taken about it, so that
 * monitoring can count failures and restarts per actor type and cause. Subscribe to
 * {@code SupervisionEvent.class} for all of them, or to one record type.
 */
public sealed interface SupervisionEvent {

    /** The actor that failed. */
    ActorPath actor();

    /** The actor's type: the class that defines its behavior. */
    String actorType();

    /** The failure. */
    Throwable cause();

    /** Restarts of this actor so far (within its current restart window or back-off sequence). */
    int restartCount();

    /** A behavior threw (or left a message unhandled under the FAIL policy). Always followed by a decision. */
    record Failed(ActorPath actor, String actorType, Throwable cause, int restartCount) implements SupervisionEvent {
        public Failed {
            requireAll(actor, actorType, cause);
        }
    }

    /** The failing message was dropped and the actor carries on. */
    record Resumed(ActorPath actor, String actorType, Throwable cause, int restartCount)
            implements SupervisionEvent {
        public Resumed {
            requireAll(actor, actorType, cause);
        }
    }

    /** The actor restarts (after {@code restartCount - 1} earlier restarts in the window). */
    record Restarted(ActorPath actor, String actorType, Throwable cause, int restartCount)
            implements SupervisionEvent {
        public Restarted {
            requireAll(actor, actorType, cause);
        }
    }

    /** The actor stops because of the failure. */
    record StoppedOnFailure(ActorPath actor, String actorType, Throwable cause, int restartCount)
            implements SupervisionEvent {
        public StoppedOnFailure {
            requireAll(actor, actorType, cause);
        }
    }

    /** The actor stops and its failure is raised in its parent. */
    record Escalated(ActorPath actor, String actorType, Throwable cause, int restartCount)
            implements SupervisionEvent {
        public Escalated {
            requireAll(actor, actorType, cause);
        }
    }

    private static void requireAll(ActorPath actor, String actorType, Throwable cause) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(actorType, "actorType");
        Objects.requireNonNull(cause, "cause");
    }
}
