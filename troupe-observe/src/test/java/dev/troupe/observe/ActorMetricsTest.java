package dev.troupe.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.Dropped;
import dev.troupe.actor.MailboxSelector;
import dev.troupe.actor.Props;
import dev.troupe.actor.SupervisorStrategy;
import dev.troupe.actor.instrument.InstrumentedActor;
import dev.troupe.actor.instrument.MessageHook;
import dev.troupe.testkit.ActorTestKit;
import dev.troupe.testkit.TestProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link ActorMetrics} counts and the queries of the observer: counts, histograms, tree, hottest, stop. */
class ActorMetricsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private MetricsFixture fx;

    @BeforeEach
    void start() {
        fx = new MetricsFixture("metrics", MetricsFixture.everyMessage().build());
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    record Work(int n, ActorRef<Integer> replyTo) {}

    private static Behavior<Work> echo() {
        return Behaviors.receiveMessage(work -> {
            work.replyTo().tell(work.n());
            return Behaviors.same();
        });
    }

    @Test
    void countsEqualWhatWasSentAndSurviveTheActorsStopping() {
        TestProbe<Integer> replies = fx.kit.createTestProbe();
        List<ActorRef<Work>> workers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            workers.add(fx.kit.spawn(echo(), "worker-" + i, Props.empty().withActorType("worker")));
        }
        for (int n = 0; n < 100; n++) {
            for (ActorRef<Work> worker : workers) {
                worker.tell(new Work(n, replies.ref()));
            }
        }
        replies.receiveMessages(300);

        ActorTypeSnapshot worker = fx.type("worker");
        assertThat(worker.actorsAlive()).isEqualTo(3);
        assertThat(worker.actorsSpawned()).isEqualTo(3);
        assertThat(worker.actorsStopped()).isZero();
        assertThat(worker.messagesProcessed()).isEqualTo(300);
        // A sample is recorded after its message's handler returns, so after the reply: wait for the last ones.
        await().atMost(DEADLINE).untilAsserted(() -> {
            ActorTypeSnapshot t = fx.type("worker");
            assertThat(t.mailboxTime().count()).isEqualTo(300);
            assertThat(t.processingTime().count()).isEqualTo(300);
            assertThat(t.mailboxDepths().count()).isEqualTo(300);
        });
        ActorTypeSnapshot sampled = fx.type("worker");
        assertThat(sampled.processingTime().p50()).isPositive().isLessThanOrEqualTo(sampled.processingTime().p99());
        assertThat(sampled.processingTime().max()).isGreaterThanOrEqualTo(sampled.processingTime().p99());
        assertThat(sampled.averageMemoryBytes()).isPositive();

        fx.kit.stop(workers.get(0));
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(fx.type("worker").actorsStopped()).isEqualTo(1));
        ActorTypeSnapshot afterStop = fx.type("worker");
        assertThat(afterStop.actorsAlive()).isEqualTo(2);
        assertThat(afterStop.messagesProcessed()).as("the stopped actor's 100 are kept").isEqualTo(300);
    }

    @Test
    void theMonitorStopsWhenTheSystemTerminates() {
        assertThat(fx.time.scheduledCount()).as("the alert monitor").isEqualTo(1);

        fx.close();

        await().atMost(DEADLINE).until(() -> fx.time.scheduledCount() == 0);
        assertThat(fx.metrics.snapshot().actorTypes()).as("still readable").isNotEmpty();
    }

    @Test
    void aMessageHookRidesAlongWithTheMetrics() {
        LongAdder sends = new LongAdder();
        MessageHook counting = new MessageHook() {
            @Override
            public Object onSend(ActorPath sender, ActorPath recipient, Object message) {
                sends.increment();
                return null;
            }

            @Override
            public Object beforeReceive(InstrumentedActor actor, Object message, Object carried) {
                return null;
            }

            @Override
            public void afterReceive(InstrumentedActor actor, Object token, Throwable failure) {}
        };
        ActorMetrics hooked = ActorMetrics.create().withMessageHook(counting);
        ActorTestKit kit = ActorTestKit.create("hooked", ActorSystemSettings.builder().instrumentation(hooked).build());
        try {
            ActorRef<Work> echo = kit.spawn(echo(), "echo", Props.empty().withActorType("echo"));
            TestProbe<Integer> replies = kit.createTestProbe();
            for (int n = 0; n < 10; n++) {
                echo.tell(new Work(n, replies.ref()));
            }
            replies.receiveMessages(10);

            assertThat(hooked.messageHook()).isSameAs(counting);
            assertThat(sends.sum()).as("10 works and 10 replies, at least").isGreaterThanOrEqualTo(20);
            assertThat(hooked.snapshot().actorTypes()).filteredOn(t -> t.actorType().equals("echo"))
                    .singleElement().extracting(ActorTypeSnapshot::messagesProcessed).isEqualTo(10L);
        } finally {
            kit.shutdown();
        }
    }

    @Test
    void theTreeListsChildrenByNameAndFindsPrintedPaths() {
        TestProbe<String> ready = fx.kit.createTestProbe();
        Behavior<Void> withLeaf = Behaviors.setup(ctx -> {
            ctx.spawn(Behaviors.ignore(), "leaf");
            ready.ref().tell("b");
            return Behaviors.ignore();
        });
        ActorRef<Void> parent = fx.kit.spawn(Behaviors.setup(ctx -> {
            ctx.spawn(Behaviors.ignore(), "c");
            ctx.spawn(Behaviors.ignore(), "a");
            ctx.spawn(withLeaf, "b");
            ready.ref().tell("parent");
            return Behaviors.ignore();
        }), "parent");
        assertThat(ready.receiveMessages(2)).containsExactlyInAnyOrder("parent", "b");

        assertThat(names(fx.metrics.children(parent.path(), 10))).containsExactly("a", "b", "c");
        assertThat(names(fx.metrics.children(parent.path(), 2))).containsExactly("a", "b");
        ActorPath root = ActorPath.root("metrics");
        assertThat(names(fx.metrics.children(root, 5))).containsExactly("user");
        ActorPath b = fx.metrics.findPath("troupe://metrics/user/parent/b").orElseThrow();
        assertThat(fx.metrics.actor(b).orElseThrow().childCount()).isEqualTo(1);
        ActorSnapshot leaf = fx.metrics.children(b, 1).get(0);
        assertThat(leaf.path().elements()).containsExactly("user", "parent", "b", "leaf");
        assertThat(fx.metrics.findPath(leaf.path().toStringWithUid())).contains(leaf.path());
        assertThat(fx.metrics.findPath(leaf.path().toString())).contains(leaf.path());

        assertThat(fx.metrics.findPath("troupe://metrics/user/parent/nobody")).isEmpty();
        assertThat(fx.metrics.findPath(leaf.path().toString() + "#12345")).as("a uid of no actor").isEmpty();
        assertThat(fx.metrics.findPath("troupe://other/user")).isEmpty();
        assertThat(fx.metrics.findPath("not a path")).isEmpty();
        assertThat(fx.metrics.actor(parent.path().child("nobody", 1))).isEmpty();
    }

    private static List<String> names(List<ActorSnapshot> actors) {
        return actors.stream().map(a -> a.path().name()).toList();
    }

    @Test
    void stopByPathStopsTheActorAndItLeavesTheTree() {
        ActorRef<Work> victim = fx.kit.spawn(echo(), "victim");
        TestProbe<Void> watcher = fx.kit.createTestProbe();
        assertThat(fx.metrics.actor(victim.path())).isPresent();

        assertThat(fx.metrics.stop(victim.path())).isTrue();

        watcher.expectTerminated(victim);
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(fx.metrics.actor(victim.path())).isEmpty());
        assertThat(names(fx.metrics.children(victim.path().parent(), 100))).doesNotContain("victim");
        assertThat(fx.metrics.stop(victim.path())).as("nothing left to stop").isFalse();
    }

    @Test
    void hottestByMailboxDepthRanksTheDeepestFirst() {
        List<MetricsFixture.HeldGate> gates = List.of(fx.heldGate("deep", "gate", Props.empty(), 5),
                fx.heldGate("middle", "gate", Props.empty(), 3), fx.heldGate("shallow", "gate", Props.empty(), 1));

        List<ActorSnapshot> hottest = fx.metrics.hottestByMailboxDepth(2);

        assertThat(names(hottest)).containsExactly("deep", "middle");
        assertThat(hottest).extracting(ActorSnapshot::mailboxDepth).containsExactly(5, 3);
        assertThat(fx.type("gate").currentMailboxDepth()).isEqualTo(9);
        gates.forEach(gate -> gate.release().countDown());
    }

    @Test
    void hottestByProcessingTimeRanksTheLongestFirst() {
        // Each hold starts after and ends before the one around it, so their processing times are strictly nested.
        TestProbe<String> entered = fx.kit.createTestProbe();
        List<String> outermostFirst = List.of("long", "medium", "short");
        List<ActorRef<Object>> gates = new ArrayList<>();
        List<CountDownLatch> releases = new ArrayList<>();
        for (String name : outermostFirst) {
            ActorRef<Object> gate = fx.gate(name, "timed-gate", Props.empty());
            CountDownLatch release = new CountDownLatch(1);
            gate.tell(new MetricsFixture.Hold(entered.ref(), name, release));
            entered.expectMessage(name);
            gates.add(gate);
            releases.add(release);
        }
        for (int i = outermostFirst.size() - 1; i >= 0; i--) {
            releases.get(i).countDown();
            ActorPath path = gates.get(i).path();
            await().atMost(DEADLINE).until(() -> fx.metrics.actor(path).orElseThrow().estimatedProcessingNanos() > 0);
        }

        // The kit's guardian and probes are ranked too: look at the gates among the first ten.
        List<ActorSnapshot> gatesRanked = fx.metrics.hottestByProcessingTime(10).stream()
                .filter(actor -> actor.actorType().equals("timed-gate")).toList();
        assertThat(names(gatesRanked)).containsExactly("long", "medium", "short");
    }

    /** Restarts on any failure: {@code Work(-1)} throws IllegalStateException, other negatives IllegalArgument. */
    private static Behavior<Work> fragile() {
        return Behaviors.supervise(Behaviors.<Work>receiveMessage(work -> {
            if (work.n() < 0) {
                throw work.n() == -1 ? new IllegalStateException("minus one") : new IllegalArgumentException("other");
            }
            work.replyTo().tell(work.n());
            return Behaviors.same();
        })).onFailure(RuntimeException.class, SupervisorStrategy.restart());
    }

    @Test
    void failuresAndRestartsAreCountedByCause() {
        TestProbe<Integer> replies = fx.kit.createTestProbe();
        ActorRef<Work> actor = fx.kit.spawn(fragile(), "fragile", Props.empty().withActorType("fragile"));

        for (int n : new int[] {-1, -2, -1}) {
            actor.tell(new Work(n, replies.ref()));
        }
        actor.tell(new Work(7, replies.ref()));
        replies.expectMessage(7);

        await().atMost(DEADLINE).untilAsserted(() -> {
            ActorTypeSnapshot t = fx.type("fragile");
            Map<String, Long> expected = Map.of(IllegalStateException.class.getName(), 2L,
                    IllegalArgumentException.class.getName(), 1L);
            assertThat(t.failuresByCause()).isEqualTo(expected);
            assertThat(t.restartsByCause()).isEqualTo(expected);
        });
        assertThat(fx.metrics.recentRestarts()).extracting(ActorMetrics.Restart::cause).containsExactly(
                IllegalStateException.class.getName(), IllegalArgumentException.class.getName(),
                IllegalStateException.class.getName());
        assertThat(fx.metrics.recentRestarts().get(0).causeMessage()).isEqualTo("minus one");
        assertThat(fx.metrics.recentRestarts().get(0).actor()).isEqualTo(actor.path());
    }

    @Test
    void recentRestartsKeepTheLatestOnly() {
        try (MetricsFixture small = new MetricsFixture("recent", MetricsFixture.everyMessage()
                .recentEventsCapacity(2).build())) {
            TestProbe<Integer> replies = small.kit.createTestProbe();
            ActorRef<Work> actor = small.kit.spawn(fragile(), "fragile");
            for (int n : new int[] {-1, -2, -2}) {
                actor.tell(new Work(n, replies.ref()));
            }
            actor.tell(new Work(7, replies.ref()));
            replies.expectMessage(7);

            await().atMost(DEADLINE).until(() -> small.metrics.recentRestarts().stream()
                    .allMatch(restart -> restart.cause().equals(IllegalArgumentException.class.getName())));
            assertThat(small.metrics.recentRestarts()).hasSize(2)
                    .extracting(ActorMetrics.Restart::restartCount).containsExactly(2, 3);
        }
    }

    @Test
    void deadLettersAndDropsAreCountedByMessageClass() {
        ActorRef<Work> gone = fx.kit.spawn(echo(), "gone");
        fx.kit.stop(gone);
        TestProbe<Integer> nobody = fx.kit.createTestProbe();
        for (int i = 0; i < 3; i++) {
            gone.tell(new Work(i, nobody.ref()));
        }
        gone.unsafeUpcast().tell("not even a Work");

        MetricsFixture.HeldGate full = fx.heldGate("full", "gate",
                Props.empty().withMailbox(MailboxSelector.bounded(2, MailboxSelector.OverflowStrategy.DROP_NEWEST)), 0);
        for (int i = 0; i < 5; i++) {
            full.ref().tell(new Work(i, nobody.ref()));
        }

        await().atMost(DEADLINE).untilAsserted(() -> {
            MetricsSnapshot snapshot = fx.metrics.snapshot();
            assertThat(snapshot.deadLettersByMessage()).containsEntry(Work.class.getName(), 3L)
                    .containsEntry(String.class.getName(), 1L);
            assertThat(snapshot.droppedByMessage())
                    .containsEntry(Work.class.getName(), Map.of(Dropped.Reason.DROPPED_NEWEST, 3L));
            assertThat(snapshot.dropped()).isEqualTo(3);
        });
        assertThat(fx.metrics.snapshot().systemName()).isEqualTo("metrics");
        full.release().countDown();
    }
}
