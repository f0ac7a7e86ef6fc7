package dev.troupe.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.Props;
import dev.troupe.testkit.ActorTestKit;
import dev.troupe.testkit.TestProbe;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

/** The MDC, tracing and slow-message hooks installed together, as an application would. */
class ComposedHooksTest {

    record Order(String id, ActorRef<SpanContext> replyTo) {}

    @Test
    void theMdcTheSpanAndTheSlowMessageEventAllDescribeTheSameMessage() {
        List<RecordedEvent> slowMessages = new ArrayList<>();
        try (InMemoryTracing tracing = new InMemoryTracing();
             CapturedLog log = CapturedLog.create();
             RecordingStream recording = new RecordingStream()) {
            // A zero threshold makes every message "slow": what is tested is the composition, not the timing.
            recording.enable(FlightRecorderEvents.SLOW_MESSAGE).withThreshold(Duration.ZERO);
            recording.onEvent(FlightRecorderEvents.SLOW_MESSAGE, event -> {
                synchronized (slowMessages) {
                    slowMessages.add(event);
                }
            });
            recording.setReuse(false);
            recording.startAsync();
            OpenTelemetry openTelemetry = tracing.openTelemetry();
            // tag::everything[]
            ActorMetrics metrics = ActorMetrics.create().withMessageHook(MessageHooks.compose(
                    new MdcHook(), Tracing.hook(openTelemetry), FlightRecorderEvents.slowMessageHook()));
            ActorSystemSettings settings = ActorSystemSettings.builder().instrumentation(metrics).build();
            // end::everything[]
            ActorTestKit kit = ActorTestKit.create("composed", settings);
            FlightRecorderEvents.install(kit.system());
            try {
                ActorRef<Order> orders = kit.spawn(Behaviors.<Order>receiveMessage(order -> {
                    log.logger().info("taking order {}", order.id());
                    order.replyTo().tell(Span.current().getSpanContext());
                    return Behaviors.same();
                }), "orders", Props.empty().withActorType("orders"));
                TestProbe<SpanContext> reply = kit.createTestProbe();
                Span request = tracing.inTestSpan("request", () -> orders.tell(new Order("o-1", reply.ref())));
                SpanContext currentInHandler = reply.receiveMessage();

                SpanData span = tracing.awaitSpanOf(orders);
                assertThat(span.getParentSpanContext()).isEqualTo(request.getSpanContext());
                assertThat(currentInHandler).isEqualTo(span.getSpanContext());
                assertThat(log.mdcOfLines()).singleElement().satisfies(mdc -> assertThat(mdc)
                        .containsEntry(MdcHook.MDC_ACTOR, orders.path().toString())
                        .containsEntry(MdcHook.MDC_ACTOR_TYPE, "orders")
                        .containsEntry(MdcHook.MDC_MESSAGE, Order.class.getName()));
                RecordedEvent slow = await().atMost(Duration.ofSeconds(30)).until(() -> {
                    synchronized (slowMessages) {
                        return slowMessages.stream()
                                .filter(e -> orders.path().toString().equals(e.getString("actorPath")))
                                .findFirst();
                    }
                }, Optional::isPresent).orElseThrow();
                assertThat(slow.getString("messageClass")).isEqualTo(Order.class.getName());
                assertThat(slow.getString("actorType")).isEqualTo("orders");
            } finally {
                kit.shutdown();
            }
        }
    }
}
