package dev.troupe.actor;

import static dev.troupe.actor.SupervisorStrategy.escalate;
import static dev.troupe.actor.SupervisorStrategy.restart;
import static dev.troupe.actor.SupervisorStrategy.resume;
import static dev.troupe.actor.SupervisorStrategy.stop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.actor.Supervisee.ChildStarted;
import dev.troupe.actor.Supervisee.ChildStopped;
import dev.troupe.actor.Supervisee.Cmd;
import dev.troupe.actor.Supervisee.Processed;
import dev.troupe.actor.Supervisee.SignalSeen;
import dev.troupe.actor.Supervisee.Started;
import dev.troupe.actor.Supervisee.State;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each supervisor strategy on its own, with the exact story each actor reports: starts (incarnation numbers),
 * messages processed, signals seen, children stopped or kept, timers, receive timeout and watches dropped.
 */
class SupervisionStrategiesTest {
    private static final String MATRIX = "dev.troupe.actor.RuntimeMatrix#props";

    private final ManualScheduler scheduler = new ManualScheduler();
    private TestSystem sys;
    private Probe<Object> report;

    private void start() {
        sys = TestSystem.create("supervision", TestSystem.settings().scheduler(() -> scheduler).build());
        report = sys.probe();
    }

    @AfterEach
    void close() {
        if (sys != null) {
            sys.close();
        }
    }

    private void expect(Object... story) {
        for (Object expected : story) {
            assertThat(report.receive()).isEqualTo(expected);
        }
    }

    private static IllegalStateException boom(String what) {
        return new IllegalStateException(what);
    }

    private ActorRef<Cmd> spawnSupervised(Function<Behavior<Cmd>, Behavior<Cmd>> supervise, Props props) {
        ActorRef<Cmd> worker = sys.spawn(supervise.apply(Supervisee.behavior("w", report.ref(), new AtomicInteger())),
                "w", props);
        expect(new Started("w", 1));
        return worker;
    }

    // ---- resume -----------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource(MATRIX)
    void resumeKeepsStateAndBehaviorAndDropsOnlyTheFailingMessage(Props props) {
        start();
        // tag::resume[]
        Behavior<Cmd> resilient = Behaviors.supervise(Supervisee.behavior("w", report.ref(), new AtomicInteger()))
                .onFailure(IllegalStateException.class, SupervisorStrategy.resume());
        // end::resume[]
        ActorRef<Cmd> w = sys.spawn(resilient, "w", props);
        expect(new Started("w", 1));

        w.tell(new Cmd.Inc());
        w.tell(new Cmd.Work(1));
        w.tell(new Cmd.Fail(boom("resume me")));
        w.tell(new Cmd.Work(2));
        w.tell(new Cmd.Inc());
        w.tell(new Cmd.Get());

        // No PreRestart, no new start: the same incarnation with its counter intact, only the failure dropped.
        expect(new Processed("w", 1, 1), new Processed("w", 1, 2), new State("w", 1, 2, List.of()));
    }

    // ---- restart ----------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource(MATRIX)
    void restartSignalsPreRestartOnceThenStartsAfreshAndKeepsTheMailbox(Props props) {
        start();
        // tag::restart[]
        Behavior<Cmd> restarting = Behaviors.supervise(Supervisee.behavior("w", report.ref(), new AtomicInteger()))
                .onFailure(IllegalStateException.class, SupervisorStrategy.restart());
        // end::restart[]
        ActorRef<Cmd> w = sys.spawn(restarting, "w", props);
        expect(new Started("w", 1));

        w.tell(new Cmd.Inc());
        w.tell(new Cmd.Work(1));
        w.tell(new Cmd.Fail(boom("first")));
        w.tell(new Cmd.Work(2));
        w.tell(new Cmd.Inc());
        w.tell(new Cmd.Fail(boom("second")));
        w.tell(new Cmd.Get());

        expect(new Processed("w", 1, 1),
                new SignalSeen("w", 1, PreRestart.INSTANCE), // to the failed incarnation, no PostStop
                new Started("w", 2),
                new Processed("w", 2, 2), // the message after the failing one is processed by the new one
                new SignalSeen("w", 2, PreRestart.INSTANCE),
                new Started("w", 3),
                new State("w", 3, 0, List.of())); // fresh state
        sys.inGuardian(ctx -> ctx.stop(w));
        expect(new SignalSeen("w", 3, PostStop.INSTANCE)); // only the incarnation that stops sees PostStop
    }

