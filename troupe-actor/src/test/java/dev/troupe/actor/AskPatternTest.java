package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.actor.internal.DefaultScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** AskPattern.ask: replies, time-outs, argument checks, late replies and clean-up. */
class AskPatternTest {

    sealed interface Req {
        record Echo(int n, ActorRef<Integer> replyTo) implements Req {}
        record Hold(ActorRef<Integer> replyTo) implements Req {}
        record ReplyNow(int n) implements Req {}
    }

    static Behavior<Req> server() {
        List<ActorRef<Integer>> held = new ArrayList<>();
        return Behaviors.receiveMessage(msg -> {
            switch (msg) {
                case Req.Echo(int n, var replyTo) -> replyTo.tell(n);
                case Req.Hold(var replyTo) -> held.add(replyTo);
                case Req.ReplyNow(int n) -> held.forEach(r -> r.tell(n));
            }
            return Behaviors.same();
        });
    }

    @Test
    void askCompletesWithTheReply() {
        try (TestSystem sys = TestSystem.create("ask")) {
            ActorRef<Req> server = sys.spawn(server());
            CompletionStage<Integer> reply = AskPattern.ask(server, r -> new Req.Echo(7, r), Duration.ofSeconds(10),
                    sys.system().scheduler());
            assertThat(TestSystem.await(reply)).isEqualTo(7);
        }
    }

    @Test
    void askWithoutReplyFailsWithATimeoutExceptionNamingTheTargetAndMessageType() {
        ManualScheduler scheduler = new ManualScheduler();
        try (TestSystem sys = TestSystem.create("asktimeout",
                TestSystem.settings().scheduler(() -> scheduler).build())) {
            ActorRef<Req> server = sys.spawn(server(), "server");
            CompletableFuture<Integer> reply = AskPattern.<Req, Integer>ask(server, Req.Hold::new,
                    Duration.ofMillis(500), scheduler).toCompletableFuture();
            scheduler.advance(Duration.ofMillis(499));
            assertThat(reply).isNotDone();
            scheduler.advance(Duration.ofMillis(1));
            assertThatThrownBy(() -> reply.get(0, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(TimeoutException.class)
                    .hasMessageContaining(server.path().toString())
                    .hasMessageContaining(Req.Hold.class.getName());
        }
    }

    @Test
    void aReplyAfterTheTimeoutIsADeadLetterToTheTemporaryRef() {
        ManualScheduler scheduler = new ManualScheduler();
        try (TestSystem sys = TestSystem.create("asklate",
                TestSystem.settings().scheduler(() -> scheduler).build())) {
            Probe<DeadLetter> deadLetters = sys.probe();
            sys.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
            ActorRef<Req> server = sys.spawn(server());
            CompletableFuture<Integer> reply = AskPattern.<Req, Integer>ask(server, Req.Hold::new,
                    Duration.ofSeconds(1), scheduler).toCompletableFuture();
            scheduler.advance(Duration.ofSeconds(1));
            assertThat(reply).isCompletedExceptionally();
            server.tell(new Req.ReplyNow(99));
            DeadLetter d = deadLetters.receive();
            assertThat(d.message()).isEqualTo(99);
            assertThat(d.recipient().path().toString()).startsWith("troupe://" + sys.system().name() + "/temp/");
            assertThat(sys.system().deadLetterCount()).isEqualTo(1);
        }
    }

    @Test
    void onlyTheFirstReplyCompletesTheAskAndLaterOnesAreDeadLetters() {
        try (TestSystem sys = TestSystem.create("asktwice")) {
            Probe<DeadLetter> deadLetters = sys.probe();
            sys.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
            ActorRef<ActorRef<Integer>> twice = sys.spawn(Behaviors.receiveMessage(r -> {
                r.tell(1);
                r.tell(2);
                return Behaviors.same();
            }));
            assertThat(sys.<ActorRef<Integer>, Integer>ask(twice, r -> r)).isEqualTo(1);
            assertThat(deadLetters.receive().message()).isEqualTo(2);
        }
    }

    @Test
    void aNonPositiveTimeoutIsRejected() {
        try (TestSystem sys = TestSystem.create("askargs")) {
            ActorRef<Req> server = sys.spawn(server());
            assertThatThrownBy(() -> AskPattern.<Req, Integer>ask(server, Req.Hold::new, Duration.ZERO,
                    sys.system().scheduler())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> AskPattern.<Req, Integer>ask(server, Req.Hold::new, Duration.ofMillis(-1),
                    sys.system().scheduler())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> AskPattern.<Req, Integer>ask(server, r -> null, Duration.ofSeconds(1),
                    sys.system().scheduler())).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining(server.path().toString());
            assertThat(((DefaultScheduler) sys.system().scheduler()).pendingTasks()).isZero();
        }
    }

    @Test
    void aMillionAsksLeaveNoPendingSchedulerTask() {
        try (TestSystem sys = TestSystem.create("askmillion")) {
            ActorRef<Req> server = sys.spawn(server());
            Scheduler scheduler = sys.system().scheduler();
            int total = 1_000_000;
            int window = 10_000;
            long sum = 0;
            for (int start = 0; start < total; start += window) {
                List<CompletableFuture<Integer>> replies = new ArrayList<>(window);
                for (int i = start; i < start + window; i++) {
                    int n = i;
                    replies.add(AskPattern.<Req, Integer>ask(server, r -> new Req.Echo(n, r), Duration.ofSeconds(30),
                            scheduler).toCompletableFuture());
                }
                for (CompletableFuture<Integer> reply : replies) {
                    sum += TestSystem.await(reply);
                }
            }
            assertThat(sum).isEqualTo((long) total * (total - 1) / 2);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> ((DefaultScheduler) scheduler).pendingTasks() == 0);
            assertThat(sys.system().deadLetterCount()).isZero();
        }
    }
}
