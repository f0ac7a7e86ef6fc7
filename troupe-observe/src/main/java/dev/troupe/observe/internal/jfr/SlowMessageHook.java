package dev.troupe.observe.internal.jfr;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.instrument.InstrumentedActor;
import dev.troupe.actor.instrument.MessageHook;
import jdk.jfr.EventType;

/**
 * Times every message as a {@link SlowMessageEvent} while a recording has the event enabled, and costs one
 * flag read per message while none has: no clock read, no allocation. JFR's own threshold check decides at
 * the end whether the message was slow enough to commit. Stateless and thread-safe.
 */
public final class SlowMessageHook implements MessageHook {
    private static final EventType SLOW_MESSAGE = EventType.getEventType(SlowMessageEvent.class);

    @Override
    public Object onSend(ActorPath sender, ActorPath recipient, Object message) {
        return null;
    }

    @Override
    public Object beforeReceive(InstrumentedActor actor, Object message, Object carried) {
        if (!SLOW_MESSAGE.isEnabled()) {
            return null;
        }
        SlowMessageEvent event = new SlowMessageEvent();
        event.messageClass = message.getClass().getName(); // the class caches its name: no string is built
        event.begin();
        return event;
    }

    @Override
    public void afterReceive(InstrumentedActor actor, Object token, Throwable failure) {
        if (token instanceof SlowMessageEvent event) {
            event.end();
            if (event.shouldCommit()) { // over the threshold: only now pay for the path's string
                event.actorPath = actor.path().toString();
                event.actorType = actor.actorType();
                event.failureClass = failure == null ? null : failure.getClass().getName();
                event.commit();
            }
        }
    }

    @Override
    public String toString() {
        return "SlowMessageHook";
    }
}
