package dev.troupe.actor.internal.routing;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.internal.LocalActorRef;

/** The one place routing reads a routee's queue depth. Thread-safe; the reading is approximate. */
public final class QueueDepth {
    /** Returned for refs whose depth cannot be read (not a local actor). */
    public static final int UNKNOWN = -1;

    private QueueDepth() {}

    /** Messages waiting in {@code ref}'s mailbox, or {@link #UNKNOWN}. */
    public static int of(ActorRef<?> ref) {
        return ref instanceof LocalActorRef<?> local ? local.mailboxSize() : UNKNOWN;
    }
}
