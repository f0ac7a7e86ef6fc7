package dev.troupe.observe.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** An actor's behavior threw; from {@link dev.troupe.actor.SupervisionEvent.Failed}. */
@Name(ActorFailedEvent.NAME)
@Label("Actor Failed")
@Description("A behavior threw (or left a message unhandled under the FAIL policy); a supervision decision follows")
public final class ActorFailedEvent extends SupervisionJfrEvent {
    public static final String NAME = "troupe.ActorFailed";
}
