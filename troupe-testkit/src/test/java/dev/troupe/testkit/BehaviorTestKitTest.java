package dev.troupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.DeathPactException;
import dev.troupe.actor.PostStop;
import dev.troupe.actor.Props;
import dev.troupe.actor.Terminated;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class BehaviorTestKitTest {

    @Test
    void recordsNamedAndAnonymousSpawnsAndStops() {
        Behavior<String> childBehavior = Behaviors.ignore();
        BehaviorTestKit<String> kit = BehaviorTestKit.create(Behaviors.receive((ctx, msg) -> {
            switch (msg) {
                case "spawn" -> ctx.spawn(childBehavior, "worker").tell("hello");
                case "anonymous" -> ctx.spawnAnonymous(childBehavior);
                case "stop" -> ctx.stop(ctx.child("worker").orElseThrow());
                default -> throw new IllegalArgumentException(msg);
            }
            return Behaviors.same();
        }));

        kit.run("spawn");
        Effect.Spawned<?> spawned = kit.expectEffectClass(Effect.Spawned.class);
        assertThat(spawned.childName()).isEqualTo("worker");
        assertThat(spawned.behavior()).isSameAs(childBehavior);
        assertThat(spawned.props()).isEqualTo(Props.empty());
        assertThat(spawned.childRef().path().parent()).isEqualTo(kit.ref().path());
        kit.childInbox("worker").expectMessage("hello");

        kit.run("anonymous");
        Effect.SpawnedAnonymous<?> anonymous = kit.expectEffectClass(Effect.SpawnedAnonymous.class);
        assertThat(anonymous.childRef().path().name()).startsWith("$");

        kit.run("stop");
        kit.expectEffect(new Effect.Stopped("worker"));
        assertThat(kit.hasEffects()).isFalse();
        assertThatThrownBy(() -> kit.childInbox("worker"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No child named [worker]");
    }

    @Test
    void childTestKitRunsTheChildsBehaviorAsThatChild() {
        BehaviorTestKit<String> parent = BehaviorTestKit.create(Behaviors.setup(ctx -> {
            ActorRef<String> child = ctx.spawn(Behaviors.receive((childCtx, m) -> {
                childCtx.spawn(Behaviors.<String>ignore(), "grandchild");
                return Behaviors.same();
            }), "child");
            return Behaviors.receiveMessage(m -> {
                child.tell(m);
                return Behaviors.same();
            });
        }));
        Effect.Spawned<?> spawned = parent.expectEffectClass(Effect.Spawned.class);
        ActorRef<String> child = spawned.childRef().unsafeUpcast();
        parent.run("go");

        BehaviorTestKit<String> childKit = parent.childTestKit(child);
        assertThat(childKit.ref()).isEqualTo(child);
        childKit.runOne();
        assertThat(childKit.expectEffectClass(Effect.Spawned.class).childName()).isEqualTo("grandchild");
        assertThat(parent.childTestKit(child)).isSameAs(childKit);
    }

    @Test
    void recordsWatchesWithTheRuntimesRules() {
        TestInbox<String> other = TestInbox.create("other");
        BehaviorTestKit<String> kit = BehaviorTestKit.create(Behaviors.receive((ctx, msg) -> {
            switch (msg) {
                case "watch" -> ctx.watch(other.ref());
                case "watchWith" -> ctx.watchWith(other.ref(), "gone");
                case "unwatch" -> ctx.unwatch(other.ref());
                default -> throw new IllegalArgumentException(msg);
            }
            return Behaviors.same();
        }));
        kit.run("watch");
        kit.run("watch");
        kit.expectEffect(new Effect.Watched(other.ref()));
        assertThat(kit.hasEffects()).as("watching again does nothing").isFalse();
        assertThatThrownBy(() -> kit.run("watchWith"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already watched");
        kit.run("unwatch");
        kit.run("watchWith");
        assertThat(kit.retrieveAllEffects()).containsExactly(
                new Effect.Unwatched(other.ref()), new Effect.WatchedWith(other.ref(), "gone"));
    }

    @Test
    void recordsTimersWithTheirMessagesInCallOrder() {
        BehaviorTestKit<String> kit = BehaviorTestKit.create(Behaviors.withTimers(timers ->
                Behaviors.receiveMessage(msg -> {
                    switch (msg) {
                        case "start" -> {
                            timers.startSingleTimer("single", "tick", Duration.ofSeconds(1));
                            timers.startTimerAtFixedRate("rate", "rated", Duration.ofSeconds(2));
                            timers.startTimerWithFixedDelay("delay", "delayed", Duration.ofSeconds(3),
                                    Duration.ofSeconds(4));
                        }
                        case "restart" -> timers.startSingleTimer("single", "tock", Duration.ofSeconds(5));
                        case "cancel" -> timers.cancel("rate");
                        default -> throw new IllegalArgumentException(msg);
                    }
                    return Behaviors.same();
                })));
        kit.run("start");
        assertThat(kit.retrieveAllEffects()).containsExactly(
                new Effect.TimerScheduled("single", "tick", Duration.ofSeconds(1), new Effect.TimerScheduled.Single()),
                new Effect.TimerScheduled("rate", "rated", Duration.ofSeconds(2),
                        new Effect.TimerScheduled.FixedRate(Duration.ofSeconds(2))),
                new Effect.TimerScheduled("delay", "delayed", Duration.ofSeconds(3),
                        new Effect.TimerScheduled.FixedDelay(Duration.ofSeconds(4))));
        kit.run("restart");
        assertThat(kit.retrieveAllEffects()).containsExactly(
                new Effect.TimerCancelled("single"),
                new Effect.TimerScheduled("single", "tock", Duration.ofSeconds(5), new Effect.TimerScheduled.Single()));
        kit.run("cancel");
        kit.expectEffect(new Effect.TimerCancelled("rate"));
        assertThat(kit.selfInbox().hasMessages()).as("timers never fire by themselves").isFalse();
    }

    @Test
    void recordsScheduledMessagesAndReceiveTimeouts() {
        TestInbox<String> target = TestInbox.create("target");
        BehaviorTestKit<String> kit = BehaviorTestKit.create(Behaviors.setup(ctx -> {
            ctx.scheduleOnce(Duration.ofMillis(10), target.ref(), "later");
            ctx.setReceiveTimeout(Duration.ofSeconds(1), "idle");
            return Behaviors.receiveMessage(m -> {
                ctx.cancelReceiveTimeout();
                return Behaviors.same();
            });
        }));
        kit.run("anything");
        assertThat(kit.retrieveAllEffects()).containsExactly(
                new Effect.Scheduled<>(Duration.ofMillis(10), target.ref(), "later"),
                new Effect.ReceiveTimeoutSet(Duration.ofSeconds(1), "idle"),
                new Effect.ReceiveTimeoutCancelled());
        assertThat(target.hasMessages()).isFalse();
    }

    @Test
    void adapterAskAndPipeToSelfDeliverIntoTheSelfInbox() {
        TestInbox<ActorRef<Integer>> server = TestInbox.create("server");
        CompletableFuture<String> future = new CompletableFuture<>();
        List<String> received = new ArrayList<>();
        Function<Integer, String> adapt = n -> "adapted " + n;
        BehaviorTestKit<String> kit = BehaviorTestKit.create(Behaviors.setup(ctx -> {
            ActorRef<Integer> adapter = ctx.messageAdapter(adapt);
            adapter.tell(1);
            ctx.<ActorRef<Integer>, Integer>ask(server.ref(), replyTo -> replyTo, Duration.ofSeconds(2),
                    (reply, failure) -> "answer " + reply);
            ctx.pipeToSelf(future, (value, failure) -> "piped " + value);
            return Behaviors.receiveMessage(m -> {
                received.add(m);
                return Behaviors.same();
            });
        }));
        Effect.MessageAdapter<?, ?> adapterEffect = kit.expectEffectClass(Effect.MessageAdapter.class);
        assertThat(adapterEffect.adapter()).isSameAs(adapt);
        ActorRef<Integer> replyTo = server.receiveMessage();
        kit.expectEffect(new Effect.AskInitiated(server.ref(), replyTo, Duration.ofSeconds(2)));

        replyTo.tell(42);
        future.complete("done");
        kit.runOne();
        kit.runOne();
        kit.runOne();
        assertThat(received).containsExactly("adapted 1", "answer 42", "piped done");
        assertThatThrownBy(kit::runOne).isInstanceOf(AssertionError.class).hasMessageContaining("No message");
    }

    @Test
    void unhandledMessagesAreCollectedAndFailuresPropagate() {
        BehaviorTestKit<String> kit = BehaviorTestKit.create(Behaviors.receiveMessage(msg -> switch (msg) {
            case "ok" -> Behaviors.same();
            case "checked" -> throw new IOException("disk");
            case "boom" -> throw new IllegalStateException("boom");
            default -> Behaviors.unhandled();
        }));
        kit.run("what?");
        assertThat(kit.unhandledMessages()).containsExactly("what?");
        assertThatThrownBy(() -> kit.run("boom")).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThatThrownBy(() -> kit.run("checked")).hasCauseInstanceOf(IOException.class);
        kit.run("ok");
        assertThat(kit.isAlive()).isTrue();
    }

    @Test
    void stoppingDeliversPostStopAndRefusesFurtherMessages() {
        List<String> events = new ArrayList<>();
        BehaviorTestKit<String> kit = BehaviorTestKit.create(Behaviors.receive(
                (ctx, msg) -> Behaviors.stopped(() -> events.add("postStop action")),
                (ctx, signal) -> {
                    events.add(signal.toString());
                    return Behaviors.same();
                }));
        kit.run("stop");
        assertThat(kit.isAlive()).isFalse();
        assertThat(events).containsExactly(PostStop.INSTANCE.toString(), "postStop action");
        assertThatThrownBy(() -> kit.run("again"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has stopped");
    }

    @Test
    void unhandledTerminatedIsADeathPact() {
        BehaviorTestKit<String> kit = BehaviorTestKit.create(Behaviors.receiveMessage(m -> Behaviors.same()));
        ActorRef<Void> dead = TestInbox.<Void>create("dead").ref();
        assertThatThrownBy(() -> kit.signal(new Terminated(dead))).isInstanceOf(DeathPactException.class);
    }

    @Test
    void stashedMessagesAreReplayedSynchronously() {
        List<String> processed = new ArrayList<>();
        BehaviorTestKit<String> kit = BehaviorTestKit.create(Behaviors.<String>withStash(10, stash ->
                Behaviors.receiveMessage(msg -> {
                    if (!msg.equals("open")) {
                        stash.stash(msg);
                        return Behaviors.same();
                    }
                    return stash.unstashAll(Behaviors.receiveMessage(m -> {
                        processed.add(m);
                        return m.equals("b") ? Behaviors.unhandled() : Behaviors.same();
                    }));
                })));
        kit.run("a");
        kit.run("b");
        kit.run("open");
        assertThat(processed).containsExactly("a", "b");
        assertThat(kit.unhandledMessages()).containsExactly("b");
    }

    @Test
    void expectEffectNamesExpectedAndFound() {
        BehaviorTestKit<String> kit = BehaviorTestKit.create(Behaviors.setup(ctx -> {
            ctx.cancelReceiveTimeout();
            return Behaviors.ignore();
        }));
        assertThatThrownBy(() -> kit.expectEffect(new Effect.Stopped("x")))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected effect Stopped[childName=x] but found ReceiveTimeoutCancelled[]");
        assertThatThrownBy(kit::retrieveEffect)
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("No effect was recorded");
    }

    @Test
    void contextUsedOutsideAStepIsRejected() {
        List<dev.troupe.actor.ActorContext<String>> leaked = new ArrayList<>();
        BehaviorTestKit.create(Behaviors.<String>setup(ctx -> {
            leaked.add(ctx);
            return Behaviors.ignore();
        }));
        assertThatThrownBy(() -> leaked.get(0).spawnAnonymous(Behaviors.ignore()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not processing a message now");
        assertThatThrownBy(() -> leaked.get(0).system()).isInstanceOf(UnsupportedOperationException.class);
    }
}
