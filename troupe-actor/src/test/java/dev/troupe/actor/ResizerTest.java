package dev.troupe.actor;

import dev.troupe.actor.routing.Resizer;
import dev.troupe.actor.routing.Routers;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** A pool's {@link Resizer}, driven by a manual scheduler: grows under pressure to the upper bound, shrinks back. */
class ResizerTest {
    private final ManualScheduler scheduler = new ManualScheduler();
    private final TestSystem system = TestSystem.create("resizer", TestSystem.settings().scheduler(() -> scheduler)
            .build());

    @AfterEach
    void tearDown() {
        system.close();
    }

    sealed interface Job {
        record Run(CountDownLatch gate, ActorRef<String> done) implements Job {}
    }

    /** Reports "start:name" and "stop:name"; each job waits for its gate, then reports "done". */
    static Behavior<Job> worker(ActorRef<String> events) {
        return Behaviors.setup(ctx -> {
            String name = ctx.self().path().name();
            events.tell("start:" + name);
            return Behaviors.receive((c, msg) -> switch (msg) {
                case Job.Run(var gate, var done) -> {
                    gate.await(TestSystem.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    done.tell("done");
                    yield Behaviors.same();
                }
            }, (c, signal) -> {
                if (signal instanceof PostStop) {
                    events.tell("stop:" + name);
                }
                return Behaviors.same();
            });
        });
    }

    @Test
    void growsToTheUpperBoundUnderPressureAndShrinksToTheLowerWhenIdle() {
        Probe<String> events = system.probe();
        Probe<String> done = system.probe();
        CountDownLatch gate = new CountDownLatch(1);
        // tag::pool-resizer[]
        Resizer resizer = Resizer.between(1, 4).withPressureThreshold(1).withCheckInterval(Duration.ofSeconds(1));
        ActorRef<Job> pool = system.spawn(Routers.pool(1, worker(events.ref())).withResizer(resizer).behavior());
        // end::pool-resizer[]
        assertThat(events.receive()).isEqualTo("start:routee-1"); // the pool starts its check timer before routees

        int sent = 0;
        for (int size = 2; size <= 4; size++) {
            // every routee gets at least two jobs: it blocks on the first and the second waits in its mailbox
            for (int i = 0; i < 2 * (size - 1); i++, sent++) {
                pool.tell(new Job.Run(gate, done.ref()));
            }
            scheduler.advance(Duration.ofSeconds(1)); // the check comes after those jobs in the pool's mailbox
            assertThat(events.receive()).isEqualTo("start:routee-" + size);
        }
        for (int i = 0; i < 8; i++, sent++) { // all four under pressure, but at the upper bound
            pool.tell(new Job.Run(gate, done.ref()));
        }
        scheduler.advance(Duration.ofSeconds(1));

        gate.countDown();
        done.receiveN(sent);
        assertThat(events.poll(Duration.ofMillis(100))).as("no fifth routee").isNull();
        // idle now: no job was routed since the last check and every mailbox is empty
        for (int size = 3; size >= 1; size--) {
            scheduler.advance(Duration.ofSeconds(1));
            assertThat(events.receive()).isEqualTo("stop:routee-" + (size + 1));
        }
        scheduler.advance(Duration.ofSeconds(5)); // at the lower bound
        pool.tell(new Job.Run(gate, done.ref()));
        done.receive();
        assertThat(events.poll(Duration.ofMillis(200))).isNull();
    }

    @Test
    void doesNotShrinkWhileMessagesKeepComing() {
        Probe<String> events = system.probe();
        Probe<String> done = system.probe();
        CountDownLatch open = new CountDownLatch(0);
        ActorRef<Job> pool = system.spawn(Routers.pool(3, worker(events.ref()))
                .withResizer(Resizer.between(1, 3)).behavior());
        events.receiveN(3);

        for (int tick = 0; tick < 5; tick++) {
            pool.tell(new Job.Run(open, done.ref()));
            done.receive(); // processed, so every mailbox is empty at the check, but a job was routed since the last
            scheduler.advance(Duration.ofSeconds(1));
        }
        pool.tell(new Job.Run(open, done.ref())); // after the last check in the pool's mailbox
        done.receive();

        assertThat(events.poll(Duration.ofMillis(200))).as("no routee stopped").isNull();
    }
}
