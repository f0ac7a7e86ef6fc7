package dev.troupe.actor;

import java.util.Objects;
import java.util.Optional;

/**
 * Published on the {@link EventStream} for every message that could not be delivered: sent to a stopped
 * actor, left in its mailbox when it stopped, or sent to {@link ActorSystem#deadLetters()}.
 *
 * @param message the undelivered message
 * @param sender the sending actor where known (typed {@code tell} does not carry one)
 * @param recipient the intended recipient
 */
public record DeadLetter(Object message, Optional<ActorRef<Void>> sender, ActorRef<Void> recipient) {
    public DeadLetter {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
    }
}