    @ParameterizedTest
    @MethodSource(MATRIX)
    void restartStopsTheChildrenFirstAndTheNewIncarnationCanReuseTheirNames(Props props) {
        start();
        ActorRef<Cmd> w = spawnSupervised(b -> Behaviors.supervise(b).onFailure(IllegalStateException.class,
                restart()), props);
        Supervisee.spawnChild(w, "c1", report.ref());
        expect(new ChildStarted("c1"));
        Supervisee.spawnChild(w, "c2", report.ref());
        expect(new ChildStarted("c2"));

        w.tell(new Cmd.Fail(boom("restart")));

        assertThat(report.receive()).isEqualTo(new SignalSeen("w", 1, PreRestart.INSTANCE));
        // Both children stop (in any order) before the new incarnation starts.
        assertThat(report.receiveN(2)).containsExactlyInAnyOrder(new ChildStopped("c1"), new ChildStopped("c2"));
        expect(new Started("w", 2));
        Supervisee.spawnChild(w, "c1", report.ref());
        expect(new ChildStarted("c1"));
        w.tell(new Cmd.Get());
        expect(new State("w", 2, 0, List.of("c1")));
    }

    @ParameterizedTest
    @MethodSource(MATRIX)
    void restartWithKeepChildrenKeepsThem(Props props) {
        start();
        ActorRef<Cmd> w = spawnSupervised(b -> Behaviors.supervise(b).onFailure(IllegalStateException.class,
                // tag::keep-children[]
                SupervisorStrategy.restart().keepChildren()
                // end::keep-children[]
        ), props);
        ActorRef<Void> child = Supervisee.spawnChild(w, "c", report.ref());
        expect(new ChildStarted("c"));

        w.tell(new Cmd.Fail(boom("restart")));
        w.tell(new Cmd.Get());

        expect(new SignalSeen("w", 1, PreRestart.INSTANCE), new Started("w", 2), new State("w", 2, 0, List.of("c")));
        sys.inGuardian(ctx -> ctx.stop(w));
        expect(new ChildStopped("c"), new SignalSeen("w", 2, PostStop.INSTANCE)); // the kept child stops with it
        assertThat(child.path().parent()).isEqualTo(w.path());
    }

    @ParameterizedTest
    @MethodSource(MATRIX)
    void restartCancelsTimersAndTheReceiveTimeout(Props props) {
        start();
        ActorRef<Cmd> w = spawnSupervised(b -> Behaviors.supervise(b).onFailure(IllegalStateException.class,
                restart()), props);
        w.tell(new Cmd.StartTimer("t", Duration.ofSeconds(1)));
        w.tell(new Cmd.SetReceiveTimeout(Duration.ofSeconds(2)));
        w.tell(new Cmd.Get());
        expect(new State("w", 1, 0, List.of()));
        assertThat(scheduler.pendingTasks()).as("the timer and the receive timeout").isEqualTo(2);

        w.tell(new Cmd.Fail(boom("restart")));
        expect(new SignalSeen("w", 1, PreRestart.INSTANCE), new Started("w", 2));
        assertThat(scheduler.pendingTasks()).isZero();

        scheduler.advance(Duration.ofSeconds(10));
        w.tell(new Cmd.Get());
        expect(new State("w", 2, 0, List.of())); // neither Ticked nor ReceiveTimedOut came first

        // The new incarnation's own timers work as usual.
        w.tell(new Cmd.StartTimer("t", Duration.ofSeconds(1)));
        w.tell(new Cmd.Get());
        expect(new State("w", 2, 0, List.of()));
        scheduler.advance(Duration.ofSeconds(1));
        expect(new Supervisee.Ticked("w", 2, "t"));
    }

    @ParameterizedTest
    @MethodSource(MATRIX)
    void restartDropsWatches(Props props) {
        start();
        ActorRef<Cmd> w = spawnSupervised(b -> Behaviors.supervise(b).onFailure(IllegalStateException.class,
                restart()), props);
        ActorRef<String> watchedBefore = sys.spawn(Behaviors.<String>ignore(), "before", props);
        ActorRef<String> watchedAfter = sys.spawn(Behaviors.<String>ignore(), "after", props);
        Probe<Object> observer = sys.probe();
        ActorRef<Watcher.Cmd> watcher = sys.spawn(Watcher.behavior(observer.ref()));
        watcher.tell(new Watcher.Cmd.Watch(watchedBefore));
        observer.receive(Watcher.Watching.class);

        w.tell(new Cmd.Watch(watchedBefore));
        w.tell(new Cmd.Fail(boom("restart")));
        w.tell(new Cmd.Watch(watchedAfter));
        w.tell(new Cmd.Get());
        expect(new SignalSeen("w", 1, PreRestart.INSTANCE), new Started("w", 2), new State("w", 2, 0, List.of()));

        sys.inGuardian(ctx -> ctx.stop(watchedBefore));
        observer.expect(Watcher.terminated(watchedBefore));
        sys.inGuardian(ctx -> ctx.stop(watchedAfter));
        // The watch made before the restart is gone: the first signal is for the one made after it.
        expect(new SignalSeen("w", 2, Watcher.terminated(watchedAfter)));
    }

