package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ActorContext operations, and that they refuse to run outside the actor's turn. */
class ActorContextTest {
    final ManualScheduler scheduler = new ManualScheduler();
    TestSystem sys;
    Probe<Object> probe;
    ActorRef<Scripted.Cmd> actor;

    @BeforeEach
    void start() {
        sys = TestSystem.create("ctx", TestSystem.settings().scheduler(() -> scheduler).build());
        probe = sys.probe();
        actor = sys.spawn(Scripted.behavior(probe.ref()), "actor");
    }

    @AfterEach
    void stop() {
        sys.close();
    }

    static Behavior<Void> idle() {
        return Behaviors.empty();
    }

    @Test
    void spawnAnonymousGivesEachChildAUniqueReservedName() {
        List<ActorRef<Void>> children = Scripted.run(actor, ctx -> {
            List<ActorRef<Void>> refs = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                refs.add(ctx.spawnAnonymous(idle()));
            }
            return refs;
        });
        Set<String> names = new HashSet<>();
        for (ActorRef<Void> c : children) {
            assertThat(c.path().name()).startsWith("$");
            assertThat(c.path().parent()).isEqualTo(actor.path());
            names.add(c.path().name());
        }
        assertThat(names).hasSize(1_000);
        assertThat(Scripted.<List<ActorRef<Void>>>run(actor, ActorContext::children))
                .containsExactlyInAnyOrderElementsOf(children);
    }

    @Test
    void spawnRejectsDuplicateSiblingNamesAlsoWhileTheOldChildIsStoppingAndAcceptsThemAfterwards()
            throws Exception {
        CountDownLatch inPostStop = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ActorRef<Void> first = Scripted.run(actor, ctx -> ctx.spawn(Behaviors.<Void>receiveSignal((c, s) -> {
            if (s instanceof PostStop) {
                inPostStop.countDown();
                release.await(30, TimeUnit.SECONDS);
            }
            return Behaviors.same();
        }), "worker"));
        assertThatThrownBy(() -> Scripted.run(actor, ctx -> ctx.spawn(idle(), "worker")))
                .isInstanceOf(InvalidActorNameException.class).hasMessageContaining("worker");
        Scripted.exec(actor, ctx -> {
            ctx.watch(first);
            ctx.stop(first);
            return null;
        });
        assertThat(inPostStop.await(20, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> Scripted.run(actor, ctx -> ctx.spawn(idle(), "worker")))
                .as("still stopping").isInstanceOf(InvalidActorNameException.class);
        assertThat(Scripted.<Object>run(actor, ctx -> ctx.child("worker"))).isEqualTo(java.util.Optional.of(first));
        release.countDown();
        assertThat(probe.receive()).isEqualTo(Watcher.terminated(first));
        ActorRef<Void> second = Scripted.run(actor, ctx -> ctx.spawn(idle(), "worker"));
        assertThat(second.path().toString()).isEqualTo(first.path().toString());
        assertThat(second).isNotEqualTo(first);
        assertThat(second.path().uid()).isNotEqualTo(first.path().uid());
    }

    @Test
    void spawnRejectsInvalidNames() {
        for (String bad : List.of("", "a/b", "with space", "$reserved", "ü", "x".repeat(256), "a#b", "a?b")) {
            assertThatThrownBy(() -> Scripted.run(actor, ctx -> ctx.spawn(idle(), bad)))
                    .as("name [%s]", bad).isInstanceOf(InvalidActorNameException.class);
        }
        assertThatThrownBy(() -> Scripted.run(actor, ctx -> ctx.spawn(idle(), null)))
                .isInstanceOf(NullPointerException.class);
        ActorRef<Void> ok = Scripted.run(actor, ctx -> ctx.spawn(idle(), "ok-name_1.2:@&=+,!~*'$;"));
        assertThat(ok.path().name()).isEqualTo("ok-name_1.2:@&=+,!~*'$;");
    }

    @Test
    void stopStopsAChildAndRejectsActorsThatAreNotChildren() {
        ActorRef<Void> child = Scripted.run(actor, ctx -> ctx.spawn(idle(), "child"));
        ActorRef<Void> sibling = sys.spawn(idle(), "sibling");
        assertThatThrownBy(() -> Scripted.run(actor, ctx -> {
            ctx.stop(sibling);
            return null;
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(sibling.path().toString());
        assertThatThrownBy(() -> Scripted.run(actor, ctx -> {
            ctx.stop(ctx.self());
            return null;
        })).isInstanceOf(IllegalArgumentException.class);
        Scripted.exec(actor, ctx -> {
            ctx.watch(child);
            ctx.stop(child);
            return null;
        });
        assertThat(probe.receive()).isEqualTo(Watcher.terminated(child));
        assertThat(Scripted.<List<ActorRef<Void>>>run(actor, ActorContext::children)).isEmpty();
        assertThat(Scripted.<Object>run(actor, ctx -> ctx.child("child"))).isEqualTo(java.util.Optional.empty());
        Scripted.exec(actor, ctx -> {
            ctx.stop(child); // already stopped: nothing happens
            return null;
        });
    }

    @Test
    void childrenAndChildReflectTheLiveChildren() {
        ActorRef<Void> a = Scripted.run(actor, ctx -> ctx.spawn(idle(), "a"));
        ActorRef<Void> b = Scripted.run(actor, ctx -> ctx.spawn(idle(), "b"));
        assertThat(Scripted.<List<ActorRef<Void>>>run(actor, ActorContext::children)).containsExactlyInAnyOrder(a, b);
        assertThat(Scripted.<Object>run(actor, ctx -> ctx.child("a"))).isEqualTo(java.util.Optional.of(a));
        assertThat(Scripted.<Object>run(actor, ctx -> ctx.child("nope"))).isEqualTo(java.util.Optional.empty());
    }

    @Test
    void scheduleOnceSendsAfterTheDelayAndCanBeCancelled() {
        Probe<String> target = sys.probe();
        Cancellable sent = Scripted.run(actor, ctx -> ctx.scheduleOnce(Duration.ofSeconds(2), target.ref(), "late"));
        Cancellable cancelled = Scripted.run(actor,
                ctx -> ctx.scheduleOnce(Duration.ofSeconds(1), target.ref(), "never"));
        assertThat(cancelled.cancel()).isTrue();
        assertThat(cancelled.isCancelled()).isTrue();
        scheduler.advance(Duration.ofMillis(1_999));
        target.ref().tell("marker");
        assertThat(target.receive()).isEqualTo("marker");
        scheduler.advance(Duration.ofMillis(1));
        assertThat(target.receive()).isEqualTo("late");
        assertThat(sent.cancel()).isFalse();
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void aMessageAdapterConvertsOnTheActorsThread() {
        ActorRef<String> adapter = Scripted.run(actor, ctx -> ctx.messageAdapter(
                (String s) -> new Scripted.Cmd.Note("adapted " + s + " with " + ctx.children().size() + " children")));
        adapter.tell("hello"); // ctx.children() in the adapter throws unless on the actor's thread
        assertThat(probe.receive()).isEqualTo("adapted hello with 0 children");
        assertThat(adapter.path().parent()).isEqualTo(actor.path());
    }

    @Test
    void pipeToSelfDeliversTheMappedSuccessOnTheActorsThread() {
        CompletableFuture<Integer> future = new CompletableFuture<>();
        Scripted.exec(actor, ctx -> {
            ctx.pipeToSelf(future, (value, failure) ->
                    new Scripted.Cmd.Note("value " + value + " failure " + failure + " " + ctx.children().size()));
            return null;
        });
        future.complete(5); // completes on the test thread; the mapping must still run on the actor
        assertThat(probe.receive()).isEqualTo("value 5 failure null 0");
    }

    @Test
    void pipeToSelfDeliversTheUnwrappedFailure() {
        CompletableFuture<Integer> future = new CompletableFuture<>();
        IllegalStateException cause = new IllegalStateException("nope");
        Scripted.exec(actor, ctx -> {
            ctx.pipeToSelf(future.thenApply(x -> x), (value, failure) -> {
                ctx.children(); // on the actor's thread
                return new Scripted.Cmd.Note(failure);
            });
            return null;
        });
        future.completeExceptionally(new CompletionException(cause));
        assertThat(probe.receive()).isSameAs(cause);
    }

    sealed interface Question {
        record WhatIs(int n, ActorRef<Integer> replyTo) implements Question {}
    }

    @Test
    void askFromAnActorDeliversTheMappedReply() {
        ActorRef<Question> doubler = sys.spawn(Behaviors.receiveMessage(q -> switch (q) {
            case Question.WhatIs(int n, var replyTo) -> {
                replyTo.tell(n * 2);
                yield Behaviors.same();
            }
        }));
        Scripted.exec(actor, ctx -> {
            ctx.<Question, Integer>ask(doubler, r -> new Question.WhatIs(21, r), Duration.ofSeconds(5),
                    (reply, failure) -> new Scripted.Cmd.Note("reply " + reply + " " + ctx.children().size()));
            return null;
        });
        assertThat(probe.receive()).isEqualTo("reply 42 0");
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.pendingTasks() == 0);
    }

    @Test
    void askFromAnActorDeliversATimeoutException() {
        ActorRef<Question> silent = sys.spawn(Behaviors.ignore());
        Scripted.exec(actor, ctx -> {
            ctx.<Question, Integer>ask(silent, r -> new Question.WhatIs(1, r), Duration.ofSeconds(3),
                    (reply, failure) -> new Scripted.Cmd.Note(failure));
            return null;
        });
        scheduler.advance(Duration.ofSeconds(3));
        assertThat(probe.receive()).isInstanceOf(TimeoutException.class);
    }

    record Idle() {}

    @Test
    void receiveTimeoutFiresAfterEachIdlePeriodIsResetByMessagesAndCanBeCancelled() {
        Scripted.exec(actor, ctx -> {
            ctx.setReceiveTimeout(Duration.ofSeconds(1), new Scripted.Cmd.Note(new Idle()));
            return null;
        });
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(probe.receive()).isEqualTo(new Idle());
        scheduler.advance(Duration.ofSeconds(1)); // again after a further idle period
        assertThat(probe.receive()).isEqualTo(new Idle());

        scheduler.advance(Duration.ofMillis(500));
        actor.tell(new Scripted.Cmd.Note("activity"));
        assertThat(probe.receive()).isEqualTo("activity");
        scheduler.advance(Duration.ofMillis(600)); // 1.1 s since the last timeout, 0.6 s since the message
        actor.tell(new Scripted.Cmd.Note("marker"));
        assertThat(probe.receive()).isEqualTo("marker");
        // the marker itself restarted the idle period
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(probe.receive()).isEqualTo(new Idle());

        Scripted.exec(actor, ctx -> {
            ctx.cancelReceiveTimeout();
            return null;
        });
        scheduler.advance(Duration.ofSeconds(10));
        actor.tell(new Scripted.Cmd.Note("marker 2"));
        assertThat(probe.receive()).isEqualTo("marker 2");
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void cancelReceiveTimeoutDropsATimeoutMessageAlreadyInTheMailbox() throws Exception {
        Scripted.exec(actor, ctx -> {
            ctx.setReceiveTimeout(Duration.ofSeconds(1), new Scripted.Cmd.Note(new Idle()));
            return null;
        });
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> done = new CompletableFuture<>();
        actor.tell(new Scripted.Cmd.Run(ctx -> {
            blocked.countDown();
            release.await(30, TimeUnit.SECONDS);
            ctx.cancelReceiveTimeout();
            return null;
        }, done));
        assertThat(blocked.await(20, TimeUnit.SECONDS)).isTrue();
        scheduler.advance(Duration.ofSeconds(1)); // the timeout fires into the mailbox while the actor is busy
        actor.tell(new Scripted.Cmd.Note("after"));
        release.countDown();
        TestSystem.await(done);
        assertThat(probe.receive()).isEqualTo("after");
    }

    @Test
    void logPutsTheActorPathAndMessageClassIntoTheMdc() {
        // the actor's logger is named after the class that defines its behavior
        try (LogCapture log = LogCapture.of(Scripted.class, Level.INFO)) {
            Scripted.exec(actor, ctx -> {
                ctx.log().info("hello from the actor");
                return null;
            });
            ILoggingEvent event = log.events().stream()
                    .filter(e -> e.getFormattedMessage().equals("hello from the actor")).findFirst().orElseThrow();
            Map<String, String> mdc = event.getMDCPropertyMap();
            assertThat(mdc).containsEntry("troupe.actor", actor.path().toString())
                    .containsEntry("troupe.message", Scripted.Cmd.Run.class.getName());
        }
    }

    @Test
    void contextMethodsCalledFromAnotherThreadThrowNamingTheActorAndBothThreads() throws Exception {
        AtomicReference<ActorContext<Scripted.Cmd>> leaked = new AtomicReference<>();
        Scripted.exec(actor, ctx -> {
            leaked.set(ctx);
            return null;
        });
        ActorContext<Scripted.Cmd> ctx = leaked.get();
        ActorRef<Void> other = sys.spawn(idle());
        List<Consumer<ActorContext<Scripted.Cmd>>> calls = List.of(
                c -> c.log(), c -> c.spawn(idle(), "x"), c -> c.spawnAnonymous(idle()), c -> c.stop(other),
                c -> c.watch(other), c -> c.watchWith(other, new Scripted.Cmd.Note("x")), c -> c.unwatch(other),
                c -> c.children(), c -> c.child("x"),
                c -> c.scheduleOnce(Duration.ofSeconds(1), other.unsafeUpcast(), "x"),
                c -> c.messageAdapter((String s) -> new Scripted.Cmd.Note(s)),
                c -> c.pipeToSelf(new CompletableFuture<String>(), (v, f) -> new Scripted.Cmd.Note(v)),
                c -> c.<String, String>ask(other.unsafeUpcast(), r -> "x", Duration.ofSeconds(1),
                        (v, f) -> new Scripted.Cmd.Note(v)),
                c -> c.setReceiveTimeout(Duration.ofSeconds(1), new Scripted.Cmd.Note("x")),
                c -> c.cancelReceiveTimeout());

        // while the actor is idle
        for (Consumer<ActorContext<Scripted.Cmd>> call : calls) {
            assertThatThrownBy(() -> call.accept(ctx)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(actor.path().toString())
                    .hasMessageContaining(Thread.currentThread().getName());
        }
        // while the actor is processing a message on another thread
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> actorThread = new AtomicReference<>();
        CompletableFuture<Object> done = new CompletableFuture<>();
        actor.tell(new Scripted.Cmd.Run(c -> {
            actorThread.set(Thread.currentThread().getName());
            blocked.countDown();
            release.await(30, TimeUnit.SECONDS);
            return null;
        }, done));
        assertThat(blocked.await(20, TimeUnit.SECONDS)).isTrue();
        try {
            for (Consumer<ActorContext<Scripted.Cmd>> call : calls) {
                assertThatThrownBy(() -> call.accept(ctx)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining(actor.path().toString())
                        .hasMessageContaining(actorThread.get())
                        .hasMessageContaining(Thread.currentThread().getName());
            }
        } finally {
            release.countDown();
        }
        TestSystem.await(done);
        assertThat(ctx.self()).isEqualTo(actor); // self() and system() are fine from any thread
        assertThat(ctx.system().name()).isEqualTo(sys.system().name());
        assertThat(Scripted.<List<ActorRef<Void>>>run(actor, ActorContext::children)).isEmpty();
    }
}
