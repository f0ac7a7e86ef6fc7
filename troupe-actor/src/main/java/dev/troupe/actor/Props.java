package dev.troupe.actor;

import java.util.Objects;
import java.util.Optional;

/**
 * How a spawned actor runs: which mailbox holds its messages, which dispatcher runs it, and the actor type it
 * is counted under by instrumentation. Immutable. {@link #empty()} uses the defaults (an unbounded FIFO
 * mailbox, the system's default dispatcher, the behavior's class as actor type).
 */
public final class Props {
    private static final Props EMPTY = new Props(MailboxSelector.defaultMailbox(),
            DispatcherSelector.defaultDispatcher(), null);
    private static final int MAX_ACTOR_TYPE_LENGTH = 200;

    private final MailboxSelector mailbox;
    private final DispatcherSelector dispatcher;
    private final String actorType; // null: the behavior's class

    private Props(MailboxSelector mailbox, DispatcherSelector dispatcher, String actorType) {
        this.mailbox = mailbox;
        this.dispatcher = dispatcher;
        this.actorType = actorType;
    }

    /** The defaults. */
    public static Props empty() {
        return EMPTY;
    }

    /** A copy with {@code mailbox}. */
    public Props withMailbox(MailboxSelector mailbox) {
        return new Props(Objects.requireNonNull(mailbox, "mailbox"), dispatcher, actorType);
    }

    /** A copy with {@code dispatcher}. */
    public Props withDispatcher(DispatcherSelector dispatcher) {
        return new Props(mailbox, Objects.requireNonNull(dispatcher, "dispatcher"), actorType);
    }

    /**
     * A copy that counts the actor under {@code actorType} in metrics, instead of its behavior's class: one tag
     * for actors that share a protocol but not a class, or a shorter name for dashboards.
     *
     * @throws IllegalArgumentException if {@code actorType} is blank or longer than 200 characters
     */
    public Props withActorType(String actorType) {
        Objects.requireNonNull(actorType, "actorType");
        if (actorType.isBlank() || actorType.length() > MAX_ACTOR_TYPE_LENGTH) {
            throw new IllegalArgumentException("actorType must be 1 to " + MAX_ACTOR_TYPE_LENGTH
                    + " characters and not blank, was [" + actorType + "]");
        }
        return new Props(mailbox, dispatcher, actorType);
    }

    public MailboxSelector mailbox() {
        return mailbox;
    }

    public DispatcherSelector dispatcher() {
        return dispatcher;
    }

    /** The actor type set with {@link #withActorType}, if any. */
    public Optional<String> actorType() {
        return Optional.ofNullable(actorType);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Props p && p.mailbox.equals(mailbox) && p.dispatcher.equals(dispatcher)
                && Objects.equals(p.actorType, actorType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mailbox, dispatcher, actorType);
    }

    @Override
    public String toString() {
        return "Props[mailbox=" + mailbox + ", dispatcher=" + dispatcher
                + (actorType == null ? "" : ", actorType=" + actorType) + "]";
    }
}
