package dev.troupe.observe.internal.jfr;

import dev.troupe.actor.ActorRef;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;

/**
 * The fields that the flight-recorder events of a message that did not reach its actor share. Abstract, so JFR
 * registers only its subclasses. With a stack trace (the default): such an event is mostly committed on the
 * sending thread, so the stack shows who sent the message.
 */
@Category("Troupe")
abstract class UndeliveredMessageJfrEvent extends Event {
    @Label("Actor Path")
    @Description("The intended recipient")
    String actorPath;

    @Label("Message Class")
    String messageClass;

    /** Fills the shared fields; the subclass fills its own and commits. */
    final void about(ActorRef<?> recipient, Object message) {
        actorPath = recipient.path().toString();
        messageClass = message.getClass().getName();
    }
}
