package dev.troupe.observe.internal.jfr;

import dev.troupe.actor.SupervisionEvent;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.StackTrace;

/**
 * The fields that the flight-recorder events of a supervision decision share. Abstract, so JFR registers only
 * its subclasses. No stack trace: the event is committed by the runtime's supervision code, whose stack says
 * nothing about the failure; the cause's class and message are fields.
 */
@Category("Troupe")
@StackTrace(false)
abstract class SupervisionJfrEvent extends Event {
    @Label("Actor Path")
    String actorPath;

    @Label("Actor Type")
    @Description("The class that defines the actor's behavior, as in the runtime's supervision events")
    String actorType;

    @Label("Cause Class")
    String causeClass;

    @Label("Cause Message")
    String causeMessage;

    @Label("Restart Count")
    @Description("Restarts of the actor so far, within its restart window or back-off sequence")
    int restartCount;

    /** Fills the fields from {@code event} and commits; the caller has checked that the event is enabled. */
    final void commitFrom(SupervisionEvent event) {
        actorPath = event.actor().toString();
        actorType = event.actorType();
        causeClass = event.cause().getClass().getName();
        causeMessage = event.cause().getMessage();
        restartCount = event.restartCount();
        commit();
    }
}
