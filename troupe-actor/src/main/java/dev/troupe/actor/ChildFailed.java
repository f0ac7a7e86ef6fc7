package dev.troupe.actor;

import java.util.Objects;

/**
 * Delivered to the parent when a child stopped because it failed. A parent that watches the child gets this in
 * place of {@link Terminated} (and not handling it is a death pact); a parent that does not watch it gets it
 * as information only, and may leave it unhandled.
 *
 * <p>If the child <em>escalated</em> its failure ({@link SupervisorStrategy#escalate()}, or a restart limit
 * that was exceeded), leaving this signal unhandled makes {@code cause} the parent's own failure, handled by
 * the parent's supervision as if its handler had thrown it. Handling the signal takes the decision instead.
 */
public record ChildFailed(ActorRef<Void> ref, Throwable cause) implements Signal {
    public ChildFailed {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(cause, "cause");
    }
}