    // ---- restart limits and escalation ------------------------------------------------------------------

    private ActorRef<Cmd> limitedChild(ActorRef<Watcher.Cmd> parent) {
        // tag::restart-limit[]
        Behavior<Cmd> limited = Behaviors.supervise(Supervisee.behavior("w", report.ref(), new AtomicInteger()))
                .onFailure(IllegalStateException.class,
                        SupervisorStrategy.restart().withLimit(2, Duration.ofSeconds(10)));
        // end::restart-limit[]
        ActorRef<Cmd> w = Watcher.spawnChild(parent, limited, "w");
        expect(new Started("w", 1));
        return w;
    }

    @ParameterizedTest
    @MethodSource(MATRIX)
    void exceedingTheRestartLimitWithinTheWindowStopsAndEscalatesToTheParent(Props props) {
        start();
        Probe<Object> parentSees = sys.probe();
        ActorRef<Watcher.Cmd> parent = sys.spawn(Watcher.behavior(parentSees.ref()), props);
        ActorRef<Cmd> w = limitedChild(parent);

        w.tell(new Cmd.Fail(boom("1")));
        w.tell(new Cmd.Fail(boom("2")));
        expect(new SignalSeen("w", 1, PreRestart.INSTANCE), new Started("w", 2),
                new SignalSeen("w", 2, PreRestart.INSTANCE), new Started("w", 3));
        scheduler.advance(Duration.ofSeconds(9)); // still within the 10 s window
        IllegalStateException third = boom("3");
        w.tell(new Cmd.Fail(third));

        expect(new SignalSeen("w", 3, PostStop.INSTANCE)); // stopped, not restarted
        ChildFailed failed = parentSees.receive(ChildFailed.class);
        assertThat(failed.ref()).isEqualTo(w);
        assertThat(failed.cause()).isSameAs(third);
    }

    @ParameterizedTest
    @MethodSource(MATRIX)
    void restartsOutsideTheWindowDoNotCount(Props props) {
        start();
        Probe<Object> parentSees = sys.probe();
        ActorRef<Watcher.Cmd> parent = sys.spawn(Watcher.behavior(parentSees.ref()), props);
        ActorRef<Cmd> w = limitedChild(parent);

        w.tell(new Cmd.Fail(boom("1")));
        w.tell(new Cmd.Fail(boom("2")));
        expect(new SignalSeen("w", 1, PreRestart.INSTANCE), new Started("w", 2),
                new SignalSeen("w", 2, PreRestart.INSTANCE), new Started("w", 3));
        scheduler.advance(Duration.ofSeconds(11)); // both restarts leave the window
        w.tell(new Cmd.Fail(boom("3")));
        w.tell(new Cmd.Fail(boom("4")));
        expect(new SignalSeen("w", 3, PreRestart.INSTANCE), new Started("w", 4),
                new SignalSeen("w", 4, PreRestart.INSTANCE), new Started("w", 5));
        IllegalStateException fifth = boom("5");
        w.tell(new Cmd.Fail(fifth));

        expect(new SignalSeen("w", 5, PostStop.INSTANCE));
        assertThat(parentSees.receive(ChildFailed.class).cause()).isSameAs(fifth);
    }

