package dev.troupe.actor;

import java.util.Objects;

/** Published on the {@link EventStream} when a behavior returns {@link Behaviors#unhandled()} for a message. */
public record UnhandledMessage(Object message, ActorRef<Void> recipient) {
    public UnhandledMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(recipient, "recipient");
    }
}
