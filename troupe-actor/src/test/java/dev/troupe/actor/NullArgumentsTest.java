package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Null arguments to public methods fail at the call site with NullPointerException. */
class NullArgumentsTest {

    private static void assertAllThrowNpe(Map<String, ThrowingCallable> calls) {
        calls.forEach((what, call) ->
                assertThat(catchThrowable(call)).as(what).isInstanceOf(NullPointerException.class));
    }

    @Test
    void factoriesAndValueTypesRejectNull() {
        Behavior<String> b = Behaviors.empty();
        Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
        calls.put("ActorSystem.create(null, name)", () -> ActorSystem.create(null, "nullguardian"));
        calls.put("ActorSystem.create(b, null)", () -> ActorSystem.create(b, null));
        calls.put("ActorSystem.create(b, name, null)", () -> ActorSystem.create(b, "nullsettings", null));
        calls.put("Behaviors.setup", () -> Behaviors.setup(null));
        calls.put("Behaviors.receive(null)", () -> Behaviors.receive(null));
        calls.put("Behaviors.receive(h, null)", () -> Behaviors.<String>receive((c, m) -> Behaviors.same(), null));
        calls.put("Behaviors.receiveMessage", () -> Behaviors.receiveMessage(null));
        calls.put("Behaviors.receiveSignal", () -> Behaviors.receiveSignal(null));
        calls.put("Behaviors.stopped(null)", () -> Behaviors.stopped(null));
        calls.put("Behaviors.withTimers", () -> Behaviors.withTimers(null));
        calls.put("Behaviors.withStash", () -> Behaviors.withStash(1, null));
        calls.put("Behaviors.logMessages(null)", () -> Behaviors.logMessages(null));
        calls.put("Behaviors.logMessages(null, b)", () -> Behaviors.logMessages(null, b));
        calls.put("Props.withMailbox", () -> Props.empty().withMailbox(null));
        calls.put("Props.withDispatcher", () -> Props.empty().withDispatcher(null));
        calls.put("ActorPath.root", () -> ActorPath.root(null));
        calls.put("ActorPath.child", () -> ActorPath.root("s").child(null, 0));
        calls.put("Terminated", () -> new Terminated(null));
        calls.put("ChildFailed(null, t)", () -> new ChildFailed(null, new RuntimeException()));
        calls.put("DeadLetter(null, ...)", () -> new DeadLetter(null, java.util.Optional.empty(), null));
        calls.put("UnhandledMessage(null, ...)", () -> new UnhandledMessage(null, null));
        calls.put("DeathPactException(null)", () -> new DeathPactException(null));
        assertAllThrowNpe(calls);
    }

    @Test
    void systemServicesRejectNull() {
        try (TestSystem sys = TestSystem.create("nulls")) {
            ActorSystem<?> system = sys.system();
            ActorRef<String> ref = sys.spawn(Behaviors.ignore());
            Scheduler scheduler = system.scheduler();
            EventStream events = system.eventStream();
            Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
            calls.put("ask(null target)", () -> AskPattern.<String, String>ask(null, r -> "x", Duration.ofSeconds(1),
                    scheduler));
            calls.put("ask(null request)", () -> AskPattern.<String, String>ask(ref, null, Duration.ofSeconds(1),
                    scheduler));
            calls.put("ask(null timeout)", () -> AskPattern.<String, String>ask(ref, r -> "x", null, scheduler));
            calls.put("ask(null scheduler)", () -> AskPattern.<String, String>ask(ref, r -> "x",
                    Duration.ofSeconds(1), null));
            calls.put("subscribe(null type)", () -> events.subscribe(null, ref));
            calls.put("subscribe(null subscriber)", () -> events.subscribe(String.class, null));
            calls.put("unsubscribe(null type)", () -> events.unsubscribe(null, ref));
            calls.put("unsubscribeAll(null)", () -> events.unsubscribeAll(null));
            calls.put("publish(null)", () -> events.publish(null));
            calls.put("scheduleOnce(null delay)", () -> scheduler.scheduleOnce(null, () -> { }));
            calls.put("scheduleOnce(null task)", () -> scheduler.scheduleOnce(Duration.ZERO, null));
            calls.put("scheduleAtFixedRate(null)", () -> scheduler.scheduleAtFixedRate(Duration.ZERO, null, () -> { }));
            calls.put("scheduleWithFixedDelay(null)", () -> scheduler.scheduleWithFixedDelay(null, Duration.ofSeconds(1),
                    () -> { }));
            assertAllThrowNpe(calls);
        }
    }

    @Test
    void contextMethodsRejectNullInsideTheActor() {
        try (TestSystem sys = TestSystem.create("ctxnulls")) {
            Probe<Object> probe = sys.probe();
            ActorRef<Scripted.Cmd> actor = sys.spawn(Scripted.behavior(probe.ref()));
            ActorRef<String> other = sys.spawn(Behaviors.ignore());
            Map<String, Scripted.Action<?>> actions = new LinkedHashMap<>();
            actions.put("spawn(null, name)", ctx -> ctx.spawn(null, "n"));
            actions.put("spawn(b, name, null)", ctx -> ctx.spawn(Behaviors.empty(), "n", null));
            actions.put("spawnAnonymous(null)", ctx -> ctx.spawnAnonymous(null));
            actions.put("stop(null)", ctx -> {
                ctx.stop(null);
                return null;
            });
            actions.put("watch(null)", ctx -> {
                ctx.watch(null);
                return null;
            });
            actions.put("watchWith(ref, null)", ctx -> {
                ctx.watchWith(other, null);
                return null;
            });
            actions.put("unwatch(null)", ctx -> {
                ctx.unwatch(null);
                return null;
            });
            actions.put("child(null)", ctx -> ctx.child(null));
            actions.put("scheduleOnce(null delay)", ctx -> ctx.scheduleOnce(null, other, "x"));
            actions.put("scheduleOnce(null target)", ctx -> ctx.scheduleOnce(Duration.ZERO, null, "x"));
            actions.put("scheduleOnce(null message)", ctx -> ctx.scheduleOnce(Duration.ZERO, other, null));
            actions.put("messageAdapter(null)", ctx -> ctx.messageAdapter(null));
            actions.put("pipeToSelf(null stage)", ctx -> {
                ctx.pipeToSelf(null, (v, f) -> new Scripted.Cmd.Note(v));
                return null;
            });
            actions.put("pipeToSelf(null mapping)", ctx -> {
                ctx.pipeToSelf(new CompletableFuture<>(), null);
                return null;
            });
            actions.put("ask(null mapping)", ctx -> {
                ctx.<String, String>ask(other, r -> "x", Duration.ofSeconds(1), null);
                return null;
            });
            actions.put("setReceiveTimeout(null, m)", ctx -> {
                ctx.setReceiveTimeout(null, new Scripted.Cmd.Note("x"));
                return null;
            });
            actions.put("setReceiveTimeout(d, null)", ctx -> {
                ctx.setReceiveTimeout(Duration.ofSeconds(1), null);
                return null;
            });
            actions.put("new AbstractBehavior(null)", ctx -> new AbstractBehavior<String>(null) {
                @Override
                public Behavior<String> onMessage(String message) {
                    return this;
                }
            });
            actions.forEach((what, action) -> assertThat(catchThrowable(() -> Scripted.run(actor, action))).as(what)
                    .isInstanceOf(NullPointerException.class));
            // none of this harmed the actor
            actor.tell(new Scripted.Cmd.Note("alive"));
            assertThat(probe.receive()).isEqualTo("alive");
        }
    }
}
