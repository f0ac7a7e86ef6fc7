package dev.troupe.actor;

import java.util.Objects;

/**
 * How a spawned actor runs: which mailbox holds its messages and which dispatcher runs it. Immutable.
 * {@link #empty()} uses the defaults (an unbounded FIFO mailbox and the system's default dispatcher).
 */
public final class Props {
    private static final Props EMPTY = new Props(MailboxSelector.defaultMailbox(),
            DispatcherSelector.defaultDispatcher());

    private final MailboxSelector mailbox;
    private final DispatcherSelector dispatcher;

    private Props(MailboxSelector mailbox, DispatcherSelector dispatcher) {
        this.mailbox = mailbox;
        this.dispatcher = dispatcher;
    }

    /** The defaults. */
    public static Props empty() {
        return EMPTY;
    }

    /** A copy with {@code mailbox}. */
    public Props withMailbox(MailboxSelector mailbox) {
        return new Props(Objects.requireNonNull(mailbox, "mailbox"), dispatcher);
    }

    /** A copy with {@code dispatcher}. */
    public Props withDispatcher(DispatcherSelector dispatcher) {
        return new Props(mailbox, Objects.requireNonNull(dispatcher, "dispatcher"));
    }

    public MailboxSelector mailbox() {
        return mailbox;
    }

    public DispatcherSelector dispatcher() {
        return dispatcher;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Props p && p.mailbox.equals(mailbox) && p.dispatcher.equals(dispatcher);
    }

    @Override
    public int hashCode() {
        return 31 * mailbox.hashCode() + dispatcher.hashCode();
    }

    @Override
    public String toString() {
        return "Props[mailbox=" + mailbox + ", dispatcher=" + dispatcher + "]";
    }
}
