package dev.troupe.actor.internal;

/**
 * Envelopes the runtime puts into an actor's user queue besides plain messages: timer firings, adapted
 * replies, queued Terminated notifications. They are opened on the actor's thread, in mailbox order.
 */
interface InternalMessage {

    /** Processes this envelope as the actor's current message. */
    <T> void deliver(ActorCell<T> cell) throws Exception;

    /** What to publish as a dead letter if the actor has stopped, or null to drop silently. */
    Object deadLetterPayload();

    /**
     * Whether a full bounded mailbox may drop this envelope like a user message (it carries one, e.g. from an
     * adapter). Runtime notifications are never dropped and do not count against capacity.
     */
    default boolean droppable() {
        return false;
    }
}
