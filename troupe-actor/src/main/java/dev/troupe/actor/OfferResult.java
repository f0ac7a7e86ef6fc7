package dev.troupe.actor;

/** What became of a message given to {@link ActorRef#offer}. */
public enum OfferResult {
    /** The message is in the actor's mailbox (with {@code DROP_OLDEST}, an older message may have left). */
    ENQUEUED,
    /** The mailbox was full and dropped this message ({@code DROP_NEWEST}); a {@link Dropped} was published. */
    DROPPED,
    /** The mailbox was full and refused this message ({@code REJECT}); a {@link Dropped} was published. */
    REJECTED,
    /** The actor has stopped; the message went to dead letters. */
    DEAD
}
