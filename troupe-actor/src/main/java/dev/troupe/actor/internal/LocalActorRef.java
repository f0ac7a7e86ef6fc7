package dev.troupe.actor.internal;

import dev.troupe.actor.ActorPath;

/** The ref of an actor in this JVM: a tell is an enqueue into its mailbox. Thread-safe. */
public final class LocalActorRef<T> extends InternalRef<T> {
    private final ActorCell<T> cell;

    LocalActorRef(ActorPath path, ActorCell<T> cell) {
        super(path);
        this.cell = cell;
    }

    @Override
    public void tell(T message) {
        cell.mailbox.enqueue(requireMessage(message));
    }

    @Override
    public void sendSystem(SystemMessage message) {
        cell.mailbox.enqueueSystem(message);
    }

    @Override
    public boolean isTerminated() {
        return cell.isTerminated();
    }

    /** The number of user messages waiting in the mailbox (approximate). */
    public int mailboxSize() {
        return cell.mailbox.userMessageCount();
    }

    ActorCell<T> cell() {
        return cell;
    }
}
