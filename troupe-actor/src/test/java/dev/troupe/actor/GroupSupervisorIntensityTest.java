package dev.troupe.actor;

import static dev.troupe.actor.GroupSupervisorFixture.child;
import static dev.troupe.actor.GroupSupervisorFixture.system;
import static dev.troupe.actor.GroupSupervisorFixture.which;
import static dev.troupe.actor.GroupSupervisorFixture.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.actor.GroupSupervisorFixture.Boom;
import dev.troupe.actor.GroupSupervisorFixture.Journal;
import dev.troupe.actor.GroupSupervisorFixture.Work;
import dev.troupe.actor.internal.GroupSupervisorBehavior;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Restart intensity, giving up, and the supervision events published on the way. */
class GroupSupervisorIntensityTest {
    static final String FIXTURE_TYPE = GroupSupervisorFixture.class.getName();

    /** A supervisor spawned under a watcher that reports its signals to {@code report}. */
    record Supervised(ActorRef<Watcher.Cmd> parent, ActorRef<SupervisorCommand> sup) {
        static Supervised spawn(TestSystem ts, Probe<Object> report, SupervisorSpec spec) {
            ActorRef<Watcher.Cmd> parent = ts.spawn(Watcher.behavior(report.ref()), "parent");
            ActorRef<SupervisorCommand> sup = Watcher.spawnChild(parent, Supervisors.group(spec), "sup");
            parent.tell(new Watcher.Cmd.Watch(sup));
            report.expect(new Watcher.Watching(sup));
            return new Supervised(parent, sup);
        }
    }

    static SupervisorSpec abc(GroupStrategy strategy, Journal j) {
        return SupervisorSpec.of(strategy, ChildSpec.of("a", worker("a", j)), ChildSpec.of("b", worker("b", j)),
                ChildSpec.of("c", worker("c", j)));
    }

    /** Fails {@code name} and waits until its new incarnation has started (journal grows by 2). */
    static ActorPath failAndAwaitRestart(TestSystem ts, ActorRef<SupervisorCommand> sup, Journal j, String name,
                                         String why) {
        int before = j.lines.size();
        ActorRef<Work> victim = child(ts, sup, name);
        victim.tell(new Work.Fail(why));
        assertThat(j.awaitSize(before + 2).subList(before, before + 2)).containsExactly(name + " stop",
                name + " start");
        return victim.path();
    }

    @Test
    void exceedingTheIntensityStopsAllChildrenInReverseOrderAndFailsTheSupervisor() {
        ManualClock clock = new ManualClock();
        try (TestSystem ts = system("giveup", clock)) {
            Journal j = new Journal();
            Probe<Object> report = ts.probe();
            Probe<SupervisionEvent> events = ts.probe();
            ts.system().eventStream().subscribe(SupervisionEvent.class, events.ref());
            Supervised s = Supervised.spawn(ts, report,
                    abc(GroupStrategy.ONE_FOR_ONE, j).withIntensity(2, Duration.ofSeconds(10)));
            j.awaitSize(3);

            ActorPath b1 = failAndAwaitRestart(ts, s.sup(), j, "b", "first");
            ActorPath b2 = failAndAwaitRestart(ts, s.sup(), j, "b", "second");
            ActorRef<Work> b3 = child(ts, s.sup(), "b");
            b3.tell(new Work.Fail("third"));

            Signal signal = (Signal) report.receive();
            assertThat(signal).isInstanceOf(ChildFailed.class);
            ChildFailed failed = (ChildFailed) signal;
            assertThat(failed.ref()).isEqualTo(s.sup());
            assertThat(failed.cause()).isInstanceOf(SupervisorGaveUpException.class)
                    .hasMessageContaining(s.sup().path().toString())
                    .hasMessageContaining("more than 2 restart(s) within PT10S")
                    .hasMessageContaining("[b]")
                    .hasMessageContaining("third");
            SupervisorGaveUpException gaveUp = (SupervisorGaveUpException) failed.cause();
            assertThat(gaveUp.getCause()).isInstanceOf(Boom.class).hasMessage("third");
            assertThat(gaveUp.supervisor()).isEqualTo(s.sup().path());
            assertThat(gaveUp.child()).isEqualTo("b");
            assertThat(gaveUp.maxRestarts()).isEqualTo(2);
            assertThat(gaveUp.within()).isEqualTo(Duration.ofSeconds(10));

            // every child stopped before the supervisor failed: the failed one, then the others in reverse order
            assertThat(j.snapshot()).containsExactly("a start", "b start", "c start",
                    "b stop", "b start", "b stop", "b start",
                    "b stop", "c stop", "a stop");

            // each child reports its own failure and stop; the group supervisor adds its decision; finally the
            // supervisor itself fails and escalates
            List<SupervisionEvent> seen = events.receiveN(11);
            Throwable first = seen.get(0).cause();
            Throwable second = seen.get(3).cause();
            String supervisorType = GroupSupervisorBehavior.class.getName();
            assertThat(seen).containsExactly(
                    new SupervisionEvent.Failed(b1, FIXTURE_TYPE, first, 0),
                    new SupervisionEvent.StoppedOnFailure(b1, FIXTURE_TYPE, first, 0),
                    new SupervisionEvent.Restarted(b1, FIXTURE_TYPE, first, 1),
                    new SupervisionEvent.Failed(b2, FIXTURE_TYPE, second, 0),
                    new SupervisionEvent.StoppedOnFailure(b2, FIXTURE_TYPE, second, 0),
                    new SupervisionEvent.Restarted(b2, FIXTURE_TYPE, second, 2),
                    new SupervisionEvent.Failed(b3.path(), FIXTURE_TYPE, gaveUp.getCause(), 0),
                    new SupervisionEvent.StoppedOnFailure(b3.path(), FIXTURE_TYPE, gaveUp.getCause(), 0),
                    new SupervisionEvent.Escalated(b3.path(), FIXTURE_TYPE, gaveUp.getCause(), 2),
                    new SupervisionEvent.Failed(s.sup().path(), supervisorType, gaveUp, 0),
                    new SupervisionEvent.Escalated(s.sup().path(), supervisorType, gaveUp, 0));
            assertThat(first).hasMessage("first");
            assertThat(second).hasMessage("second");
        }
    }

