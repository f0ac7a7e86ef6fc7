package dev.troupe.actor;

import dev.troupe.actor.routing.Routers;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** The balancing pool: idle routees take the work a busy one cannot. */
class BalancingPoolTest {
    private final TestSystem system = TestSystem.create("balancing");

    @AfterEach
    void tearDown() {
        system.close();
    }

    sealed interface Task {
        record Slow(CountDownLatch release, ActorRef<String> done) implements Task {}
        record Quick(int id, ActorRef<String> done) implements Task {}
        record Fail() implements Task {}
    }

    static Behavior<Task> worker() {
        return Behaviors.setup(ctx -> {
            String name = ctx.self().path().name();
            return Behaviors.receiveMessage(msg -> switch (msg) {
                case Task.Slow(var release, var done) -> {
                    release.await(TestSystem.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    done.tell("slow by " + name);
                    yield Behaviors.same();
                }
                case Task.Quick(int id, var done) -> {
                    done.tell(name);
                    yield Behaviors.same();
                }
                case Task.Fail() -> throw new IllegalStateException("fail in " + name);
            });
        });
    }

    @Test
    void aSlowRouteeDoesNotHoldUpWorkTheIdleOnesCanTake() {
        Probe<String> done = system.probe();
        CountDownLatch release = new CountDownLatch(1);
        // tag::balancing-pool[]
        ActorRef<Task> pool = system.spawn(Routers.balancingPool(3, worker()).behavior());
        // end::balancing-pool[]

        pool.tell(new Task.Slow(release, done.ref())); // goes to routee-1, which blocks
        for (int i = 0; i < 60; i++) {
            pool.tell(new Task.Quick(i, done.ref()));
        }

        // all 60 quick tasks finish while the slow one is still blocked, none of them by its routee
        List<String> quick = done.receiveN(60);
        assertThat(quick).doesNotContain("routee-1").contains("routee-2", "routee-3");
        release.countDown();
        assertThat(done.receive()).isEqualTo("slow by routee-1");
    }

    @Test
    void aRouteeThatFailsIsRestartedAndKeepsTakingWork() {
        Probe<String> done = system.probe();
        ActorRef<Task> pool = system.spawn(Routers.balancingPool(1, worker()).behavior());

        pool.tell(new Task.Fail());
        for (int i = 0; i < 5; i++) {
            pool.tell(new Task.Quick(i, done.ref()));
        }

        assertThat(done.receiveN(5)).containsOnly("routee-1");
    }

    @Test
    void aStoppedRouteeIsReplacedAndTheQueueSurvives() {
        Probe<String> done = system.probe();
        ActorRef<Task> pool = system.spawn(Routers.balancingPool(1, worker())
                .withSupervision(SupervisorStrategy.stop()).withReplacement(1).behavior());

        pool.tell(new Task.Fail());
        for (int i = 0; i < 5; i++) {
            pool.tell(new Task.Quick(i, done.ref()));
        }

        assertThat(done.receiveN(5)).containsOnly("routee-2");
    }
}