    @ParameterizedTest
    @MethodSource(MATRIX)
    void anUnsupervisedParentFailsWithTheEscalatedCauseAndItsParentSeesIt(Props props) {
        start();
        Probe<Object> grandparentSees = sys.probe();
        ActorRef<Watcher.Cmd> grandparent = sys.spawn(Watcher.behavior(grandparentSees.ref()), props);
        ActorRef<Cmd> parent = Watcher.spawnChild(grandparent,
                Supervisee.behavior("p", report.ref(), new AtomicInteger()), "p");
        expect(new Started("p", 1));
        ActorRef<Cmd> child = Supervisee.spawnChild(parent, Behaviors.supervise(
                        Supervisee.behavior("c", report.ref(), new AtomicInteger()))
                .onFailure(IllegalStateException.class, restart().withLimit(1, Duration.ofMinutes(1))), "c");
        expect(new Started("c", 1));

        IllegalStateException last = boom("second");
        child.tell(new Cmd.Fail(boom("first")));
        child.tell(new Cmd.Fail(last));

        expect(new SignalSeen("c", 1, PreRestart.INSTANCE), new Started("c", 2),
                new SignalSeen("c", 2, PostStop.INSTANCE),
                new SignalSeen("p", 1, new ChildFailed(child.unsafeUpcast(), last)), // left unhandled: p fails
                new SignalSeen("p", 1, PostStop.INSTANCE));
        ChildFailed parentFailed = grandparentSees.receive(ChildFailed.class);
        assertThat(parentFailed.ref()).isEqualTo(parent);
        assertThat(parentFailed.cause()).isSameAs(last);
    }

    @ParameterizedTest
    @MethodSource(MATRIX)
    void aParentSupervisedWithRestartRestartsOnAnEscalation(Props props) {
        start();
        Probe<Object> grandparentSees = sys.probe();
        ActorRef<Watcher.Cmd> grandparent = sys.spawn(Watcher.behavior(grandparentSees.ref()), props);
        ActorRef<Cmd> parent = Watcher.spawnChild(grandparent, Behaviors.supervise(
                        Supervisee.behavior("p", report.ref(), new AtomicInteger()))
                .onFailure(IllegalStateException.class, restart()), "p");
        expect(new Started("p", 1));
        ActorRef<Cmd> child = Supervisee.spawnChild(parent, Behaviors.supervise(
                        Supervisee.behavior("c", report.ref(), new AtomicInteger()))
                .onFailure(IllegalStateException.class, escalate()), "c");
        expect(new Started("c", 1));
        parent.tell(new Cmd.Inc());

        IllegalStateException failure = boom("escalated");
        child.tell(new Cmd.Fail(failure));

        expect(new SignalSeen("c", 1, PostStop.INSTANCE),
                new SignalSeen("p", 1, new ChildFailed(child.unsafeUpcast(), failure)),
                new SignalSeen("p", 1, PreRestart.INSTANCE),
                new Started("p", 2));
        parent.tell(new Cmd.Get());
        expect(new State("p", 2, 0, List.of()));
        grandparent.tell(new Watcher.Cmd.Ping("after"));
        grandparentSees.expect(new Watcher.Pong("after")); // the grandparent saw no failure
    }

    @ParameterizedTest
    @MethodSource(MATRIX)
    void escalationClimbsThreeLevelsToASupervisorThatResumes(Props props) {
        start();
        // tag::escalate[]
        Behavior<Cmd> top = Behaviors.supervise(Supervisee.behavior("top", report.ref(), new AtomicInteger()))
                .onFailure(IllegalStateException.class, SupervisorStrategy.resume());
        Behavior<Cmd> middle = Behaviors.supervise(Supervisee.behavior("l3", report.ref(), new AtomicInteger()))
                .onFailure(IllegalStateException.class, SupervisorStrategy.escalate());
        // end::escalate[]
        ActorRef<Cmd> topRef = sys.spawn(top, "top", props);
        expect(new Started("top", 1));
        ActorRef<Cmd> l3 = Supervisee.spawnChild(topRef, middle, "l3");
        expect(new Started("l3", 1));
        ActorRef<Cmd> l2 = Supervisee.spawnChild(l3, Behaviors.supervise(
                Supervisee.behavior("l2", report.ref(), new AtomicInteger()))
                .onFailure(RuntimeException.class, escalate()), "l2");
        expect(new Started("l2", 1));
        ActorRef<Cmd> leaf = Supervisee.spawnChild(l2, Behaviors.supervise(
                Supervisee.behavior("leaf", report.ref(), new AtomicInteger()))
                .onFailure(IllegalStateException.class, escalate()), "leaf");
        expect(new Started("leaf", 1));
        topRef.tell(new Cmd.Inc());
        topRef.tell(new Cmd.Inc());

        IllegalStateException failure = boom("from the leaf");
        leaf.tell(new Cmd.Fail(failure));

        expect(new SignalSeen("leaf", 1, PostStop.INSTANCE),
                new SignalSeen("l2", 1, new ChildFailed(leaf.unsafeUpcast(), failure)),
                new SignalSeen("l2", 1, PostStop.INSTANCE),
                new SignalSeen("l3", 1, new ChildFailed(l2.unsafeUpcast(), failure)),
                new SignalSeen("l3", 1, PostStop.INSTANCE),
                new SignalSeen("top", 1, new ChildFailed(l3.unsafeUpcast(), failure)));
        topRef.tell(new Cmd.Get());
        expect(new State("top", 1, 2, List.of())); // resumed: same incarnation, same count, child gone
    }