    @Test
    void restartsWithinTheIntensityKeepTheSupervisorRunning() {
        ManualClock clock = new ManualClock();
        try (TestSystem ts = system("within", clock)) {
            Journal j = new Journal();
            Probe<Object> report = ts.probe();
            Supervised s = Supervised.spawn(ts, report,
                    abc(GroupStrategy.ALL_FOR_ONE, j).withIntensity(2, Duration.ofSeconds(10)));
            j.awaitSize(3);
            child(ts, s.sup(), "a").tell(new Work.Fail("one"));
            j.awaitSize(3 + 6);
            child(ts, s.sup(), "c").tell(new Work.Fail("two"));
            j.awaitSize(3 + 12);
            assertThat(which(ts, s.sup())).hasSize(3).allMatch(SupervisorCommand.ChildInfo::running);
            report.expectEmptyNow(); // the parent saw no failure (the reply above proves the supervisor runs)
        }
    }

    @Test
    void theWindowIsMeasuredByTheSchedulersClock() {
        ManualClock clock = new ManualClock();
        try (TestSystem ts = system("window", clock)) {
            Journal j = new Journal();
            Probe<Object> report = ts.probe();
            Probe<SupervisionEvent> events = ts.probe();
            ts.system().eventStream().subscribe(SupervisionEvent.Restarted.class, events.ref());
            Supervised s = Supervised.spawn(ts, report, SupervisorSpec.of(GroupStrategy.ONE_FOR_ONE,
                    ChildSpec.of("a", worker("a", j))).withIntensity(1, Duration.ofSeconds(5)));
            j.awaitSize(1);

            failAndAwaitRestart(ts, s.sup(), j, "a", "at 0s");
            assertThat(events.receive().restartCount()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(6)); // the first restart leaves the window
            failAndAwaitRestart(ts, s.sup(), j, "a", "at 6s");
            assertThat(events.receive().restartCount()).isEqualTo(1);
            report.expectEmptyNow();

            clock.advance(Duration.ofSeconds(4)); // the second restart is still within 5 s
            child(ts, s.sup(), "a").tell(new Work.Fail("at 10s"));
            ChildFailed failed = (ChildFailed) report.receive();
            assertThat(failed.cause()).isInstanceOf(SupervisorGaveUpException.class);
            assertThat(failed.cause().getCause()).hasMessage("at 10s");
        }
    }

    @Test
    void zeroRestartsGivesUpOnTheFirstFailure() {
        try (TestSystem ts = system("zero")) {
            Journal j = new Journal();
            Probe<Object> report = ts.probe();
            Supervised s = Supervised.spawn(ts, report,
                    abc(GroupStrategy.ONE_FOR_ONE, j).withIntensity(0, Duration.ofSeconds(1)));
            j.awaitSize(3);
            child(ts, s.sup(), "a").tell(new Work.Fail("at once"));
            ChildFailed failed = (ChildFailed) report.receive();
            assertThat(failed.cause()).isInstanceOf(SupervisorGaveUpException.class);
            assertThat(j.snapshot()).containsExactly("a start", "b start", "c start", "a stop", "c stop", "b stop");
        }
    }

