package dev.troupe.observe.internal.jfr;

import dev.troupe.actor.DeadLetter;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A message could not be delivered; from {@link DeadLetter}. With a stack trace (the default): a message sent
 * to a stopped actor is published on the sending thread, so the stack shows the sender.
 */
@Name(DeadLetterEvent.NAME)
@Label("Dead Letter")
@Description("A message sent to a stopped actor, left in its mailbox when it stopped, or sent to deadLetters")
@Category("Troupe")
public final class DeadLetterEvent extends Event {
    public static final String NAME = "troupe.DeadLetter";

    @Label("Actor Path")
    @Description("The intended recipient")
    String actorPath;

    @Label("Message Class")
    String messageClass;

    @Label("Sender Path")
    @Description("The sending actor, where known")
    String senderPath;

    void commitFrom(DeadLetter letter) {
        actorPath = letter.recipient().path().toString();
        messageClass = letter.message().getClass().getName();
        senderPath = letter.sender().map(sender -> sender.path().toString()).orElse(null);
        commit();
    }
}
