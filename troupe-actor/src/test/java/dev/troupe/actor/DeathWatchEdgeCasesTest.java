package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Death watch where notifications race: a watching parent, and watching an actor through its adapters. */
class DeathWatchEdgeCasesTest {
    private ActorSystem<Object> system;

    @AfterEach
    void terminate() throws Exception {
        system.terminate();
        system.whenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aWatchingParentGetsChildFailedNotTerminatedWhenTheChildFails() throws Exception {
        BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
        system = ActorSystem.create(Behaviors.setup(ctx -> {
            ActorRef<String> child = ctx.spawn(Behaviors.<String>receiveMessage(m -> {
                throw new IllegalStateException("child fails");
            }), "child");
            ctx.watch(child);
            child.tell("go");
            return Behaviors.receive((c, m) -> Behaviors.same(), (c, signal) -> {
                signals.add(signal);
                return Behaviors.same();
            });
        }), "watching-parent");

        Signal first = signals.poll(5, TimeUnit.SECONDS);
        assertThat(first).isInstanceOf(ChildFailed.class);
        assertThat(((ChildFailed) first).cause()).hasMessage("child fails");
        // Exactly one notification: a second signal would arrive right behind the first.
        system.tell("flush");
        assertThat(signals.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    sealed interface WatcherCommand {
        record WatchBoth(ActorRef<String> owner, ActorRef<Integer> adapter, boolean thenUnwatchAdapter)
                implements WatcherCommand {}

        record Ready() implements WatcherCommand {}
    }

    @ParameterizedTest(name = "unwatch adapter afterwards: {0}")
    @ValueSource(booleans = {false, true})
    void watchingAnActorAndItsAdapterYieldsOneTerminatedPerWatchedRef(boolean unwatchAdapter) throws Exception {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        system = ActorSystem.create(Behaviors.setup(ctx -> {
            ActorRef<WatcherCommand> watcher = ctx.spawn(Behaviors.<WatcherCommand>receive((c, m) -> {
                switch (m) {
                    case WatcherCommand.WatchBoth(var owner, var adapter, var unwatch) -> {
                        c.watch(owner);
                        c.watch(adapter);
                        if (unwatch) {
                            c.unwatch(adapter);
                        }
                        events.add("watching");
                    }
                    case WatcherCommand.Ready() -> { }
                }
                return Behaviors.same();
            }, (c, signal) -> {
                if (signal instanceof Terminated t) {
                    events.add(t.ref().path().name());
                }
                return Behaviors.same();
            }), "watcher");
            ctx.spawn(Behaviors.<String>setup(owner -> {
                ActorRef<Integer> adapter = owner.messageAdapter(i -> "number " + i);
                watcher.tell(new WatcherCommand.WatchBoth(owner.self(), adapter, unwatchAdapter));
                return Behaviors.receiveMessage(m -> m.equals("stop") ? Behaviors.stopped() : Behaviors.same());
            }), "owner");
            return Behaviors.receiveMessage(m -> {
                ctx.child("owner").orElseThrow().<String>unsafeUpcast().tell((String) m);
                return Behaviors.same();
            });
        }), "adapter-watch");

        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("watching");
        system.tell("stop");
        List<Object> expected = unwatchAdapter ? List.of("owner") : List.of("owner", "$$0");
        List<Object> received = new java.util.ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            received.add(events.poll(5, TimeUnit.SECONDS));
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }
}
