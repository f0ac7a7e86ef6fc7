package dev.troupe.observe.internal.jfr;

import dev.troupe.actor.Dropped;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A bounded mailbox did not keep a message; from {@link Dropped}. */
@Name(MailboxOverflowEvent.NAME)
@Label("Mailbox Overflow")
@Description("A bounded mailbox was full and dropped or refused a message")
public final class MailboxOverflowEvent extends UndeliveredMessageJfrEvent {
    public static final String NAME = "troupe.MailboxOverflow";

    @Label("Reason")
    @Description("Which overflow rule dropped the message: DROPPED_NEWEST, DROPPED_OLDEST or REJECTED")
    String reason;

    void commitFrom(Dropped dropped) {
        about(dropped.recipient(), dropped.message());
        reason = dropped.reason().name();
        commit();
    }
}
