package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.actor.internal.DefaultScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Behaviors.withTimers: single, fixed-rate, fixed-delay, keys, cancellation, and clean-up on stop. */
class TimersTest {

    sealed interface Cmd {
        record Tick(String tag) implements Cmd {}
        record Do(TimerAction action, CompletableFuture<Object> result) implements Cmd {}
        record Marker(String tag) implements Cmd {}
        record Stop() implements Cmd {}
    }

    @FunctionalInterface
    interface TimerAction {
        Object apply(TimerScheduler<Cmd> timers) throws Exception;
    }

    /** Forwards ticks and markers to the probe; runs timer actions on request. */
    static Behavior<Cmd> timed(ActorRef<Object> report, AtomicReference<TimerScheduler<Cmd>> leak) {
        return Behaviors.withTimers(timers -> {
            leak.set(timers);
            return Behaviors.receiveMessage(msg -> switch (msg) {
                case Cmd.Tick tick -> {
                    report.tell(tick);
                    yield Behaviors.same();
                }
                case Cmd.Marker marker -> {
                    report.tell(marker);
                    yield Behaviors.same();
                }
                case Cmd.Do(var action, var result) -> {
                    try {
                        result.complete(action.apply(timers));
                    } catch (Exception e) {
                        result.completeExceptionally(e);
                    }
                    yield Behaviors.same();
                }
                case Cmd.Stop stop -> Behaviors.stopped();
            });
        });
    }

    final ManualScheduler scheduler = new ManualScheduler();
    final AtomicReference<TimerScheduler<Cmd>> leaked = new AtomicReference<>();

    TestSystem manualSystem() {
        return TestSystem.create("timers", TestSystem.settings().scheduler(() -> scheduler).build());
    }

