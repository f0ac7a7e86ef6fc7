package dev.troupe.actor;

import java.util.Objects;

/**
 * Delivered to the parent when a child stopped because it failed. A parent that watches the child gets this in
 * place of {@link Terminated} (and not handling it is a death pact); a parent that does not watch it gets it
 * as information only, and may leave it unhandled.
 */
public record ChildFailed(ActorRef<Void> ref, Throwable cause) implements Signal {
    public ChildFailed {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(cause, "cause");
    }
}
