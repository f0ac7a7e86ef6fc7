package dev.troupe.actor;

import dev.troupe.actor.internal.LocalActorRef;
import dev.troupe.actor.routing.FlowControl;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Credit-based flow control: a producer 100× faster than its consumer never overruns it, and nothing is lost. */
class FlowControlTest {
    private static final int WINDOW = 8;
    private final TestSystem system = TestSystem.create("flow");

    @AfterEach
    void tearDown() {
        system.close();
    }

    // tag::flow-producer[]
    sealed interface ProducerCmd {
        record Produce(int count) implements ProducerCmd {}
        record GotDemand(FlowControl.Demand demand) implements ProducerCmd {}
    }

    static Behavior<ProducerCmd> producer(ActorRef<FlowControl.Inbound<Integer>> consumer) {
        return Behaviors.setup(ctx -> {
            ActorRef<FlowControl.Demand> demand = ctx.messageAdapter(ProducerCmd.GotDemand::new);
            FlowControl.Producer<Integer> out = FlowControl.producer(consumer, demand);
            int[] next = {0};
            return Behaviors.receiveMessage(msg -> {
                switch (msg) {
                    case ProducerCmd.Produce(int count) -> {
                        for (int i = 0; i < count; i++) {
                            out.offer(next[0]++); // sent at once if there is demand, else buffered
                        }
                    }
                    case ProducerCmd.GotDemand(var d) -> out.onDemand(d);
                }
                return Behaviors.same();
            });
        });
    }
    // end::flow-producer[]

    @Test
    void aProducerHundredTimesFasterNeverOverrunsTheConsumerWindow() {
        Semaphore permits = new Semaphore(0); // the consumer handles one message per permit: the test sets its pace
        List<Integer> received = new ArrayList<>();
        AtomicInteger deepest = new AtomicInteger();
        Behavior<Integer> slow = Behaviors.receive((ctx, n) -> {
            permits.acquire();
            deepest.accumulateAndGet(((LocalActorRef<?>) ctx.self()).mailboxSize(), Math::max);
            synchronized (received) {
                received.add(n);
            }
            return Behaviors.same();
        });
        // tag::flow-consumer[]
        ActorRef<FlowControl.Inbound<Integer>> consumer = system.spawn(FlowControl.consumer(WINDOW, slow));
        ActorRef<ProducerCmd> producer = system.spawn(producer(consumer));
        // end::flow-consumer[]
        LocalActorRef<?> consumerRef = (LocalActorRef<?>) consumer;

        int rounds = 20;
        for (int round = 0; round < rounds; round++) {
            producer.tell(new ProducerCmd.Produce(100)); // 100 messages for each one the consumer handles
            permits.release(1);
            int handled = round + 1;
            await().atMost(TestSystem.TIMEOUT).until(() -> size(received) == handled);
            assertThat(consumerRef.mailboxSize()).as("consumer mailbox depth").isLessThanOrEqualTo(WINDOW);
        }
        permits.release(rounds * 100);
        await().atMost(TestSystem.TIMEOUT).until(() -> size(received) == rounds * 100);

        assertThat(deepest.get()).as("deepest consumer mailbox seen").isLessThanOrEqualTo(WINDOW).isPositive();
        synchronized (received) {
            assertThat(received).containsExactlyElementsOf(IntStream.range(0, rounds * 100).boxed().toList());
        }
        assertThat(system.system().deadLetterCount()).isZero();
    }

    private static int size(List<Integer> list) {
        synchronized (list) {
            return list.size();
        }
    }

    @Test
    void aConsumerThatFailsAndRestartsKeepsItsCredits() {
        Probe<Integer> seen = system.probe();
        Behavior<Integer> flaky = Behaviors.receiveMessage(n -> {
            if (n % 3 == 0) {
                throw new IllegalStateException("no multiples of three");
            }
            seen.ref().tell(n);
            return Behaviors.same();
        });
        ActorRef<FlowControl.Inbound<Integer>> consumer = system.spawn(FlowControl.consumer(2,
                Behaviors.supervise(flaky).onFailure(IllegalStateException.class, SupervisorStrategy.restart())));
        ActorRef<ProducerCmd> producer = system.spawn(producer(consumer));

        producer.tell(new ProducerCmd.Produce(30));

        assertThat(seen.receiveN(20)).containsExactlyElementsOf(
                IntStream.range(0, 30).filter(n -> n % 3 != 0).boxed().toList());
    }
}
