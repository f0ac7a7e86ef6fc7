package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Stopping is asynchronous and depth first; death watch delivers exactly one Terminated, in order. */
class StopAndDeathWatchTest {

    sealed interface Target {
        record Hold(CountDownLatch blocked, CountDownLatch release) implements Target {}
        record Stop() implements Target {}
        record Msg(int n) implements Target {}
        record SendAndStop(ActorRef<Watcher.Cmd> to, int count) implements Target {}
    }

    static Behavior<Target> target() {
        return Behaviors.receiveMessage(msg -> switch (msg) {
            case Target.Hold(var blocked, var release) -> {
                blocked.countDown();
                release.await(30, TimeUnit.SECONDS);
                yield Behaviors.stopped();
            }
            case Target.Stop stop -> Behaviors.stopped();
            case Target.Msg m -> Behaviors.same();
            case Target.SendAndStop(var to, int count) -> {
                for (int i = 0; i < count; i++) {
                    to.tell(new Watcher.Cmd.Forward(i));
                }
                yield Behaviors.stopped();
            }
        });
    }

    TestSystem sys;

    @BeforeEach
    void start() {
        sys = TestSystem.create("stop");
    }

    @AfterEach
    void stop() {
        sys.close();
    }

    record Started(String path) {}
    record Stopped(String path) {}

    static Behavior<Void> treeNode(int depth, int fanout, Props props, ActorRef<Object> report) {
        return Behaviors.setup(ctx -> {
            if (depth > 0) {
                for (int i = 0; i < fanout; i++) {
                    ctx.spawn(treeNode(depth - 1, fanout, props, report), "n" + i, props);
                }
            }
            String path = ctx.self().path().toString();
            report.tell(new Started(path));
            return Behaviors.receiveSignal((c, signal) -> {
                if (signal instanceof PostStop) {
                    report.tell(new Stopped(path));
                }
                return Behaviors.same();
            });
        });
    }

    @ParameterizedTest
    @MethodSource("dev.troupe.actor.RuntimeMatrix#props")
    void stoppingAnActorStopsItsDescendantsDepthFirstBeforeItsOwnPostStop(Props props) {
        Probe<Object> probe = sys.probe();
        ActorRef<Void> root = sys.spawn(treeNode(3, 3, props, probe.ref()), "root", props);
        int nodes = 1 + 3 + 9 + 27;
        for (Object m : probe.receiveN(nodes)) {
            assertThat(m).isInstanceOf(Started.class);
        }
        sys.inGuardian(ctx -> ctx.stop(root));
        List<String> stopOrder = new ArrayList<>();
        for (Object m : probe.receiveN(nodes)) {
            stopOrder.add(((Stopped) m).path());
        }
        assertThat(stopOrder).doesNotHaveDuplicates().hasSize(nodes);
        assertThat(stopOrder.getLast()).isEqualTo(root.path().toString());
        for (int i = 0; i < stopOrder.size(); i++) {
            String path = stopOrder.get(i);
            for (int j = i + 1; j < stopOrder.size(); j++) {
                assertThat(stopOrder.get(j)).as("%s stopped after its ancestor", stopOrder.get(j))
                        .doesNotStartWith(path + "/");
            }
        }
    }

    @ParameterizedTest
    // not on the calling-thread dispatcher: an actor blocks on a latch that the test thread releases later
    @MethodSource("dev.troupe.actor.RuntimeMatrix#concurrentProps")
    void stopReturnsBeforeTheChildHasStopped(Props props) throws Exception {
        CountDownLatch inPostStop = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Probe<Object> probe = sys.probe();
        ActorRef<Void> child = sys.spawn(Behaviors.receiveSignal((ctx, signal) -> {
            if (signal instanceof PostStop) {
                inPostStop.countDown();
                release.await(30, TimeUnit.SECONDS);
            }
            return Behaviors.same();
        }), props);
        ActorRef<Watcher.Cmd> watcher = sys.spawn(Watcher.behavior(probe.ref()), props);
        watcher.tell(new Watcher.Cmd.Watch(child));
        probe.receive(Watcher.Watching.class);

        sys.inGuardian(ctx -> ctx.stop(child)); // returns while the child's PostStop is still blocked
        assertThat(inPostStop.await(20, TimeUnit.SECONDS)).isTrue();
        watcher.tell(new Watcher.Cmd.Ping("during PostStop"));
        assertThat(probe.receive()).as("no Terminated while PostStop runs").isEqualTo(new Watcher.Pong("during PostStop"));
        release.countDown();
        assertThat(probe.receive()).isEqualTo(Watcher.terminated(child));
    }

