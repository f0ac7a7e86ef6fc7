package dev.troupe.observe;

import static org.awaitility.Awaitility.await;

import dev.troupe.actor.ActorRef;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Test helper: an OpenTelemetry SDK that keeps every ended span in memory (exported as it ends), and a tracer
 * for the tests' own root spans. Close it to shut the SDK down.
 */
final class InMemoryTracing implements AutoCloseable {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
            .build();

    OpenTelemetrySdk openTelemetry() {
        return sdk;
    }

    /** Starts a span of the test itself, to send messages inside. */
    Span startTestSpan(String name) {
        Tracer tracer = sdk.getTracer("test");
        return tracer.spanBuilder(name).startSpan();
    }

    /** Runs {@code body} inside a new, current span of the test itself; ends the span and returns it. */
    Span inTestSpan(String name, Runnable body) {
        Span span = startTestSpan(name);
        try {
            withCurrent(Context.current().with(span), () -> {
                body.run();
                return null;
            });
        } finally {
            span.end();
        }
        return span;
    }

    /** What {@code body} returns, run with {@code context} current on this thread; then restores the thread's. */
    static <T> T withCurrent(Context context, Supplier<T> body) {
        Scope scope = context.makeCurrent();
        try {
            return body.get();
        } finally {
            scope.close();
        }
    }

    /**
     * Waits for the span of {@code actor}'s processing of its {@code nth} message (from 1) to end. A reply sent
     * from inside the handler can arrive before the span ends, hence the wait.
     */
    SpanData awaitSpanOf(ActorRef<?> actor, int nth) {
        return await().atMost(DEADLINE).until(() -> spansOf(actor).stream().skip(nth - 1L).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    SpanData awaitSpanOf(ActorRef<?> actor) {
        return awaitSpanOf(actor, 1);
    }

    /** The ended spans of {@code actor}'s messages so far, in the order they ended. */
    List<SpanData> spansOf(ActorRef<?> actor) {
        String path = actor.path().toString();
        return exporter.getFinishedSpanItems().stream()
                .filter(span -> path.equals(span.getAttributes().get(Tracing.ACTOR_PATH)))
                .toList();
    }

    @Override
    public void close() {
        sdk.close();
    }
}
