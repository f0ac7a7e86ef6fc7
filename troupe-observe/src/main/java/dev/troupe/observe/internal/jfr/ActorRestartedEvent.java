package dev.troupe.observe.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A failed actor restarts; from {@link dev.troupe.actor.SupervisionEvent.Restarted}. */
@Name(ActorRestartedEvent.NAME)
@Label("Actor Restarted")
@Description("A failed actor restarts with its initial behavior, keeping its mailbox")
public final class ActorRestartedEvent extends SupervisionJfrEvent {
    public static final String NAME = "troupe.ActorRestarted";
}
