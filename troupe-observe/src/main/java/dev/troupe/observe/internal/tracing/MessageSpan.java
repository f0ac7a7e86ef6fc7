package dev.troupe.observe.internal.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

/** The span of one message being processed, and the scope that makes it current on the actor's thread. */
record MessageSpan(Span span, Scope scope) {}
