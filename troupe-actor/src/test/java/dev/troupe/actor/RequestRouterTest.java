package dev.troupe.actor;

import dev.troupe.actor.routing.RequestRouter;
import dev.troupe.actor.routing.Routers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scatter-gather and tail-chopping: first reply wins, with virtual time from a manual scheduler. */
class RequestRouterTest {
    private final ManualScheduler scheduler = new ManualScheduler();
    private final TestSystem system = TestSystem.create("requests", TestSystem.settings().scheduler(() -> scheduler)
            .build());

    @AfterEach
    void tearDown() {
        system.close();
    }

    record GetQuote(String item, ActorRef<String> replyTo) {}

    sealed interface Service {
        record Request(GetQuote quote) implements Service {}
        record Answer() implements Service {}
    }

    /**
     * A service that reports each request it receives to {@code seen} and holds it; it answers the oldest one
     * (with its own name) only when told {@link Service.Answer}.
     */
    static Behavior<Service> service(String name, ActorRef<String> seen) {
        return Behaviors.setup(ctx -> {
            java.util.ArrayDeque<GetQuote> held = new java.util.ArrayDeque<>();
            return Behaviors.receiveMessage(msg -> {
                switch (msg) {
                    case Service.Request(var q) -> {
                        held.add(q);
                        seen.tell(name);
                    }
                    case Service.Answer() -> {
                        GetQuote q = held.poll();
                        if (q != null) {
                            q.replyTo().tell(q.item() + " from " + name);
                        }
                    }
                }
                return Behaviors.same();
            });
        });
    }

    private List<ActorRef<Service>> services(Probe<String> seen, String... names) {
        return java.util.Arrays.stream(names).map(n -> system.spawn(service(n, seen.ref()), n)).toList();
    }

    /** A ref that takes requests and forwards them to {@code service}. */
    private ActorRef<GetQuote> front(ActorRef<Service> service) {
        return system.spawn(Behaviors.<GetQuote>receiveMessage(q -> {
            service.tell(new Service.Request(q));
            return Behaviors.same();
        }));
    }

    @Test
    void scatterGatherSendsToAllAndTheFirstReplyWins() {
        Probe<String> seen = system.probe();
        List<ActorRef<Service>> svc = services(seen, "a", "b", "c");
        List<ActorRef<GetQuote>> routees = svc.stream().map(this::front).toList();
        // tag::scatter-gather[]
        RequestRouter<GetQuote> quotes = Routers.scatterGather(routees, Duration.ofSeconds(2),
                system.system().scheduler());
        CompletionStage<String> best = quotes.ask(replyTo -> new GetQuote("book", replyTo));
        // end::scatter-gather[]

        assertThat(seen.receiveN(3)).containsExactlyInAnyOrder("a", "b", "c");
        svc.get(1).tell(new Service.Answer());
        assertThat(TestSystem.await(best)).isEqualTo("book from b");
        svc.get(0).tell(new Service.Answer()); // a late reply is discarded, not a dead letter
        svc.get(2).tell(new Service.Answer());
        assertThat(TestSystem.await(best)).isEqualTo("book from b");
    }

    @Test
    void scatterGatherTimesOutWithoutAReply() {
        Probe<String> seen = system.probe();
        List<ActorRef<GetQuote>> routees = services(seen, "a", "b").stream().map(this::front).toList();
        RequestRouter<GetQuote> quotes = Routers.scatterGather(routees, Duration.ofSeconds(2),
                system.system().scheduler());

        CompletableFuture<String> result = quotes.<String>ask(replyTo -> new GetQuote("pen", replyTo))
                .toCompletableFuture();
        seen.receiveN(2);
        scheduler.advance(Duration.ofMillis(1999));
        assertThat(result).isNotDone();
        scheduler.advance(Duration.ofMillis(1));

        assertThatThrownBy(result::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void tailChoppingTriesTheNextRouteeAfterEachIntervalAndStopsAtTheFirstReply() {
        Probe<String> seen = system.probe();
        List<ActorRef<Service>> svc = services(seen, "a", "b", "c");
        List<ActorRef<GetQuote>> routees = svc.stream().map(this::front).toList();
        // tag::tail-chopping[]
        RequestRouter<GetQuote> quotes = Routers.tailChopping(routees, Duration.ofMillis(100),
                Duration.ofSeconds(1), system.system().scheduler());
        // end::tail-chopping[]

        CompletableFuture<String> result = quotes.<String>ask(replyTo -> new GetQuote("lamp", replyTo))
                .toCompletableFuture();
        assertThat(seen.receive()).isEqualTo("a");
        scheduler.advance(Duration.ofMillis(99));
        seen.expectNoMessage(Duration.ofMillis(50));
        scheduler.advance(Duration.ofMillis(1));
        assertThat(seen.receive()).isEqualTo("b");

        svc.get(1).tell(new Service.Answer());
        assertThat(TestSystem.await(result)).isEqualTo("lamp from b");
        assertThat(scheduler.pendingTasks()).as("the send to c and the time-out are cancelled")
                .isLessThanOrEqualTo(2); // only the two asks' own time-outs may remain
        scheduler.advance(Duration.ofSeconds(1));
        seen.expectNoMessage(Duration.ofMillis(50)); // c never asked
    }

    @Test
    void tailChoppingTimesOutWhenNobodyAnswers() {
        Probe<String> seen = system.probe();
        List<ActorRef<GetQuote>> routees = services(seen, "a", "b").stream().map(this::front).toList();
        RequestRouter<GetQuote> quotes = Routers.tailChopping(routees, Duration.ofMillis(300),
                Duration.ofMillis(500), system.system().scheduler());

        CompletableFuture<String> result = quotes.<String>ask(replyTo -> new GetQuote("cup", replyTo))
                .toCompletableFuture();
        assertThat(seen.receive()).isEqualTo("a"); // before moving time: "a" is asked asynchronously
        scheduler.advance(Duration.ofMillis(300));
        assertThat(seen.receive()).isEqualTo("b");
        scheduler.advance(Duration.ofMillis(200));

        assertThatThrownBy(result::get).hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void rejectsBadArguments() {
        Scheduler s = system.system().scheduler();
        assertThatThrownBy(() -> Routers.scatterGather(List.<ActorRef<GetQuote>>of(), Duration.ofSeconds(1), s))
                .isInstanceOf(IllegalArgumentException.class);
        ActorRef<GetQuote> one = system.system().deadLetters();
        assertThatThrownBy(() -> Routers.scatterGather(List.of(one), Duration.ZERO, s))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Routers.tailChopping(List.of(one), Duration.ofMillis(-1), Duration.ofSeconds(1), s))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
