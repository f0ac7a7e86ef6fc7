package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Many producers hammer one actor while it is stopped: every message is processed or becomes a dead letter,
 * exactly once.
 *
 * <p>Each producer sends its main stream while the stop happens (the race under test), then, once the actor
 * is known to be dead, a short tail: so every round is sure to have both processed messages and dead letters,
 * whatever the thread scheduling.
 */
class MailboxStressTest {
    static final int PRODUCERS = 4;
    // Sized for the whole mailbox × dispatcher matrix (24 combinations): each gets a short run, together a long
    // one. Raise with -Dtroupe.stress.rounds for a longer soak.
    static final int PER_PRODUCER = 100_000;
    static final int TAIL = 1_000;
    static final int ROUNDS = Integer.getInteger("troupe.stress.rounds", 2);

    record Item(int id) {}

    static Behavior<Item> consumer(AtomicIntegerArray seen, LongAdder processed, int stopAfter) {
        return Behaviors.receiveMessage(item -> {
            seen.incrementAndGet(item.id());
            processed.increment();
            return processed.sum() >= stopAfter ? Behaviors.stopped() : Behaviors.same();
        });
    }

    static Behavior<DeadLetter> deadLetterSink(AtomicIntegerArray seen, LongAdder deadItems) {
        return Behaviors.receiveMessage(d -> {
            if (d.message() instanceof Item(int id)) {
                seen.incrementAndGet(id);
                deadItems.increment();
            }
            return Behaviors.same();
        });
    }

    @ParameterizedTest
    @MethodSource("dev.troupe.actor.RuntimeMatrix#props")
    void everyMessageIsProcessedOrADeadLetterExactlyOnceWhenTheActorIsStoppedByItsParentMidStream(Props props)
            throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            runRound(props, Integer.MAX_VALUE, true);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.troupe.actor.RuntimeMatrix#props")
    void everyMessageIsProcessedOrADeadLetterExactlyOnceWhenTheActorStopsItselfMidStream(Props props)
            throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            runRound(props, PRODUCERS * PER_PRODUCER / 8, false);
        }
    }

    private void runRound(Props props, int stopAfter, boolean stopFromParent) throws Exception {
        int perProducer = PER_PRODUCER + TAIL;
        int total = PRODUCERS * perProducer;
        AtomicIntegerArray seen = new AtomicIntegerArray(total);
        LongAdder processed = new LongAdder();
        LongAdder deadItems = new LongAdder();
        try (TestSystem sys = TestSystem.create("stress")) {
            ActorRef<DeadLetter> sink = sys.spawn(deadLetterSink(seen, deadItems));
            sys.system().eventStream().subscribe(DeadLetter.class, sink);
            ActorRef<Item> target = sys.spawn(consumer(seen, processed, stopAfter), "target", props);
            Probe<Object> watch = sys.probe();
            ActorRef<Watcher.Cmd> watcher = sys.spawn(Watcher.behavior(watch.ref()));
            watcher.tell(new Watcher.Cmd.Watch(target));
            watch.receive(Watcher.Watching.class);

            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch targetDead = new CountDownLatch(1);
            List<Thread> producers = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                int base = p * perProducer;
                producers.add(Thread.ofPlatform().name("producer-" + p).start(() -> {
                    try {
                        go.await();
                        for (int i = 0; i < PER_PRODUCER; i++) {
                            target.tell(new Item(base + i));
                        }
                        if (targetDead.await(60, TimeUnit.SECONDS)) {
                            for (int i = PER_PRODUCER; i < perProducer; i++) {
                                target.tell(new Item(base + i));
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            go.countDown();
            if (stopFromParent) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (processed.sum() < PER_PRODUCER / 2 && System.nanoTime() < deadline) {
                    Thread.onSpinWait(); // stop as soon as possible, while the producers are still sending
                }
                sys.inGuardian(ctx -> ctx.stop(target));
            }
            assertThat(watch.receive()).isEqualTo(Watcher.terminated(target));
            targetDead.countDown();
            for (Thread t : producers) {
                assertThat(t.join(Duration.ofSeconds(60))).isTrue();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> processed.sum() + deadItems.sum() >= total);
            assertThat(processed.sum() + deadItems.sum()).isEqualTo(total);
            assertThat(processed.sum()).isPositive();
            assertThat(deadItems.sum()).isGreaterThanOrEqualTo(PRODUCERS * TAIL);
            for (int id = 0; id < total; id++) {
                if (seen.get(id) != 1) {
                    throw new AssertionError("message " + id + " was seen " + seen.get(id) + " times");
                }
            }
            assertThat(sys.system().deadLetterCount()).isEqualTo(deadItems.sum());
        }
    }
}
