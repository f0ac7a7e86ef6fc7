package dev.troupe.observe;

import static dev.troupe.observe.InMemoryTracing.withCurrent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.AskPattern;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.DispatcherSelector;
import dev.troupe.actor.Props;
import dev.troupe.actor.instrument.MessageHook;
import dev.troupe.testkit.ActorTestKit;
import dev.troupe.testkit.TestProbe;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracingTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final InMemoryTracing tracing = new InMemoryTracing();
    private final ActorTestKit kit = ActorTestKit.create("tracing",
            HookOnlyInstrumentation.settings(Tracing.hook(tracing.openTelemetry())));

    record Hop(String payload) {}

    record Question(String text, ActorRef<String> replyTo) {}

    @AfterEach
    void tearDown() {
        kit.shutdown();
        tracing.close();
    }

    /** Passes every {@link Hop} on to {@code next}. */
    private static Behavior<Hop> relayTo(ActorRef<Hop> next) {
        return Behaviors.receiveMessage(hop -> {
            next.tell(hop);
            return Behaviors.same();
        });
    }

    /** Answers each {@link Question}. */
    private static Behavior<Question> answering() {
        return Behaviors.receiveMessage(question -> {
            question.replyTo().tell("answer to " + question.text());
            return Behaviors.same();
        });
    }

    @Test
    void aChainOfTellsFromInsideASpanIsOneTraceEachHopTheChildOfTheLast() {
        TestProbe<Hop> end = kit.createTestProbe();
        ActorRef<Hop> c = kit.spawn(relayTo(end.ref()), "c", Props.empty().withActorType("hops"));
        ActorRef<Hop> b = kit.spawn(relayTo(c), "b", Props.empty().withActorType("hops"));
        ActorRef<Hop> a = kit.spawn(relayTo(b), "a", Props.empty().withActorType("hops"));
        Span request = tracing.inTestSpan("request", () -> a.tell(new Hop("x")));
        end.expectMessage(new Hop("x"));

        SpanData spanA = tracing.awaitSpanOf(a);
        SpanData spanB = tracing.awaitSpanOf(b);
        SpanData spanC = tracing.awaitSpanOf(c);
        assertThat(spanA.getParentSpanContext()).isEqualTo(request.getSpanContext());
        assertThat(spanB.getParentSpanId()).isEqualTo(spanA.getSpanId());
        assertThat(spanC.getParentSpanId()).isEqualTo(spanB.getSpanId());
        assertThat(List.of(spanA, spanB, spanC)).allSatisfy(span -> {
            assertThat(span.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
            assertThat(span.getName()).isEqualTo("receive Hop");
            assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
            assertThat(span.getAttributes().get(Tracing.ACTOR_TYPE)).isEqualTo("hops");
            assertThat(span.getAttributes().get(Tracing.MESSAGE_CLASS)).isEqualTo(Hop.class.getName());
        });
        assertThat(spanA.getAttributes().get(Tracing.SENDER_PATH)).isNull(); // sent by the test, not an actor
        assertThat(spanB.getAttributes().get(Tracing.SENDER_PATH)).isEqualTo(a.path().toString());
        assertThat(spanC.getAttributes().get(Tracing.SENDER_PATH)).isEqualTo(b.path().toString());
    }

    @Test
    void anAskFromInsideASpanMakesTheServersSpanItsChild() {
        ActorRef<Question> server = kit.spawn(answering(), "server");
        AtomicReference<String> answer = new AtomicReference<>();

        Span caller = tracing.inTestSpan("caller", () -> answer.set(AskPattern.<Question, String>ask(server,
                replyTo -> new Question("q", replyTo), TIMEOUT, kit.system().scheduler()).toCompletableFuture().join()));

        assertThat(answer.get()).isEqualTo("answer to q");
        SpanData served = tracing.awaitSpanOf(server);
        assertThat(served.getParentSpanContext()).isEqualTo(caller.getSpanContext());
        assertThat(served.getName()).isEqualTo("receive Question");
    }

    /** What the asking actor of {@link #anAskFromInsideAnActorMakesTheServersSpanTheChildOfTheAskersSpan} gets. */
    sealed interface Client {
        record Start(ActorRef<String> done) implements Client {}

        record Answered(String answer, ActorRef<String> done) implements Client {}
    }

    @Test
    void anAskFromInsideAnActorMakesTheServersSpanTheChildOfTheAskersSpan() {
        ActorRef<Question> server = kit.spawn(answering(), "server");
        ActorRef<Client> client = kit.spawn(Behaviors.<Client>receive((ctx, message) -> {
            switch (message) {
                case Client.Start(var done) -> ctx.<Question, String>ask(server, replyTo -> new Question("q", replyTo),
                        TIMEOUT, (answer, failure) -> new Client.Answered(answer, done));
                case Client.Answered(var answer, var done) -> done.tell(answer);
            }
            return Behaviors.same();
        }), "client");
        TestProbe<String> done = kit.createTestProbe();

        client.tell(new Client.Start(done.ref()));
        done.expectMessage("answer to q");

        SpanData asking = tracing.awaitSpanOf(client);
        SpanData served = tracing.awaitSpanOf(server);
        assertThat(asking.getName()).isEqualTo("receive Start");
        assertThat(served.getParentSpanContext()).isEqualTo(asking.getSpanContext());
        assertThat(served.getAttributes().get(Tracing.SENDER_PATH)).isEqualTo(client.path().toString());
    }

    @Test
    void aFailingHandlersSpanHasErrorStatusAndTheException() {
        ActorRef<Hop> failing = kit.spawn(Behaviors.<Hop>receiveMessage(hop -> {
            throw new IllegalStateException("cannot hop " + hop.payload());
        }), "failing");

        failing.tell(new Hop("x"));

        SpanData span = tracing.awaitSpanOf(failing);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getEvents()).singleElement().satisfies(event -> {
            assertThat(event.getName()).isEqualTo("exception");
            assertThat(event.getAttributes().asMap().values())
                    .contains(IllegalStateException.class.getName(), "cannot hop x");
        });
    }

    @Test
    void messagesSentOutsideAnySpanStartNewTraces() {
        TestProbe<Hop> end = kit.createTestProbe();
        ActorRef<Hop> relay = kit.spawn(relayTo(end.ref()), "relay");

        relay.tell(new Hop("first"));
        relay.tell(new Hop("second"));
        end.receiveMessages(2);

        SpanData first = tracing.awaitSpanOf(relay, 1);
        SpanData second = tracing.awaitSpanOf(relay, 2);
        assertThat(first.getParentSpanContext().isValid()).isFalse();
        assertThat(second.getParentSpanContext().isValid()).isFalse();
        assertThat(first.getTraceId()).isNotEqualTo(second.getTraceId());
    }

    @Test
    void aSendCarriesNothingWithoutASpanOrBaggage() {
        MessageHook hook = Tracing.hook(tracing.openTelemetry());
        Span span = tracing.startTestSpan("some span");

        Object bare = hook.onSend(null, null, new Hop("x")); // the hook reads neither path on send
        Object withSpan = withCurrent(Context.current().with(span), () -> hook.onSend(null, null, new Hop("x")));
        span.end();
        Object withBaggage = withCurrent(Context.current().with(Baggage.builder().put("tenant", "t-1").build()),
                () -> hook.onSend(null, null, new Hop("x")));

        assertThat(bare).isNull();
        assertThat(withSpan).isNotNull();
        assertThat(withBaggage).isNotNull();
    }

    @Test
    void theMessagesSpanAndTheSendersBaggageAreCurrentOnlyWhileItIsProcessed() {
        // On the calling-thread dispatcher the actor's turn runs inside tell, on this thread.
        AtomicReference<SpanContext> currentInside = new AtomicReference<>();
        AtomicReference<String> baggageInside = new AtomicReference<>();
        ActorRef<Hop> observer = kit.spawn(Behaviors.<Hop>receiveMessage(hop -> {
            currentInside.set(Span.current().getSpanContext());
            baggageInside.set(Baggage.current().getEntryValue("tenant"));
            return Behaviors.same();
        }), "observer", Props.empty().withDispatcher(
                DispatcherSelector.fromSettings(HookOnlyInstrumentation.CALLING_THREAD)));
        Context sending = Context.current().with(Baggage.builder().put("tenant", "t-1").build());

        Context afterTell = withCurrent(sending, () -> {
            observer.tell(new Hop("x"));
            return Context.current();
        });

        assertThat(afterTell).isSameAs(sending);
        assertThat(currentInside.get()).isEqualTo(tracing.awaitSpanOf(observer).getSpanContext());
        assertThat(baggageInside.get()).isEqualTo("t-1");
    }
}
