package dev.troupe.actor.internal;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.OfferResult;
import java.time.Duration;
import java.util.Objects;

/** The ref of an actor in this JVM: a tell is an enqueue into its mailbox. Thread-safe. */
public final class LocalActorRef<T> extends InternalRef<T> {
    private final ActorCell<T> cell;
    /**
     * The cell's mailbox, held here so that a sender never reads the cell: the actor writes its cell on every
     * message, and a sender on another core reading that cache line would pull it back and forth.
     */
    private final Mailbox mailbox;

    LocalActorRef(ActorPath path, ActorCell<T> cell, Mailbox mailbox) {
        super(path);
        this.cell = cell;
        this.mailbox = mailbox;
    }

    @Override
    public void tell(T message) {
        mailbox.enqueue(requireMessage(message));
    }

    @Override
    public OfferResult offer(T message) {
        return mailbox.offer(requireMessage(message));
    }

    @Override
    public boolean put(T message, Duration timeout) throws InterruptedException {
        requireMessage(message);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("put timeout must not be negative, was " + timeout);
        }
        ActorPath inside = ActorCell.currentTurn();
        if (inside != null) {
            throw new IllegalStateException("ActorRef.put blocks, so it may not be called from inside an actor ("
                    + inside + " put to " + path() + "); use offer or tell there");
        }
        return mailbox.put(message, timeout.toNanos());
    }

    @Override
    public void sendSystem(SystemMessage message) {
        mailbox.enqueueSystem(message);
    }

    @Override
    public boolean isTerminated() {
        return mailbox.isClosed();
    }

    /** The number of user messages waiting in the mailbox (approximate). */
    public int mailboxSize() {
        return mailbox.userMessageCount();
    }

    ActorCell<T> cell() {
        return cell;
    }
}
