package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.actor.MailboxSelector.OverflowStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bounded, priority and control-aware mailboxes, offer and put, and batching, with exact counts. */
class MailboxKindsTest {
    private TestSystem sys;

    @BeforeEach
    void start() {
        sys = TestSystem.create("mailboxes", TestSystem.settings().deadLetterLogLimit(0).build());
    }

    @AfterEach
    void stop() {
        sys.close();
    }

    sealed interface Cmd {
        /** Blocks the consumer until {@code release} opens, after opening {@code blocked}. */
        record Pause(CountDownLatch blocked, CountDownLatch release) implements Cmd {}

        record Num(int n) implements Cmd {}

        record Urgent(int n) implements Cmd, ControlMessage {}

        record Payload(byte[] bytes) implements Cmd {}
    }

    /** Reports every number it processes (Num and Urgent, urgent ones negated). */
    private static Behavior<Cmd> consumer(ActorRef<Integer> processed) {
        return Behaviors.receiveMessage(msg -> {
            switch (msg) {
                case Cmd.Pause(var blocked, var release) -> {
                    blocked.countDown();
                    assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                }
                case Cmd.Num(int n) -> processed.tell(n);
                case Cmd.Urgent(int n) -> processed.tell(-n);
                case Cmd.Payload p -> { }
            }
            return Behaviors.same();
        });
    }

    /** Spawns a consumer with {@code mailbox} and blocks it inside its first message. */
    private ActorRef<Cmd> pausedConsumer(MailboxSelector mailbox, ActorRef<Integer> processed,
                                         CountDownLatch release) throws InterruptedException {
        ActorRef<Cmd> consumer = sys.spawn(consumer(processed), Props.empty().withMailbox(mailbox));
        CountDownLatch blocked = new CountDownLatch(1);
        consumer.tell(new Cmd.Pause(blocked, release));
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        return consumer;
    }

