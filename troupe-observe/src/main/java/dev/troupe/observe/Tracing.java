package dev.troupe.observe;

import dev.troupe.actor.instrument.MessageHook;
import dev.troupe.observe.internal.tracing.TracingHook;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import java.util.Objects;

/**
 * OpenTelemetry tracing of actor messages: a span per processed user message, whose parent is the context the
 * message was sent in. A chain of {@code tell}s from actor to actor is one trace; an {@code ask} made inside a
 * span (from an actor, or from any thread with a current span) puts the asked actor's span into that trace; and
 * while a message is processed its span is {@code Span.current()}, so logging that reads the current span
 * correlates the actor's log lines with the trace.
 *
 * <p>Each span is named {@code receive <message's simple class name>}, of kind {@code CONSUMER}, with the
 * attributes {@link #ACTOR_PATH}, {@link #ACTOR_TYPE}, {@link #MESSAGE_CLASS} and, when the message was sent
 * by an actor, {@link #SENDER_PATH}. If the handler throws, the span records the exception and has status
 * {@code ERROR}. A message sent with no span and no baggage in its context carries nothing (it costs no
 * envelope) and starts a new trace. Runtime envelopes (timers, death notifications, adapted replies) make no
 * span; what an actor sends while handling them starts new traces. A batch handler's batch
 * ({@code Behaviors.batching}) is one span, named after and parented by its first message.
 *
 * <p>Threading: the hook captures the sender's {@code Context.current()} on the sending thread and makes the
 * span current on the actor's thread for the message's processing only. Requires {@code opentelemetry-api},
 * an optional dependency of this module.
 */
public final class Tracing {
    /** The instrumentation scope of the spans, the name given to {@code OpenTelemetry.getTracer}. */
    public static final String INSTRUMENTATION_SCOPE = "dev.troupe.observe";
    /** Span attribute: the path of the actor processing the message. */
    public static final AttributeKey<String> ACTOR_PATH = TracingHook.ACTOR_PATH;
    /** Span attribute: the actor's type, its behavior's class or the tag of {@code Props.withActorType}. */
    public static final AttributeKey<String> ACTOR_TYPE = TracingHook.ACTOR_TYPE;
    /** Span attribute: the class name of the message. */
    public static final AttributeKey<String> MESSAGE_CLASS = TracingHook.MESSAGE_CLASS;
    /** Span attribute: the path of the actor that sent the message, when an actor sent it. */
    public static final AttributeKey<String> SENDER_PATH = TracingHook.SENDER_PATH;

    private Tracing() {}

    /**
     * The hook that traces messages with the tracer of {@code openTelemetry}'s {@link #INSTRUMENTATION_SCOPE},
     * for {@link dev.troupe.actor.instrument.Instrumentation#messageHook()} (with others through
     * {@link MessageHooks#compose}). Whether a span is recorded and exported is up to {@code openTelemetry}'s
     * sampler and processors. Any thread.
     */
    public static MessageHook hook(OpenTelemetry openTelemetry) {
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        return new TracingHook(openTelemetry.getTracer(INSTRUMENTATION_SCOPE));
    }
}
