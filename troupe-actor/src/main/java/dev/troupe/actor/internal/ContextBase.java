package dev.troupe.actor.internal;

import dev.troupe.actor.ActorContext;
import dev.troupe.actor.ActorPath;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.InvalidActorNameException;
import dev.troupe.actor.Scheduler;
import dev.troupe.actor.TimerScheduler;
import dev.troupe.actor.UnhandledMessagePolicy;
import java.util.Objects;
import org.slf4j.MDC;

/**
 * The runtime side of {@link ActorContext}, implemented by the actor cell and by the test kit's synchronous
 * context. Same threading contract as {@link ActorContext}.
 */
public abstract non-sealed class ContextBase<T> implements ActorContext<T> {
    /** MDC key of the actor path on log lines written through {@link #log()}. */
    public static final String MDC_ACTOR = "troupe.actor";
    /** MDC key of the actor's type (its behavior's class, or the tag of {@code Props.withActorType}). */
    public static final String MDC_ACTOR_TYPE = "troupe.actorType";
    /** MDC key of the class of the message being processed. */
    public static final String MDC_MESSAGE = "troupe.message";

    /** The actor type of an actor with {@code behavior} and no tag: the class of its behavior's code. */
    protected static String actorTypeOf(dev.troupe.actor.Behavior<?> behavior) {
        return ActorTypes.of(behavior);
    }

    /**
     * The actor type this actor is counted under by instrumentation, or null if it is not instrumented (then
     * events name the class of the failing behavior). The actor's own thread.
     */
    String instrumentedActorType() {
        return null;
    }

    /** The type to name in this actor's supervision events when {@code behavior} failed. */
    final String actorTypeFor(dev.troupe.actor.Behavior<?> behavior) {
        String instrumented = instrumentedActorType();
        return instrumented != null ? instrumented : ActorTypes.of(behavior);
    }

    /**
     * Checks a name given to {@code spawn}: names starting with {@code $} are reserved for anonymous actors.
     * The remaining rules are checked when the child's path is made.
     */
    protected static String requireSpawnName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.startsWith("$")) {
            throw new InvalidActorNameException("Actor name [" + name + "] starts with '$', which is reserved "
                    + "for anonymous actors; use spawnAnonymous or another name");
        }
        return name;
    }

    /** Marks "the MDC held none of our keys before": removing them restores it. */
    private static final String[] NOTHING_TO_RESTORE = new String[0];

    /**
     * Null while this context has not put its keys into the MDC; else what they held before. A turn of another
     * actor may run inside this one on the same thread (the calling-thread dispatcher), so leaving restores
     * instead of removing.
     */
    private String[] mdcBefore;

    /** Puts the actor, its type and the message into the MDC of the current thread, once per message. */
    protected final void enterMdc(ActorPath actor, String actorType, Object message) {
        if (mdcBefore != null || message == null) {
            return;
        }
        String actorBefore = MDC.get(MDC_ACTOR);
        String typeBefore = MDC.get(MDC_ACTOR_TYPE);
        String messageBefore = MDC.get(MDC_MESSAGE);
        mdcBefore = actorBefore == null && typeBefore == null && messageBefore == null ? NOTHING_TO_RESTORE
                : new String[] {actorBefore, typeBefore, messageBefore};
        MDC.put(MDC_ACTOR, actor.toString());
        MDC.put(MDC_ACTOR_TYPE, actorType);
        MDC.put(MDC_MESSAGE, message.getClass().getName());
    }

    /** Gives the MDC keys back what they held before {@link #enterMdc}, if it put them. */
    protected final void leaveMdc() {
        String[] before = mdcBefore;
        if (before == null) {
            return;
        }
        mdcBefore = null;
        restore(MDC_ACTOR, before == NOTHING_TO_RESTORE ? null : before[0]);
        restore(MDC_ACTOR_TYPE, before == NOTHING_TO_RESTORE ? null : before[1]);
        restore(MDC_MESSAGE, before == NOTHING_TO_RESTORE ? null : before[2]);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** Throws {@link IllegalStateException} unless called on the thread currently running this actor. */
    public abstract void checkThread();

    /** This actor's timers, created on first use; cancelled when the actor stops or restarts. */
    public abstract TimerScheduler<T> timerScheduler();

    /**
     * Processes one unstashed message with {@code current} and returns the behavior to keep (or a stopped
     * marker). Unhandled messages are reported as if they had just arrived.
     */
    public abstract Behavior<T> interpretUnstashed(Behavior<T> current, T message) throws Exception;

    /**
     * Moves up to {@code max} plain messages waiting in this actor's mailbox into {@code batch}, in order,
     * stopping at the first runtime envelope (which must keep its place). A synchronous test context adds
     * nothing: there, every message is its own batch.
     */
    public abstract void drainQueued(java.util.List<T> batch, int max);

    /**
     * Records why the actor is about to stop; the caller then returns a stopped behavior. With
     * {@code escalate} the parent receives the failure as an escalation (see {@link #currentEscalation()}).
     */
    public abstract void recordFailure(Throwable cause, boolean escalate);

    /**
     * While a {@link dev.troupe.actor.ChildFailed} that a child escalated is being delivered: its cause, which
     * becomes this actor's own failure if the signal is not handled. Otherwise null.
     */
    public abstract Throwable currentEscalation();

    /** What an unhandled message does in this actor's system. */
    public abstract UnhandledMessagePolicy unhandledMessagePolicy();

    /** The clock for measuring restart windows and back-off resets: the system scheduler's. */
    public abstract Scheduler clock();

    /** Publishes {@code event} on the system's event stream (a test context may record it instead). */
    public abstract void publishEvent(Object event);
}