    @ParameterizedTest
    // not on the calling-thread dispatcher: an actor blocks on a latch that the test thread releases later
    @MethodSource("dev.troupe.actor.RuntimeMatrix#concurrentProps")
    void messagesLeftInTheMailboxAndLaterTellsAreDeadLettersWithTheRightRecipient(Props props) throws Exception {
        Probe<DeadLetter> deadLetters = sys.probe();
        sys.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
        Probe<Object> probe = sys.probe();
        ActorRef<Target> target = sys.spawn(target(), props);
        ActorRef<Watcher.Cmd> watcher = sys.spawn(Watcher.behavior(probe.ref()), props);
        watcher.tell(new Watcher.Cmd.Watch(target));
        probe.receive(Watcher.Watching.class);
        long before = sys.system().deadLetterCount();

        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        target.tell(new Target.Hold(blocked, release)); // the handler stops the actor when released
        assertThat(blocked.await(20, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 1_000; i++) {
            target.tell(new Target.Msg(i));
        }
        release.countDown();
        assertThat(probe.receive()).isEqualTo(Watcher.terminated(target));
        for (int i = 1_000; i < 1_005; i++) {
            target.tell(new Target.Msg(i));
        }

        for (int i = 0; i < 1_005; i++) {
            DeadLetter d = deadLetters.receive();
            assertThat(d.message()).isEqualTo(new Target.Msg(i));
            assertThat(d.recipient()).isEqualTo(target);
            assertThat(d.sender()).isEmpty();
        }
        assertThat(sys.system().deadLetterCount() - before).isEqualTo(1_005);
    }

    @ParameterizedTest
    @MethodSource("dev.troupe.actor.RuntimeMatrix#props")
    void terminatedReachesEachWatcherExactlyOnceEvenWhenWatchedTwice(Props props) {
        ActorRef<Target> target = sys.spawn(target(), props);
        List<Probe<Object>> probes = new ArrayList<>();
        List<ActorRef<Watcher.Cmd>> watchers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Probe<Object> p = sys.probe();
            ActorRef<Watcher.Cmd> w = sys.spawn(Watcher.behavior(p.ref()), props);
            w.tell(new Watcher.Cmd.Watch(target));
            w.tell(new Watcher.Cmd.Watch(target)); // watching again does nothing
            p.receive(Watcher.Watching.class);
            p.receive(Watcher.Watching.class);
            probes.add(p);
            watchers.add(w);
        }
        target.tell(new Target.Stop());
        for (int i = 0; i < 3; i++) {
            assertThat(probes.get(i).receive()).isEqualTo(Watcher.terminated(target));
        }
        for (int i = 0; i < 3; i++) {
            settle(watchers.get(i), probes.get(i));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.troupe.actor.RuntimeMatrix#props")
    void watchingAnActorThatAlreadyStoppedYieldsExactlyOneTerminated(Props props) {
        Probe<Object> first = sys.probe();
        ActorRef<Target> target = sys.spawn(target(), props);
        ActorRef<Watcher.Cmd> w1 = sys.spawn(Watcher.behavior(first.ref()), props);
        w1.tell(new Watcher.Cmd.Watch(target));
        first.receive(Watcher.Watching.class);
        target.tell(new Target.Stop());
        assertThat(first.receive()).isEqualTo(Watcher.terminated(target));

        Probe<Object> late = sys.probe();
        ActorRef<Watcher.Cmd> w2 = sys.spawn(Watcher.behavior(late.ref()), props);
        w2.tell(new Watcher.Cmd.Watch(target));
        assertThat(late.receive()).isEqualTo(new Watcher.Watching(target));
        assertThat(late.receive()).isEqualTo(Watcher.terminated(target));
        settle(w2, late);
    }

    @ParameterizedTest
    @MethodSource("dev.troupe.actor.RuntimeMatrix#props")
    void watchWithDeliversTheCustomMessageInsteadOfTerminated(Props props) {
        Probe<Object> probe = sys.probe();
        ActorRef<Target> target = sys.spawn(target(), props);
        ActorRef<Watcher.Cmd> w = sys.spawn(Watcher.behavior(probe.ref()), props);
        w.tell(new Watcher.Cmd.WatchWith(target, "custom"));
        probe.receive(Watcher.Watching.class);
        target.tell(new Target.Stop());
        assertThat(probe.receive()).isEqualTo(new Watcher.Cmd.Died("custom"));
        settle(w, probe);
    }

    @ParameterizedTest
    @MethodSource("dev.troupe.actor.RuntimeMatrix#props")
    void watchWithOnADeadActorDeliversTheCustomMessage(Props props) {
        Probe<Object> probe = sys.probe();
        ActorRef<Target> target = sys.spawn(target(), "doomed", props);
        target.tell(new Target.Stop());
        await().atMost(Duration.ofSeconds(20)).until(() -> guardianHasNoChild("doomed"));
        ActorRef<Watcher.Cmd> w = sys.spawn(Watcher.behavior(probe.ref()), props);
        w.tell(new Watcher.Cmd.WatchWith(target, "late"));
        probe.receive(Watcher.Watching.class);
        assertThat(probe.receive()).isEqualTo(new Watcher.Cmd.Died("late"));
    }

    /**
     * Proves that {@code watcher} has nothing more to report from before this call: a death notification
     * already sent to it is queued behind at most the first ping, so anything it causes shows up before the
     * second pong.
     */
    static void settle(ActorRef<Watcher.Cmd> watcher, Probe<Object> probe) {
        watcher.tell(new Watcher.Cmd.Ping("settle-1"));
        assertThat(probe.receive()).isEqualTo(new Watcher.Pong("settle-1"));
        watcher.tell(new Watcher.Cmd.Ping("settle-2"));
        assertThat(probe.receive()).isEqualTo(new Watcher.Pong("settle-2"));
    }

    private boolean guardianHasNoChild(String name) {
        boolean[] none = new boolean[1];
        sys.inGuardian(ctx -> none[0] = ctx.child(name).isEmpty());
        return none[0];
    }

    @ParameterizedTest
    // not on the calling-thread dispatcher: an actor blocks on a latch that the test thread releases later
    @MethodSource("dev.troupe.actor.RuntimeMatrix#concurrentProps")
    void unwatchAfterTheNotificationArrivedButBeforeItIsProcessedSuppressesTerminated(Props props)
            throws Exception {
        Probe<Object> probe = sys.probe();
        ActorRef<Target> target = sys.spawn(target(), "watched", props);
        ActorRef<Watcher.Cmd> w = sys.spawn(Watcher.behavior(probe.ref()), props);
        w.tell(new Watcher.Cmd.Watch(target));
        probe.receive(Watcher.Watching.class);

        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        w.tell(new Watcher.Cmd.Block(blocked, release));
        assertThat(blocked.await(20, TimeUnit.SECONDS)).isTrue();
        target.tell(new Target.Stop());
        // the parent hears of the death after every watcher was notified
        await().atMost(Duration.ofSeconds(20)).until(() -> guardianHasNoChild("watched"));
        w.tell(new Watcher.Cmd.Unwatch(target)); // queued before the watcher even sees the notification
        release.countDown();
        assertThat(probe.receive()).isEqualTo(new Watcher.Unwatched(target));
        settle(w, probe);
    }

    @ParameterizedTest
    @MethodSource("dev.troupe.actor.RuntimeMatrix#props")
    void unwatchBeforeTheTargetStopsSuppressesTerminated(Props props) {
        Probe<Object> probe = sys.probe();
        Probe<Object> control = sys.probe();
        ActorRef<Target> target = sys.spawn(target(), "unwatched", props);
        ActorRef<Watcher.Cmd> w = sys.spawn(Watcher.behavior(probe.ref()), props);
        ActorRef<Watcher.Cmd> c = sys.spawn(Watcher.behavior(control.ref()), props);
        w.tell(new Watcher.Cmd.Watch(target));
        probe.receive(Watcher.Watching.class);
        c.tell(new Watcher.Cmd.Watch(target));
        control.receive(Watcher.Watching.class);
        w.tell(new Watcher.Cmd.Unwatch(target));
        probe.receive(Watcher.Unwatched.class);
        target.tell(new Target.Stop());
        assertThat(control.receive()).isEqualTo(Watcher.terminated(target));
        await().atMost(Duration.ofSeconds(20)).until(() -> guardianHasNoChild("unwatched"));
        settle(w, probe);
    }

    @ParameterizedTest
    // not on the calling-thread dispatcher: an actor blocks on a latch that the test thread releases later
    @MethodSource("dev.troupe.actor.RuntimeMatrix#concurrentProps")
    void terminatedComesAfterEveryMessageTheDeadActorSentToTheWatcher(Props props) throws Exception {
        int count = 10_000;
        Probe<Object> probe = sys.probe();
        ActorRef<Target> target = sys.spawn(target(), "sender", props);
        ActorRef<Watcher.Cmd> w = sys.spawn(Watcher.behavior(probe.ref()), props);
        w.tell(new Watcher.Cmd.Watch(target));
        probe.receive(Watcher.Watching.class);

        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        w.tell(new Watcher.Cmd.Block(blocked, release)); // the watcher is busy while the target sends and dies
        assertThat(blocked.await(20, TimeUnit.SECONDS)).isTrue();
        target.tell(new Target.SendAndStop(w, count));
        await().atMost(Duration.ofSeconds(20)).until(() -> guardianHasNoChild("sender"));
        release.countDown();
        for (int i = 0; i < count; i++) {
            assertThat(probe.receive()).isEqualTo(new Watcher.Seen(i));
        }
        assertThat(probe.receive()).isEqualTo(Watcher.terminated(target));
    }
}
