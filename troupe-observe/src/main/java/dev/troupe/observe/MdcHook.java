package dev.troupe.observe;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.instrument.InstrumentedActor;
import dev.troupe.actor.instrument.MessageHook;
import org.slf4j.MDC;

/**
 * Puts the actor and the message into the SLF4J MDC while each user message is processed, so that every log
 * line written inside an actor, through any logger, says where it came from: {@value #MDC_ACTOR} (the actor's
 * path), {@value #MDC_ACTOR_TYPE} (its type) and {@value #MDC_MESSAGE} (the message's class name). These are
 * the keys that {@code ActorContext.log()} sets for its own lines, with the same values.
 *
 * <p>After the message the three keys get back what they held before, rather than being removed: a turn of
 * an actor on the calling-thread dispatcher runs inside its sender's turn, on the same thread, and the
 * sender's later lines must still name the sender. Other MDC keys are not touched.
 *
 * <p>Install it through {@link dev.troupe.actor.instrument.Instrumentation#messageHook()}, alone or with
 * {@link MessageHooks#compose}. Threading: stateless; the MDC is per thread, and the runtime calls
 * {@code beforeReceive} and {@code afterReceive} of one message on the actor's thread.
 */
public final class MdcHook implements MessageHook {
    /** MDC key of the path of the actor processing the message. */
    public static final String MDC_ACTOR = "troupe.actor";
    /** MDC key of the actor's type: its behavior's class, or the tag of {@code Props.withActorType}. */
    public static final String MDC_ACTOR_TYPE = "troupe.actorType";
    /** MDC key of the class name of the message being processed. */
    public static final String MDC_MESSAGE = "troupe.message";

    private static final String[] KEYS = {MDC_ACTOR, MDC_ACTOR_TYPE, MDC_MESSAGE};
    /** The token of a message before which the MDC held none of the keys: removing them restores it. */
    private static final String[] NOTHING_TO_RESTORE = new String[KEYS.length];

    @Override
    public Object onSend(ActorPath sender, ActorPath recipient, Object message) {
        return null;
    }

    /** Sets the keys; returns what they held before (by index in {@link #KEYS}), for {@link #afterReceive}. */
    @Override
    public Object beforeReceive(InstrumentedActor actor, Object message, Object carried) {
        String[] before = NOTHING_TO_RESTORE; // the usual case, which then allocates nothing
        for (int i = 0; i < KEYS.length; i++) {
            String value = MDC.get(KEYS[i]);
            if (value != null) {
                if (before == NOTHING_TO_RESTORE) {
                    before = new String[KEYS.length];
                }
                before[i] = value;
            }
        }
        MDC.put(MDC_ACTOR, actor.path().toString());
        MDC.put(MDC_ACTOR_TYPE, actor.actorType());
        MDC.put(MDC_MESSAGE, message.getClass().getName());
        return before;
    }

    /** Gives the keys back what they held before the message. */
    @Override
    public void afterReceive(InstrumentedActor actor, Object token, Throwable failure) {
        if (!(token instanceof String[] before)) {
            return; // null: beforeReceive threw before it had set anything (MDC.get and put do not throw)
        }
        for (int i = 0; i < KEYS.length; i++) {
            if (before[i] == null) {
                MDC.remove(KEYS[i]);
            } else {
                MDC.put(KEYS[i], before[i]);
            }
        }
    }

    @Override
    public String toString() {
        return "MdcHook";
    }
}
