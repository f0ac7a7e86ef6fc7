package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SmokeTest {
    sealed interface Cmd {
        record Ping(int n, ActorRef<Integer> replyTo) implements Cmd {}
        record SpawnMany(int n, ActorRef<Integer> replyTo) implements Cmd {}
    }

    static Behavior<Cmd> guardian() {
        return Behaviors.receive((ctx, msg) -> switch (msg) {
            case Cmd.Ping(int n, var replyTo) -> { replyTo.tell(n + 1); yield Behaviors.same(); }
            case Cmd.SpawnMany(int n, var replyTo) -> {
                ActorRef<Integer> counter = ctx.spawnAnonymous(countTo(n, replyTo));
                for (int i = 0; i < n; i++) {
                    ActorRef<ActorRef<Integer>> child = ctx.spawnAnonymous(Behaviors.receiveMessage(r -> {
                        r.tell(1);
                        return Behaviors.stopped();
                    }));
                    child.tell(counter);
                }
                yield Behaviors.same();
            }
        });
    }

    static Behavior<Integer> countTo(int n, ActorRef<Integer> replyTo) {
        return Behaviors.setup(ctx -> new AbstractBehavior<>(ctx) {
            int count;
            @Override
            public Behavior<Integer> onMessage(Integer m) {
                if (++count == n) {
                    replyTo.tell(count);
                }
                return this;
            }
        });
    }

    @Test
    void pingAndSpawn() throws Exception {
        ActorSystem<Cmd> system = ActorSystem.create(guardian(), "smoke");
        Integer reply = AskPattern.<Cmd, Integer>ask(system, r -> new Cmd.Ping(41, r), Duration.ofSeconds(3),
                system.scheduler()).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(reply).isEqualTo(42);
        long t0 = System.nanoTime();
        Integer count = AskPattern.<Cmd, Integer>ask(system, r -> new Cmd.SpawnMany(200_000, r), Duration.ofSeconds(30),
                system.scheduler()).toCompletableFuture().get(60, TimeUnit.SECONDS);
        System.out.println("200k spawn+reply in ms: " + (System.nanoTime() - t0) / 1_000_000);
        assertThat(count).isEqualTo(200_000);
        system.terminate();
        system.whenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(((dev.troupe.actor.internal.ActorSystemImpl<?>) system).liveActorCount()).isZero();
    }
}