    @Test
    void exitsThatAreNotRestartedDoNotCountTowardTheIntensity() {
        try (TestSystem ts = system("nocount")) {
            Journal j = new Journal();
            Probe<Object> report = ts.probe();
            Supervised s = Supervised.spawn(ts, report, SupervisorSpec.of(GroupStrategy.ALL_FOR_ONE,
                    ChildSpec.of("t", worker("t", j)).withRestartType(RestartType.TEMPORARY),
                    ChildSpec.of("u", worker("u", j)).withRestartType(RestartType.TRANSIENT),
                    ChildSpec.of("p", worker("p", j))).withIntensity(0, Duration.ofSeconds(1)));
            j.awaitSize(3);
            child(ts, s.sup(), "t").tell(new Work.Fail("temporary"));
            child(ts, s.sup(), "u").tell(new Work.StopSelf());
            j.awaitSize(5);
            assertThat(which(ts, s.sup())).extracting(SupervisorCommand.ChildInfo::name,
                    SupervisorCommand.ChildInfo::running).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("u", false), org.assertj.core.groups.Tuple.tuple("p", true));
            report.expectEmptyNow();
        }
    }

    @Test
    void allForOneRestartPublishesOneRestartedEventPerRestartedChild() {
        try (TestSystem ts = system("events")) {
            Journal j = new Journal();
            Probe<SupervisionEvent> events = ts.probe();
            ts.system().eventStream().subscribe(SupervisionEvent.class, events.ref());
            ActorRef<SupervisorCommand> sup = ts.spawn(Supervisors.group(abc(GroupStrategy.ALL_FOR_ONE, j)), "sup");
            j.awaitSize(3);
            ActorRef<Work> a = child(ts, sup, "a");
            ActorRef<Work> b = child(ts, sup, "b");
            ActorRef<Work> c = child(ts, sup, "c");
            b.tell(new Work.Fail("b fails"));
            List<SupervisionEvent> seen = events.receiveN(5);
            Throwable cause = seen.get(0).cause();
            assertThat(cause).isInstanceOf(Boom.class).hasMessage("b fails");
            assertThat(seen).containsExactly(
                    new SupervisionEvent.Failed(b.path(), FIXTURE_TYPE, cause, 0),
                    new SupervisionEvent.StoppedOnFailure(b.path(), FIXTURE_TYPE, cause, 0),
                    new SupervisionEvent.Restarted(a.path(), FIXTURE_TYPE, cause, 1),
                    new SupervisionEvent.Restarted(b.path(), FIXTURE_TYPE, cause, 1),
                    new SupervisionEvent.Restarted(c.path(), FIXTURE_TYPE, cause, 1));
        }
    }

    @Test
    void theActorTypeOfANestedSupervisorIsTheGroupSupervisor() {
        try (TestSystem ts = system("type")) {
            Probe<SupervisionEvent> events = ts.probe();
            ts.system().eventStream().subscribe(SupervisionEvent.class, events.ref());
            Journal j = new Journal();
            ActorRef<SupervisorCommand> outer = ts.spawn(Supervisors.group(SupervisorSpec.of(
                    GroupStrategy.ONE_FOR_ONE, ChildSpec.of("inner", Supervisors.group(SupervisorSpec.of(
                            GroupStrategy.ONE_FOR_ONE, ChildSpec.of("x", worker("x", j)))
                            .withIntensity(0, Duration.ofSeconds(1)))))), "outer");
            j.awaitSize(1);
            ActorRef<SupervisorCommand> inner = child(ts, outer, "inner").unsafeUpcast();
            child(ts, inner, "x").tell(new Work.Fail("x fails"));
            // x: Failed, StoppedOnFailure, and the inner supervisor's Escalated decision about x; then the inner
            // supervisor's own Failed and Escalated, and the outer one's Restarted decision about it
            List<SupervisionEvent> seen = events.receiveN(6);
            String supervisorType = GroupSupervisorBehavior.class.getName();
            assertThat(seen).extracting(SupervisionEvent::actorType).containsExactly(FIXTURE_TYPE, FIXTURE_TYPE,
                    FIXTURE_TYPE, supervisorType, supervisorType, supervisorType);
            assertThat(seen.get(5)).isInstanceOf(SupervisionEvent.Restarted.class);
            assertThat(seen.get(5).actor()).isEqualTo(inner.path());
        }
    }
}
