package dev.troupe.actor.instrument;

import dev.troupe.actor.ActorPath;

/**
 * Runs code on the sender's side and around the processing of every user message: what carries a trace
 * context from a {@code tell} to the handler, or puts the actor into the logging context. An extension point;
 * see {@link Instrumentation#messageHook()}.
 *
 * <p>Runtime envelopes (timer firings, death notifications, adapted replies) are not user messages and pass
 * no hook. A message processed by a batch handler ({@code Behaviors.receiveBatch}) after the first of its
 * batch passes {@link #onSend} only.
 *
 * <p>Threading: {@link #onSend} runs on the sending thread, any thread, concurrently;
 * {@link #beforeReceive} and {@link #afterReceive} run on the actor's thread, in its turn, one message at a
 * time. {@code onSend} happens-before the matching {@code beforeReceive} (the mailbox's enqueue publishes what
 * it returned). A hook that throws is logged; a throwing {@code onSend} makes the message carry nothing, a
 * throwing {@code beforeReceive} gives {@code afterReceive} a null token. The actor never fails for it.
 */
public interface MessageHook {

    /**
     * Called as {@code message} is sent to {@code recipient}.
     *
     * @param sender the actor whose turn sends it, or null when sent from outside any actor
     * @return what to carry with the message to {@link #beforeReceive}, or null for nothing
     */
    Object onSend(ActorPath sender, ActorPath recipient, Object message);

    /**
     * Called just before {@code actor} processes {@code message}.
     *
     * @param carried what {@link #onSend} returned for this message
     * @return a token for {@link #afterReceive} (a span, a scope), or null
     */
    Object beforeReceive(InstrumentedActor actor, Object message, Object carried);

    /**
     * Called just after the processing of the message given to {@link #beforeReceive}.
     *
     * @param failure what the handler threw, or null
     */
    void afterReceive(InstrumentedActor actor, Object token, Throwable failure);
}
