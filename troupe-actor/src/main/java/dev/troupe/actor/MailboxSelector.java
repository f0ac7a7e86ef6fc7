package dev.troupe.actor;

/** Chooses the kind of mailbox for an actor, through {@link Props#withMailbox}. */
public sealed interface MailboxSelector {

    /** An unbounded, lock-free FIFO mailbox. The default. */
    static MailboxSelector defaultMailbox() {
        return Unbounded.INSTANCE;
    }

    /** The unbounded FIFO mailbox. */
    record Unbounded() implements MailboxSelector {
        static final Unbounded INSTANCE = new Unbounded();
    }
}
