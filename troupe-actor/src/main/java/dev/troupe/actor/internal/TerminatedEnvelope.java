package dev.troupe.actor.internal;

/**
 * A death notification queued behind the user messages already in the mailbox, so that a watcher sees every
 * message the dead actor sent it before it sees {@link dev.troupe.actor.Terminated}.
 *
 * @param watched true if the actor was watched (death pact applies); false for the information-only
 *     {@link dev.troupe.actor.ChildFailed} of an unwatched child
 * @param escalated the child escalated its failure: if the ChildFailed is not handled, the failure becomes
 *     the receiver's own
 */
record TerminatedEnvelope(InternalRef<?> actor, Throwable failure, boolean child, boolean watched,
                          boolean escalated)
        implements InternalMessage {

    @Override
    public <T> void deliver(ActorCell<T> cell) throws Exception {
        cell.deliverTerminated(this);
    }

    @Override
    public Object deadLetterPayload() {
        return null;
    }
}