    // ---- stop -------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource(MATRIX)
    void stopStopsTheActorAndItsChildrenAndTheParentSeesChildFailed(Props props) {
        start();
        Probe<Object> parentSees = sys.probe();
        ActorRef<Watcher.Cmd> parent = sys.spawn(Watcher.behavior(parentSees.ref()), props);
        // tag::stop[]
        Behavior<Cmd> stopping = Behaviors.supervise(Supervisee.behavior("w", report.ref(), new AtomicInteger()))
                .onFailure(IllegalStateException.class, SupervisorStrategy.stop());
        // end::stop[]
        ActorRef<Cmd> w = Watcher.spawnChild(parent, stopping, "w");
        expect(new Started("w", 1));
        Supervisee.spawnChild(w, "c", report.ref());
        expect(new ChildStarted("c"));

        IllegalStateException failure = boom("stop");
        w.tell(new Cmd.Fail(failure));
        w.tell(new Cmd.Work(1)); // never processed

        expect(new ChildStopped("c"), new SignalSeen("w", 1, PostStop.INSTANCE));
        ChildFailed failed = parentSees.receive(ChildFailed.class);
        assertThat(failed.ref()).isEqualTo(w);
        assertThat(failed.cause()).isSameAs(failure);
    }

    // ---- which rule decides ------------------------------------------------------------------------------

    static final class SpecificFailure extends IllegalStateException {
        SpecificFailure(String message) {
            super(message);
        }
    }

    @ParameterizedTest
    @MethodSource(MATRIX)
    void theMostSpecificRuleWinsWhateverTheOrderOfTheCalls(Props props) {
        start();
        AtomicInteger incarnations = new AtomicInteger();
        Behavior<Cmd> inner = Supervisee.behavior("w", report.ref(), incarnations);
        // tag::most-specific[]
        Behavior<Cmd> generalFirst = Behaviors.supervise(
                        Behaviors.supervise(inner).onFailure(RuntimeException.class, SupervisorStrategy.stop()))
                .onFailure(IllegalStateException.class, SupervisorStrategy.resume());
        // end::most-specific[]
        Behavior<Cmd> specificFirst = Behaviors.supervise(
                        Behaviors.supervise(inner).onFailure(IllegalStateException.class, resume()))
                .onFailure(RuntimeException.class, stop());

        for (Behavior<Cmd> behavior : List.of(generalFirst, specificFirst)) {
            ActorRef<Cmd> w = sys.spawn(behavior, props);
            int incarnation = ((Started) report.receive(Started.class)).incarnation();
            w.tell(new Cmd.Fail(new SpecificFailure("a subclass of IllegalStateException")));
            w.tell(new Cmd.Fail(boom("IllegalStateException itself")));
            w.tell(new Cmd.Work(1));
            expect(new Processed("w", incarnation, 1)); // both resumed
            w.tell(new Cmd.Fail(new IllegalArgumentException("only RuntimeException matches")));
            w.tell(new Cmd.Work(2));
            expect(new SignalSeen("w", incarnation, PostStop.INSTANCE)); // stopped; Work(2) never processed
        }
    }

    @ParameterizedTest
    @MethodSource(MATRIX)
    void nestedThroughSetupTheInnerLevelDecidesFirstAndTheOuterSeesWhatItRethrows(Props props) {
        start();
        AtomicInteger incarnations = new AtomicInteger();
        // tag::nested[]
        Behavior<Cmd> inner = Behaviors.<Cmd>setup(ctx ->
                Behaviors.supervise(Supervisee.behavior("w", report.ref(), incarnations))
                        .onFailure(IllegalStateException.class, SupervisorStrategy.restart()));
        Behavior<Cmd> nested = Behaviors.supervise(
                        Behaviors.supervise(inner).onFailure(IllegalStateException.class, SupervisorStrategy.stop()))
                .onFailure(IllegalArgumentException.class, SupervisorStrategy.resume());
        // end::nested[]
        ActorRef<Cmd> w = sys.spawn(nested, props);
        expect(new Started("w", 1));

        w.tell(new Cmd.Inc());
        w.tell(new Cmd.Fail(boom("inner restarts, outer would stop")));
        w.tell(new Cmd.Inc());
        w.tell(new Cmd.Fail(new IllegalArgumentException("only the outer level has a rule")));
        w.tell(new Cmd.Get());

        expect(new SignalSeen("w", 1, PreRestart.INSTANCE), new Started("w", 2), new State("w", 2, 1, List.of()));
    }

