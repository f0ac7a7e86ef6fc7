package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Many producers hammer one actor while it is stopped: every message is processed or becomes a dead letter,
 * exactly once.
 */
class MailboxStressTest {
    static final int PRODUCERS = 4;
    static final int PER_PRODUCER = 250_000;
    static final int ROUNDS = 3;

    record Item(int id) {}

    sealed interface Sink {
        record Letter(DeadLetter deadLetter) implements Sink {}
    }

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
    void everyMessageIsProcessedOrADeadLetterExactlyOnceWhenTheActorIsStoppedByItsParentMidStream(Props props) {
        int racy = 0;
        for (int round = 0; round < ROUNDS; round++) {
            racy += runRound(props, Integer.MAX_VALUE, true) ? 1 : 0;
        }
        assertThat(racy).as("rounds where the stop raced with the producers").isPositive();
    }

    @ParameterizedTest
    @MethodSource("dev.troupe.actor.RuntimeMatrix#props")
    void everyMessageIsProcessedOrADeadLetterExactlyOnceWhenTheActorStopsItselfMidStream(Props props) {
        int racy = 0;
        for (int round = 0; round < ROUNDS; round++) {
            racy += runRound(props, PRODUCERS * PER_PRODUCER / 8, false) ? 1 : 0;
        }
        assertThat(racy).as("rounds where the stop raced with the producers").isPositive();
    }

    /** Runs one round; true if both some messages were processed and some became dead letters. */
    private boolean runRound(Props props, int stopAfter, boolean stopFromParent) {
        int total = PRODUCERS * PER_PRODUCER;
        AtomicIntegerArray seen = new AtomicIntegerArray(total);
        LongAdder processed = new LongAdder();
        LongAdder deadItems = new LongAdder();
        try (TestSystem sys = TestSystem.create("stress")) {
            ActorRef<DeadLetter> sink = sys.spawn(deadLetterSink(seen, deadItems));
            sys.system().eventStream().subscribe(DeadLetter.class, sink);
            ActorRef<Item> target = sys.spawn(consumer(seen, processed, stopAfter), "target", props);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> producers = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                int base = p * PER_PRODUCER;
                producers.add(Thread.ofPlatform().name("producer-" + p).start(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < PER_PRODUCER; i++) {
                        target.tell(new Item(base + i));
                    }
                }));
            }
            go.countDown();
            if (stopFromParent) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (processed.sum() < total / 8 && System.nanoTime() < deadline) {
                    Thread.onSpinWait(); // stop as soon as possible, while the producers are still sending
                }
                sys.inGuardian(ctx -> ctx.stop(target));
            }
            for (Thread t : producers) {
                try {
                    assertThat(t.join(Duration.ofSeconds(60))).isTrue();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> processed.sum() + deadItems.sum() >= total);
            assertThat(processed.sum() + deadItems.sum()).isEqualTo(total);
            for (int id = 0; id < total; id++) {
                if (seen.get(id) != 1) {
                    throw new AssertionError("message " + id + " was seen " + seen.get(id) + " times");
                }
            }
            assertThat(sys.system().deadLetterCount()).isEqualTo(deadItems.sum());
            return processed.sum() > 0 && deadItems.sum() > 0;
        }
    }
}
