package dev.troupe.observe.internal.tracing;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.instrument.InstrumentedActor;
import dev.troupe.actor.instrument.MessageHook;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * A span per processed message, a child of the context the message was sent in; see
 * {@code dev.troupe.observe.Tracing}. Thread-safe: it holds only a tracer.
 */
public final class TracingHook implements MessageHook {
    /** "receive " and the message's simple class name, made once per class rather than once per message. */
    private static final ClassValue<String> SPAN_NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            String simple = type.getSimpleName();
            return "receive " + (simple.isEmpty() ? type.getName() : simple); // anonymous and hidden classes
        }
    };

    // The span attributes, documented where the public API names them: dev.troupe.observe.Tracing.
    public static final AttributeKey<String> ACTOR_PATH = AttributeKey.stringKey("troupe.actor.path");
    public static final AttributeKey<String> ACTOR_TYPE = AttributeKey.stringKey("troupe.actor.type");
    public static final AttributeKey<String> MESSAGE_CLASS = AttributeKey.stringKey("troupe.message.class");
    public static final AttributeKey<String> SENDER_PATH = AttributeKey.stringKey("troupe.sender.path");

    private final Tracer tracer;

    /** A hook with spans from {@code tracer}. */
    public TracingHook(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Carries the sender's context, or nothing (no envelope) when it holds neither a span nor baggage. */
    @Override
    public Object onSend(ActorPath sender, ActorPath recipient, Object message) {
        Context current = Context.current();
        if (!Span.fromContext(current).getSpanContext().isValid() && Baggage.fromContext(current).isEmpty()) {
            return null;
        }
        return new CarriedTrace(current, sender);
    }

    /** Starts the message's span and makes it, with the carried baggage, the current context. */
    @Override
    public Object beforeReceive(InstrumentedActor actor, Object message, Object carried) {
        CarriedTrace trace = carried instanceof CarriedTrace t ? t : null;
        // The root, not the thread's current context: a message sent outside any span starts a new trace even
        // when it is processed inside another actor's turn (the calling-thread dispatcher).
        Context parent = trace == null ? Context.root() : trace.context();
        SpanBuilder builder = tracer.spanBuilder(SPAN_NAMES.get(message.getClass()))
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(ACTOR_PATH, actor.path().toString())
                .setAttribute(ACTOR_TYPE, actor.actorType())
                .setAttribute(MESSAGE_CLASS, message.getClass().getName());
        if (trace != null && trace.sender() != null) {
            builder.setAttribute(SENDER_PATH, trace.sender().toString());
        }
        Span span = builder.startSpan();
        return new MessageSpan(span, parent.with(span).makeCurrent());
    }

    /** Marks the span failed if the handler threw, restores the thread's context and ends the span. */
    @Override
    public void afterReceive(InstrumentedActor actor, Object token, Throwable failure) {
        if (!(token instanceof MessageSpan(Span span, var scope))) {
            return; // null: beforeReceive threw, so no span was made current
        }
        try {
            if (failure != null) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR, failure.toString());
            }
        } finally {
            scope.close();
            span.end();
        }
    }

    @Override
    public String toString() {
        return "TracingHook[" + tracer + "]";
    }
}