    @ParameterizedTest
    @EnumSource(OverflowStrategy.class)
    void capacity100WithTheConsumerPausedKeeps100Of1000AndReportsExactly900(OverflowStrategy overflow)
            throws Exception {
        Probe<Integer> processed = sys.probe();
        Probe<Dropped> dropped = sys.probe();
        sys.system().eventStream().subscribe(Dropped.class, dropped.ref());
        CountDownLatch release = new CountDownLatch(1);
        ActorRef<Cmd> consumer = pausedConsumer(MailboxSelector.bounded(100, overflow), processed.ref(), release);

        Map<OfferResult, Integer> results = new EnumMap<>(OfferResult.class);
        for (int n = 1; n <= 1_000; n++) {
            results.merge(consumer.offer(new Cmd.Num(n)), 1, Integer::sum);
        }
        release.countDown();

        switch (overflow) {
            case DROP_NEWEST -> assertThat(results).containsExactlyInAnyOrderEntriesOf(
                    Map.of(OfferResult.ENQUEUED, 100, OfferResult.DROPPED, 900));
            case REJECT -> assertThat(results).containsExactlyInAnyOrderEntriesOf(
                    Map.of(OfferResult.ENQUEUED, 100, OfferResult.REJECTED, 900));
            case DROP_OLDEST -> assertThat(results).containsExactlyEntriesOf(Map.of(OfferResult.ENQUEUED, 1_000));
        }
        List<Integer> survivors = overflow == OverflowStrategy.DROP_OLDEST
                ? IntStream.rangeClosed(901, 1_000).boxed().toList()
                : IntStream.rangeClosed(1, 100).boxed().toList();
        assertThat(processed.receiveN(100)).isEqualTo(survivors);
        processed.expectNoMessage(Duration.ofMillis(100));

        assertThat(sys.system().droppedCount()).isEqualTo(900);
        List<Dropped> events = dropped.receiveN(900);
        Dropped.Reason reason = switch (overflow) {
            case DROP_NEWEST -> Dropped.Reason.DROPPED_NEWEST;
            case DROP_OLDEST -> Dropped.Reason.DROPPED_OLDEST;
            case REJECT -> Dropped.Reason.REJECTED;
        };
        assertThat(events).allSatisfy(e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.recipient()).isEqualTo(consumer);
        });
        List<Integer> droppedNumbers = events.stream().map(e -> ((Cmd.Num) e.message()).n()).toList();
        assertThat(droppedNumbers).containsExactlyElementsOf(overflow == OverflowStrategy.DROP_OLDEST
                ? IntStream.rangeClosed(1, 900).boxed().toList()
                : IntStream.rangeClosed(101, 1_000).boxed().toList());
    }

    @Test
    void underTenfoldOverloadAndMoreTheMailboxAndTheHeapStayFlat() throws Exception {
        // 1 KiB per message: keeping them all would need 2 GiB, more than the test JVM has.
        CountDownLatch release = new CountDownLatch(1);
        ActorRef<Cmd> consumer = pausedConsumer(MailboxSelector.bounded(1_000, OverflowStrategy.DROP_OLDEST),
                sys.<Integer>probe().ref(), release);
        long before = usedHeapAfterGc();
        int sent = 2_000_000;
        for (int i = 0; i < sent; i++) {
            consumer.tell(new Cmd.Payload(new byte[1024]));
        }
        long growth = usedHeapAfterGc() - before;
        assertThat(((dev.troupe.actor.internal.LocalActorRef<Cmd>) consumer).mailboxSize()).isEqualTo(1_000);
        assertThat(sys.system().droppedCount()).isEqualTo(sent - 1_000);
        assertThat(growth).as("heap growth in bytes").isLessThan(64L << 20);
        release.countDown();
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    @Test
    void systemMessagesGetThroughAFullMailbox() throws Exception {
        Probe<Object> watcherEvents = sys.probe();
        ActorRef<Watcher.Cmd> watcher = sys.spawn(Watcher.behavior(watcherEvents.ref()));
        CountDownLatch release = new CountDownLatch(1);
        ActorRef<Cmd> consumer = pausedConsumer(MailboxSelector.bounded(10, OverflowStrategy.REJECT),
                sys.<Integer>probe().ref(), release);
        for (int n = 0; n < 50; n++) {
            consumer.tell(new Cmd.Num(n));
        }
        watcher.tell(new Watcher.Cmd.Watch(consumer)); // the Watch goes in through the full mailbox
        watcherEvents.receive(Watcher.Watching.class);
        long deadBefore = sys.system().deadLetterCount();
        sys.inGuardian(ctx -> ctx.stop(consumer)); // and so does the stop
        release.countDown();

        assertThat(watcherEvents.receive()).isEqualTo(Watcher.terminated(consumer));
        // the stop came before the 10 waiting messages: they are dead letters, not processed
        org.awaitility.Awaitility.await().atMost(TestSystem.TIMEOUT)
                .until(() -> sys.system().deadLetterCount() - deadBefore == 10);
        assertThat(consumer.offer(new Cmd.Num(99))).isEqualTo(OfferResult.DEAD);
    }

    @Test
    void putWaitsForRoomAndGivesUpAfterItsTimeout() throws Exception {
        Probe<Integer> processed = sys.probe();
        CountDownLatch release = new CountDownLatch(1);
        ActorRef<Cmd> consumer = pausedConsumer(MailboxSelector.bounded(1, OverflowStrategy.DROP_NEWEST),
                processed.ref(), release);
        assertThat(consumer.put(new Cmd.Num(1), Duration.ofSeconds(1))).isTrue();
        assertThat(consumer.put(new Cmd.Num(2), Duration.ofMillis(50))).isFalse(); // full: not dropped, refused

        Thread producer = Thread.ofVirtual().start(() -> {
            try {
                assertThat(consumer.put(new Cmd.Num(3), Duration.ofSeconds(30))).isTrue();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        release.countDown(); // room appears as the consumer runs; the waiting put gets in
        producer.join(Duration.ofSeconds(30));
        assertThat(processed.receiveN(2)).containsExactly(1, 3);
        assertThat(sys.system().droppedCount()).isZero();
    }

    @Test
    void putRefusesToBlockInsideAnActorAndChecksItsArguments() {
        Probe<Object> outcome = sys.probe();
        ActorRef<Cmd> target = sys.spawn(consumer(sys.<Integer>probe().ref()));
        sys.spawn(Behaviors.<String>setup(ctx -> {
            try {
                target.put(new Cmd.Num(1), Duration.ofSeconds(1));
                outcome.ref().tell("put returned");
            } catch (IllegalStateException e) {
                outcome.ref().tell(e.getMessage());
            }
            return Behaviors.empty();
        }));
        assertThat((String) outcome.receive()).contains("may not be called from inside an actor")
                .contains(target.path().toString());
        assertThatThrownBy(() -> target.put(new Cmd.Num(1), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> target.put(null, Duration.ofSeconds(1))).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aPriorityMailboxDeliversSmallerPrioritiesFirstAndEqualOnesInArrivalOrder() throws Exception {
        Probe<Integer> processed = sys.probe();
        CountDownLatch release = new CountDownLatch(1);
        // priority: the tens digit; equal priorities keep arrival order
        ActorRef<Cmd> consumer = pausedConsumer(
                MailboxSelector.priority(m -> m instanceof Cmd.Num(int n) ? n / 10 : 0), processed.ref(), release);
        for (int n : new int[] {31, 12, 35, 10, 20, 11, 33, 21}) {
            consumer.tell(new Cmd.Num(n));
        }
        release.countDown();
        assertThat(processed.receiveN(8)).containsExactly(12, 10, 11, 20, 21, 31, 35, 33);
    }

    @Test
    void aControlAwareMailboxDeliversControlMessagesFirst() throws Exception {
        Probe<Integer> processed = sys.probe();
        CountDownLatch release = new CountDownLatch(1);
        ActorRef<Cmd> consumer = pausedConsumer(MailboxSelector.controlAware(), processed.ref(), release);
        consumer.tell(new Cmd.Num(1));
        consumer.tell(new Cmd.Num(2));
        consumer.tell(new Cmd.Urgent(1));
        consumer.tell(new Cmd.Num(3));
        consumer.tell(new Cmd.Urgent(2));
        release.countDown();
        assertThat(processed.receiveN(5)).containsExactly(-1, -2, 1, 2, 3);
    }

    @Test
    void offerTellsTheSenderWhatBecameOfTheMessage() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Probe<Integer> processed = sys.probe();
        // tag::bounded-offer[]
        Props props = Props.empty().withMailbox(MailboxSelector.bounded(2, OverflowStrategy.REJECT));
        // end::bounded-offer[]
        ActorRef<Cmd> consumer = sys.spawn(consumer(processed.ref()), props);
        CountDownLatch blocked = new CountDownLatch(1);
        consumer.tell(new Cmd.Pause(blocked, release));
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        List<Integer> rejected = new ArrayList<>();
        // tag::offer[]
        for (int n = 1; n <= 3; n++) {
            switch (consumer.offer(new Cmd.Num(n))) {
                case ENQUEUED -> { }
                case REJECTED, DROPPED -> rejected.add(n); // full: slow down, retry later, or shed the load
                case DEAD -> throw new IllegalStateException("consumer has stopped");
            }
        }
        // end::offer[]
        release.countDown();
        assertThat(rejected).containsExactly(3);
        assertThat(processed.receiveN(2)).containsExactly(1, 2);
    }

    @Test
    void boundedMailboxSettingsAreChecked() {
        assertThatThrownBy(() -> MailboxSelector.bounded(0, OverflowStrategy.REJECT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
        assertThatThrownBy(() -> MailboxSelector.bounded(1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> MailboxSelector.priority(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Behaviors.batching(0, batch -> Behaviors.same()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // tag::batching[]
    sealed interface Write {
        record Row(int id) implements Write {}
    }

    /** Writes every waiting row in one go, up to 4 at a time. */
    static Behavior<Write> bulkWriter(List<List<Integer>> writes) {
        return Behaviors.batching(4, rows -> {
            writes.add(rows.stream().map(row -> switch (row) {
                case Write.Row(int id) -> id;
            }).toList());
            return Behaviors.same();
        });
    }
    // end::batching[]

    @Test
    void aBatchingBehaviorGetsTheWaitingMessagesTogetherInOrder() throws Exception {
        List<List<Integer>> writes = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ActorRef<Write> writer = sys.spawn(Behaviors.setup(ctx -> {
            // hold the actor's first turn until ten rows are waiting
            blocked.countDown();
            assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            return bulkWriter(writes);
        }));
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        for (int id = 1; id <= 10; id++) {
            writer.tell(new Write.Row(id));
        }
        release.countDown();
        org.awaitility.Awaitility.await().atMost(TestSystem.TIMEOUT).until(() -> writes.size() == 3);
        assertThat(writes).containsExactly(List.of(1, 2, 3, 4), List.of(5, 6, 7, 8), List.of(9, 10));
    }
}
