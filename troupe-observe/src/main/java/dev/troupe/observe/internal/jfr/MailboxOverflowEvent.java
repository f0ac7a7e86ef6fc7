package dev.troupe.observe.internal.jfr;

import dev.troupe.actor.Dropped;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A bounded mailbox did not keep a message; from {@link Dropped}. With a stack trace (the default): it is
 * committed on the sending thread, so the stack shows who sent into the full mailbox.
 */
@Name(MailboxOverflowEvent.NAME)
@Label("Mailbox Overflow")
@Description("A bounded mailbox was full and dropped or refused a message")
@Category("Troupe")
public final class MailboxOverflowEvent extends Event {
    public static final String NAME = "troupe.MailboxOverflow";

    @Label("Actor Path")
    String actorPath;

    @Label("Message Class")
    String messageClass;

    @Label("Reason")
    @Description("Which overflow rule dropped the message: DROPPED_NEWEST, DROPPED_OLDEST or REJECTED")
    String reason;

    void commitFrom(Dropped dropped) {
        actorPath = dropped.recipient().path().toString();
        messageClass = dropped.message().getClass().getName();
        reason = dropped.reason().name();
        commit();
    }
}