    static Object run(ActorRef<Cmd> actor, TimerAction action) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        actor.tell(new Cmd.Do(action, result));
        return TestSystem.await(result);
    }

    /** Proves nothing else was delivered before now: a marker sent now must be the next message. */
    static void expectNothingBefore(ActorRef<Cmd> actor, Probe<Object> probe, String tag) {
        actor.tell(new Cmd.Marker(tag));
        assertThat(probe.receive()).isEqualTo(new Cmd.Marker(tag));
    }

    @Test
    void aSingleTimerFiresOnceAfterItsDelayAndIsThenInactive() {
        try (TestSystem sys = manualSystem()) {
            Probe<Object> probe = sys.probe();
            ActorRef<Cmd> actor = sys.spawn(timed(probe.ref(), leaked));
            run(actor, t -> {
                t.startSingleTimer("k", new Cmd.Tick("once"), Duration.ofSeconds(1));
                return null;
            });
            assertThat(run(actor, t -> t.isTimerActive("k"))).isEqualTo(true);
            scheduler.advance(Duration.ofMillis(999));
            expectNothingBefore(actor, probe, "m1");
            scheduler.advance(Duration.ofMillis(1));
            assertThat(probe.receive()).isEqualTo(new Cmd.Tick("once"));
            assertThat(run(actor, t -> t.isTimerActive("k"))).isEqualTo(false);
            scheduler.advance(Duration.ofSeconds(10));
            expectNothingBefore(actor, probe, "m2");
        }
    }

    @Test
    void aSingleTimerKeyedByItsMessage() {
        try (TestSystem sys = manualSystem()) {
            Probe<Object> probe = sys.probe();
            ActorRef<Cmd> actor = sys.spawn(timed(probe.ref(), leaked));
            Cmd.Tick tick = new Cmd.Tick("self-keyed");
            run(actor, t -> {
                t.startSingleTimer(tick, Duration.ofSeconds(1));
                return null;
            });
            assertThat(run(actor, t -> t.isTimerActive(tick))).isEqualTo(true);
            scheduler.advance(Duration.ofSeconds(1));
            assertThat(probe.receive()).isEqualTo(tick);
        }
    }

    @Test
    void aFixedRateTimerFiresEveryIntervalUntilCancelled() {
        try (TestSystem sys = manualSystem()) {
            Probe<Object> probe = sys.probe();
            ActorRef<Cmd> actor = sys.spawn(timed(probe.ref(), leaked));
            run(actor, t -> {
                t.startTimerAtFixedRate("rate", new Cmd.Tick("rate"), Duration.ofMillis(500), Duration.ofSeconds(1));
                return null;
            });
            scheduler.advance(Duration.ofMillis(500));
            assertThat(probe.receive()).isEqualTo(new Cmd.Tick("rate"));
            scheduler.advance(Duration.ofSeconds(3));
            assertThat(probe.receiveN(3)).containsOnly(new Cmd.Tick("rate"));
            assertThat(run(actor, t -> t.isTimerActive("rate"))).isEqualTo(true);
            run(actor, t -> {
                t.cancel("rate");
                return null;
            });
            assertThat(run(actor, t -> t.isTimerActive("rate"))).isEqualTo(false);
            assertThat(scheduler.pendingTasks()).isZero();
            scheduler.advance(Duration.ofSeconds(5));
            expectNothingBefore(actor, probe, "after cancel");
        }
    }

    @Test
    void aFixedDelayTimerFiresEveryDelay() {
        try (TestSystem sys = manualSystem()) {
            Probe<Object> probe = sys.probe();
            ActorRef<Cmd> actor = sys.spawn(timed(probe.ref(), leaked));
            run(actor, t -> {
                t.startTimerWithFixedDelay("delay", new Cmd.Tick("delay"), Duration.ofSeconds(1));
                return null;
            });
            scheduler.advance(Duration.ofMillis(999));
            expectNothingBefore(actor, probe, "not yet");
            scheduler.advance(Duration.ofMillis(1));
            assertThat(probe.receive()).isEqualTo(new Cmd.Tick("delay"));
            scheduler.advance(Duration.ofSeconds(2));
            assertThat(probe.receiveN(2)).containsOnly(new Cmd.Tick("delay"));
            run(actor, t -> {
                t.cancelAll();
                return null;
            });
            assertThat(scheduler.pendingTasks()).isZero();
        }
    }

    @Test
    void startingATimerWithAKeyInUseReplacesTheOldOne() {
        try (TestSystem sys = manualSystem()) {
            Probe<Object> probe = sys.probe();
            ActorRef<Cmd> actor = sys.spawn(timed(probe.ref(), leaked));
            run(actor, t -> {
                t.startSingleTimer("k", new Cmd.Tick("old"), Duration.ofSeconds(1));
                t.startSingleTimer("k", new Cmd.Tick("new"), Duration.ofSeconds(2));
                return null;
            });
            assertThat(scheduler.pendingTasks()).isOne();
            scheduler.advance(Duration.ofSeconds(5));
            assertThat(probe.receive()).isEqualTo(new Cmd.Tick("new"));
            expectNothingBefore(actor, probe, "only new");
        }
    }

    /** The timer fires into the mailbox while the actor is blocked; then the handler changes the timer. */
    private void timerFiresWhileBlockedThen(TimerAction afterRelease, Object expectedFirst) throws Exception {
        try (TestSystem sys = manualSystem()) {
            Probe<Object> probe = sys.probe();
            ActorRef<Cmd> actor = sys.spawn(timed(probe.ref(), leaked));
            run(actor, t -> {
                t.startSingleTimer("k", new Cmd.Tick("stale"), Duration.ofSeconds(1));
                return null;
            });
            CountDownLatch blocked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Object> done = new CompletableFuture<>();
            actor.tell(new Cmd.Do(t -> {
                blocked.countDown();
                release.await(30, TimeUnit.SECONDS);
                return afterRelease.apply(t);
            }, done));
            assertThat(blocked.await(20, TimeUnit.SECONDS)).isTrue();
            scheduler.advance(Duration.ofSeconds(1)); // runs the timer task on this thread: the tick is queued now
            assertThat(scheduler.pendingTasks()).isZero();
            actor.tell(new Cmd.Marker("behind the stale tick"));
            release.countDown();
            TestSystem.await(done);
            if (expectedFirst != null) {
                scheduler.advance(Duration.ofSeconds(1));
            }
            Object first = probe.receive();
            if (expectedFirst == null) {
                assertThat(first).isEqualTo(new Cmd.Marker("behind the stale tick"));
            } else {
                assertThat(first).isEqualTo(new Cmd.Marker("behind the stale tick"));
                assertThat(probe.receive()).isEqualTo(expectedFirst);
            }
        }
    }

    @Test
    void aCancelledTimersMessageAlreadyInTheMailboxIsNotDelivered() throws Exception {
        timerFiresWhileBlockedThen(t -> {
            t.cancel("k");
            return null;
        }, null);
    }

    @Test
    void aReplacedTimersMessageAlreadyInTheMailboxIsNotDelivered() throws Exception {
        timerFiresWhileBlockedThen(t -> {
            t.startSingleTimer("k", new Cmd.Tick("fresh"), Duration.ofSeconds(1));
            return null;
        }, new Cmd.Tick("fresh"));
    }

    @Test
    void timersAreCancelledWhenTheActorStops() {
        try (TestSystem sys = manualSystem()) {
            Probe<Object> probe = sys.probe();
            ActorRef<Cmd> actor = sys.spawn(timed(probe.ref(), leaked));
            run(actor, t -> {
                t.startTimerAtFixedRate("a", new Cmd.Tick("a"), Duration.ofSeconds(1));
                t.startSingleTimer("b", new Cmd.Tick("b"), Duration.ofSeconds(5));
                return null;
            });
            assertThat(scheduler.pendingTasks()).isEqualTo(2);
            ActorRef<Watcher.Cmd> watcher = sys.spawn(Watcher.behavior(probe.ref()));
            watcher.tell(new Watcher.Cmd.Watch(actor));
            probe.receive(Watcher.Watching.class);
            actor.tell(new Cmd.Stop());
            assertThat(probe.receive()).isEqualTo(Watcher.terminated(actor));
            assertThat(scheduler.pendingTasks()).isZero();
        }
    }

    @Test
    void timersWorkWithTheDefaultSchedulerAndAreCancelledOnStop() {
        try (TestSystem sys = TestSystem.create("realtimers")) {
            Probe<Object> probe = sys.probe();
            ActorRef<Cmd> actor = sys.spawn(timed(probe.ref(), leaked));
            run(actor, t -> {
                t.startSingleTimer("once", new Cmd.Tick("once"), Duration.ofMillis(10));
                t.startTimerAtFixedRate("rate", new Cmd.Tick("rate"), Duration.ofMillis(10));
                t.startTimerWithFixedDelay("delay", new Cmd.Tick("delay"), Duration.ofMillis(10));
                return null;
            });
            int once = 0;
            int rate = 0;
            int delay = 0;
            while (once == 0 || rate < 3 || delay < 3) {
                switch (((Cmd.Tick) probe.receive()).tag()) {
                    case "once" -> once++;
                    case "rate" -> rate++;
                    case "delay" -> delay++;
                    default -> throw new AssertionError();
                }
            }
            assertThat(once).isOne();
            actor.tell(new Cmd.Stop());
            DefaultScheduler real = (DefaultScheduler) sys.system().scheduler();
            await().atMost(Duration.ofSeconds(10)).until(() -> real.pendingTasks() == 0);
        }
    }

    @Test
    void severalTimersWithDifferentKeysRunSideBySideAndCancelOneByOne() {
        try (TestSystem sys = manualSystem()) {
            Probe<Object> probe = sys.probe();
            ActorRef<Cmd> actor = sys.spawn(timed(probe.ref(), leaked));
            run(actor, t -> {
                t.startSingleTimer("a", new Cmd.Tick("a"), Duration.ofSeconds(1));
                t.startSingleTimer("b", new Cmd.Tick("b"), Duration.ofSeconds(2));
                t.startTimerAtFixedRate("c", new Cmd.Tick("c"), Duration.ofSeconds(3));
                return null;
            });
            assertThat(run(actor, t -> List.of(t.isTimerActive("a"), t.isTimerActive("b"), t.isTimerActive("c"))))
                    .isEqualTo(List.of(true, true, true));
            run(actor, t -> {
                t.cancel("a");
                return null;
            });
            scheduler.advance(Duration.ofSeconds(3));
            assertThat(probe.receive()).isEqualTo(new Cmd.Tick("b"));
            assertThat(probe.receive()).isEqualTo(new Cmd.Tick("c"));
            expectNothingBefore(actor, probe, "m1");
            assertThat(run(actor, t -> List.of(t.isTimerActive("a"), t.isTimerActive("b"), t.isTimerActive("c"))))
                    .isEqualTo(List.of(false, false, true));
            run(actor, t -> {
                t.cancelAll();
                t.startSingleTimer("d", new Cmd.Tick("d"), Duration.ofSeconds(1));
                return null;
            });
            scheduler.advance(Duration.ofSeconds(3));
            assertThat(probe.receive()).isEqualTo(new Cmd.Tick("d"));
            expectNothingBefore(actor, probe, "m2");
        }
    }

    @Test
    void badArgumentsAndCallsFromOtherThreadsAreRejected() {
        try (TestSystem sys = manualSystem()) {
            Probe<Object> probe = sys.probe();
            ActorRef<Cmd> actor = sys.spawn(timed(probe.ref(), leaked));
            assertThatThrownBy(() -> run(actor, t -> {
                t.startSingleTimer("k", new Cmd.Tick("x"), Duration.ofMillis(-1));
                return null;
            })).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> run(actor, t -> {
                t.startTimerAtFixedRate("k", new Cmd.Tick("x"), Duration.ZERO);
                return null;
            })).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> run(actor, t -> {
                t.startTimerWithFixedDelay("k", new Cmd.Tick("x"), Duration.ofSeconds(1), Duration.ofSeconds(-1));
                return null;
            })).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> run(actor, t -> {
                t.startSingleTimer(null, new Cmd.Tick("x"), Duration.ofSeconds(1));
                return null;
            })).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> run(actor, t -> t.isTimerActive(null))).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> run(actor, t -> {
                t.cancel(null);
                return null;
            })).isInstanceOf(NullPointerException.class);
            TimerScheduler<Cmd> timers = leaked.get();
            assertThatThrownBy(() -> timers.startSingleTimer("k", new Cmd.Tick("x"), Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(actor.path().toString());
            assertThatThrownBy(() -> timers.isTimerActive("k")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> timers.cancel("k")).isInstanceOf(IllegalStateException.class);
            assertThat(scheduler.pendingTasks()).isZero();
        }
    }
}
