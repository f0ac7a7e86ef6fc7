package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A million actors come and go without leaving actors or threads behind. */
class LifecycleScaleTest {
    static final int BATCH = 100_000;
    static final int BATCHES = 10;

    sealed interface SpawnerCmd {
        record Batch(int size, CountDownLatch allStopped, LongAdder postStops) implements SpawnerCmd {}
    }

    /** Spawns a batch of children: half stop themselves at start, half are stopped by this parent. */
    static Behavior<SpawnerCmd> spawner() {
        return Behaviors.receive((ctx, msg) -> {
            switch (msg) {
                case SpawnerCmd.Batch(int size, var allStopped, var postStops) -> {
                    for (int i = 0; i < size; i++) {
                        if (i % 2 == 0) {
                            ctx.spawnAnonymous(Behaviors.<Void>setup(c -> Behaviors.stopped(() -> {
                                postStops.increment();
                                allStopped.countDown();
                            })));
                        } else {
                            ActorRef<Void> child = ctx.spawnAnonymous(Behaviors.<Void>receiveSignal((c, signal) -> {
                                if (signal instanceof PostStop) {
                                    postStops.increment();
                                    allStopped.countDown();
                                }
                                return Behaviors.same();
                            }));
                            ctx.stop(child);
                        }
                    }
                }
            }
            return Behaviors.same();
        });
    }

    static Set<Thread> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).collect(Collectors.toSet());
    }

    @Test
    void aMillionActorsSpawnedAndStoppedLeaveNoActorAndNoThreadBehind() throws Exception {
        Set<Thread> schedulerThreadsBefore = threadsNamed("troupe-scheduler");
        TestSystem sys = TestSystem.create("million");
        String name = sys.system().name();
        ActorRef<SpawnerCmd> spawner = sys.spawn(spawner());
        LongAdder postStops = new LongAdder();
        for (int b = 0; b < BATCHES; b++) {
            CountDownLatch stopped = new CountDownLatch(BATCH);
            spawner.tell(new SpawnerCmd.Batch(BATCH, stopped, postStops));
            assertThat(stopped.await(60, TimeUnit.SECONDS)).as("batch %d stopped", b).isTrue();
        }
        // guardian and spawner: everything else is gone once the spawner processed the notifications
        await().atMost(Duration.ofSeconds(30)).until(() -> sys.impl().liveActorCount() == 2);
        assertThat(postStops.sum()).as("PostStop exactly once per actor").isEqualTo((long) BATCH * BATCHES);

        Integer reply = sys.ask(sys.spawn(Behaviors.<ActorRef<Integer>>receiveMessage(r -> {
            r.tell(42);
            return Behaviors.same();
        })), r -> r); // an ask makes the scheduler start its thread
        assertThat(reply).isEqualTo(42);
        assertThat(threadsNamed(name + "-")).isNotEmpty();
        Set<Thread> newSchedulerThreads = threadsNamed("troupe-scheduler");
        newSchedulerThreads.removeAll(schedulerThreadsBefore);
        assertThat(newSchedulerThreads).hasSize(1);

        sys.terminateAndAwait(); // also checks liveActorCount() == 0
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(threadsNamed(name + "-")).isEmpty();
            assertThat(newSchedulerThreads).noneMatch(Thread::isAlive);
        });
    }

    @Test
    void theGuardianStoppingTerminatesTheSystem() throws Exception {
        ActorSystem<String> system = ActorSystem.create(Behaviors.receiveMessage(m -> Behaviors.stopped()),
                TestSystem.uniqueName("selfstop"));
        system.tell("stop");
        system.whenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertThat(((dev.troupe.actor.internal.ActorSystemImpl<?>) system).liveActorCount()).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> threadsNamed(system.name() + "-").isEmpty());
    }

    @Test
    void theGuardianFailingTerminatesTheSystem() throws Exception {
        ActorSystem<String> system = ActorSystem.create(Behaviors.receiveMessage(m -> {
            throw new IllegalStateException("guardian fails on purpose");
        }), TestSystem.uniqueName("guardfail"));
        try (LogCapture ignored = LogCapture.of(dev.troupe.actor.internal.ActorCell.class, null)) {
            system.tell("fail");
            system.whenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
        assertThat(((dev.troupe.actor.internal.ActorSystemImpl<?>) system).liveActorCount()).isZero();
    }

    @Test
    void terminateStopsEveryActorDepthFirstAndCompletesAndCallingItAgainDoesNothing() throws Exception {
        TestSystem sys = TestSystem.create("terminate");
        Probe<Object> probe = sys.probe();
        sys.spawn(StopAndDeathWatchTest.treeNode(2, 2, Props.empty(), probe.ref()), "tree");
        probe.receiveN(7);
        sys.system().terminate();
        sys.system().terminate();
        sys.system().whenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
        sys.system().terminate();
        assertThat(sys.impl().liveActorCount()).isZero();
        assertThat(sys.system().whenTerminated().toCompletableFuture().isCompletedExceptionally()).isFalse();
    }
}
