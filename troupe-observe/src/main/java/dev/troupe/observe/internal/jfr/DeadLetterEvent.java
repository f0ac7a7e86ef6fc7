package dev.troupe.observe.internal.jfr;

import dev.troupe.actor.DeadLetter;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A message could not be delivered; from {@link DeadLetter}. */
@Name(DeadLetterEvent.NAME)
@Label("Dead Letter")
@Description("A message sent to a stopped actor, left in its mailbox when it stopped, or sent to deadLetters")
public final class DeadLetterEvent extends UndeliveredMessageJfrEvent {
    public static final String NAME = "troupe.DeadLetter";

    @Label("Sender Path")
    @Description("The sending actor, where known")
    String senderPath;

    void commitFrom(DeadLetter letter) {
        about(letter.recipient(), letter.message());
        senderPath = letter.sender().map(sender -> sender.path().toString()).orElse(null);
        commit();
    }
}