    @Test
    void aSecondRuleForTheSameClassIsRejected() {
        Behavior<String> once = Behaviors.supervise(Behaviors.<String>ignore())
                .onFailure(IllegalStateException.class, resume());
        assertThatThrownBy(() -> Behaviors.supervise(once).onFailure(IllegalStateException.class, restart()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(IllegalStateException.class.getName());
        // A rule for a super- or subclass is fine.
        Behavior<String> more = Behaviors.supervise(once).onFailure(RuntimeException.class, stop());
        assertThat(more).isNotNull();
    }

    @Test
    void fatalJvmErrorsCannotBeSupervised() {
        for (Class<? extends Throwable> fatal : List.of(OutOfMemoryError.class, StackOverflowError.class,
                VirtualMachineError.class)) {
            assertThatThrownBy(() -> Behaviors.supervise(Behaviors.<String>ignore()).onFailure(fatal, resume()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(fatal.getName());
        }
    }

    // ---- failures while starting and in signal handlers -------------------------------------------------

    @ParameterizedTest
    @MethodSource(MATRIX)
    void aFailedSetupIsRestartedWithoutPreRestart(Props props) {
        start();
        ActorRef<Cmd> w = sys.spawn(Behaviors.supervise(
                        Supervisee.behavior("w", report.ref(), new AtomicInteger(), 2, false))
                .onFailure(IllegalStateException.class, restart()), props);
        w.tell(new Cmd.Work(1));

        // Setups 1 and 2 threw; the third succeeded and processes the message sent meanwhile.
        expect(new Started("w", 3), new Processed("w", 3, 1));
    }

    @ParameterizedTest
    @MethodSource(MATRIX)
    void aFailedSetupUnderStopOrResumeStopsTheActor(Props props) {
        start();
        Probe<Object> parentSees = sys.probe();
        ActorRef<Watcher.Cmd> parent = sys.spawn(Watcher.behavior(parentSees.ref()), props);
        try (LogCapture cellLog = LogCapture.of("dev.troupe.actor.internal.ActorCell")) {
            for (SupervisorStrategy strategy : List.of(stop(), resume())) {
                ActorRef<Cmd> w = Watcher.spawnChild(parent, Behaviors.supervise(
                                Supervisee.behavior("w", report.ref(), new AtomicInteger(), 1, false))
                        .onFailure(IllegalStateException.class, strategy), null);
                ChildFailed failed = parentSees.receive(ChildFailed.class);
                assertThat(failed.ref()).as("under %s", strategy).isEqualTo(w);
                assertThat(failed.cause()).hasMessage("setup failure 1");
            }
            // The behavior never started, so there is nothing to give PostStop to (and nothing to fail at it).
            assertThat(cellLog.events()).extracting(e -> e.getFormattedMessage())
                    .noneMatch(m -> m.startsWith("PostStop handling"));
        }
        report.expectEmptyNow(); // neither ever started
    }

    @ParameterizedTest
    @MethodSource(MATRIX)
    void aFailureInASignalHandlerIsSupervisedLikeAnyOther(Props props) {
        start();
        ActorRef<Cmd> w = sys.spawn(Behaviors.supervise(
                        Supervisee.behavior("w", report.ref(), new AtomicInteger(), 0, true))
                .onFailure(IllegalStateException.class, restart()), props);
        expect(new Started("w", 1));
        ActorRef<String> target = sys.spawn(Behaviors.<String>ignore(), props);
        w.tell(new Cmd.Watch(target));
        w.tell(new Cmd.Inc());
        w.tell(new Cmd.Get());
        expect(new State("w", 1, 1, List.of()));

        sys.inGuardian(ctx -> ctx.stop(target)); // the Terminated handler throws

        expect(new SignalSeen("w", 1, PreRestart.INSTANCE), new Started("w", 2));
    }
}
