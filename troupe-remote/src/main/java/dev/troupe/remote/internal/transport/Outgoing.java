package dev.troupe.remote.internal.transport;

import dev.troupe.actor.internal.InternalRef;
import dev.troupe.remote.internal.wire.Frame;

/**
 * A frame on its way, with what a dead letter needs if it cannot be sent: the message as the sender gave it and
 * its recipient. {@code incarnation} is the one of the recipient's node it is for, or 0 for whichever answers.
 */
public record Outgoing(Frame frame, long incarnation, Object message, InternalRef<?> recipient) {}
