package dev.troupe.actor;

import java.util.Objects;

/**
 * Published on the {@link EventStream} for every message a bounded mailbox did not keep, and counted in
 * {@link ActorSystem#droppedCount()}: nothing is dropped silently.
 *
 * @param message the message that was dropped
 * @param recipient the actor whose mailbox was full
 * @param reason which overflow rule dropped it
 */
public record Dropped(Object message, ActorRef<Void> recipient, Reason reason) {

    /** Why a message was dropped; see {@link MailboxSelector.OverflowStrategy}. */
    public enum Reason {
        /** The new message did not fit ({@code DROP_NEWEST}). */
        DROPPED_NEWEST,
        /** The oldest message made room for a new one ({@code DROP_OLDEST}). */
        DROPPED_OLDEST,
        /** The new message was refused, and {@link ActorRef#offer} said so ({@code REJECT}). */
        REJECTED
    }

    public Dropped {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(reason, "reason");
    }
}
