package dev.troupe.actor;

import static dev.troupe.actor.GroupSupervisorFixture.child;
import static dev.troupe.actor.GroupSupervisorFixture.count;
import static dev.troupe.actor.GroupSupervisorFixture.incr;
import static dev.troupe.actor.GroupSupervisorFixture.names;
import static dev.troupe.actor.GroupSupervisorFixture.system;
import static dev.troupe.actor.GroupSupervisorFixture.which;
import static dev.troupe.actor.GroupSupervisorFixture.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.actor.GroupSupervisorFixture.Boom;
import dev.troupe.actor.GroupSupervisorFixture.Gate;
import dev.troupe.actor.GroupSupervisorFixture.Journal;
import dev.troupe.actor.GroupSupervisorFixture.Work;
import dev.troupe.actor.SupervisorCommand.ChildInfo;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Group supervisors: the three strategies, restart types and start/stop order. */
class GroupSupervisorTest {
    static final String FIXTURE_TYPE = GroupSupervisorFixture.class.getName();

    static ChildSpec<Work> spec(String name, Journal journal) {
        return ChildSpec.of(name, worker(name, journal));
    }

    static ChildSpec<Work> spec(String name, Journal journal, RestartType type) {
        return spec(name, journal).withRestartType(type);
    }

    static Behavior<SupervisorCommand> group(GroupStrategy strategy, ChildSpec<?>... children) {
        return Supervisors.group(SupervisorSpec.of(strategy, children).withIntensity(10, GroupSupervisorFixture.LONG));
    }

    @Test
    void childrenStartInSpecOrderEachAfterThePreviousSetupCompleted() {
        try (TestSystem ts = system("order")) {
            Journal j = new Journal();
            Gate gate = new Gate(1);
            ts.spawn(group(GroupStrategy.ONE_FOR_ONE, ChildSpec.of("a", worker("a", j, gate)), spec("b", j),
                    spec("c", j)), "sup");
            j.awaitSize(1);
            // b must not be spawned while a's setup has not completed (a negative check: no marker to wait for)
            Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .until(() -> j.lines.size() == 1);
            gate.open();
            assertThat(j.awaitSize(4)).containsExactly("a blocked", "a start", "b start", "c start");
        }
    }

    @Test
    void oneForOneRestartsOnlyTheFailedChildWithFreshState() {
        try (TestSystem ts = system("one")) {
            Journal j = new Journal();
            ActorRef<SupervisorCommand> sup = ts.spawn(group(GroupStrategy.ONE_FOR_ONE, spec("a", j), spec("b", j),
                    spec("c", j)), "sup");
            assertThat(j.awaitSize(3)).containsExactly("a start", "b start", "c start");
            incr(ts, sup, "a", "b", "c");
            ActorRef<Work> a = child(ts, sup, "a");
            ActorRef<Work> c = child(ts, sup, "c");
            child(ts, sup, "b").tell(new Work.Fail("b fails"));

            assertThat(j.awaitSize(5)).containsExactly("a start", "b start", "c start", "b stop", "b start");
            assertThat(count(ts, sup, "a")).isEqualTo(1);
            assertThat(count(ts, sup, "b")).isZero();
            assertThat(count(ts, sup, "c")).isEqualTo(1);
            assertThat(child(ts, sup, "a")).isEqualTo(a);
            assertThat(child(ts, sup, "c")).isEqualTo(c);
            assertThat(j.snapshot()).hasSize(5);
        }
    }

    @Test
    void allForOneStopsTheOthersInReverseOrderThenStartsAllInOrder() {
        try (TestSystem ts = system("all")) {
            Journal j = new Journal();
            ActorRef<SupervisorCommand> sup = ts.spawn(group(GroupStrategy.ALL_FOR_ONE, spec("a", j), spec("b", j),
                    spec("c", j), spec("d", j)), "sup");
            j.awaitSize(4);
            incr(ts, sup, "a", "b", "c", "d");
            child(ts, sup, "b").tell(new Work.Fail("b fails"));

            assertThat(j.awaitSize(12)).containsExactly("a start", "b start", "c start", "d start",
                    "b stop", "d stop", "c stop", "a stop",
                    "a start", "b start", "c start", "d start");
            for (String name : List.of("a", "b", "c", "d")) {
                assertThat(count(ts, sup, name)).as(name).isZero();
            }
            assertThat(j.snapshot()).hasSize(12);
        }
    }

    @Test
    void restForOneRestartsTheFailedChildAndThoseStartedAfterIt() {
        try (TestSystem ts = system("rest")) {
            Journal j = new Journal();
            ActorRef<SupervisorCommand> sup = ts.spawn(group(GroupStrategy.REST_FOR_ONE, spec("a", j), spec("b", j),
                    spec("c", j), spec("d", j)), "sup");
            j.awaitSize(4);
            incr(ts, sup, "a", "b", "c", "d");
            ActorRef<Work> a = child(ts, sup, "a");
            child(ts, sup, "b").tell(new Work.Fail("b fails"));

            assertThat(j.awaitSize(10)).containsExactly("a start", "b start", "c start", "d start",
                    "b stop", "d stop", "c stop",
                    "b start", "c start", "d start");
            assertThat(count(ts, sup, "a")).isEqualTo(1);
            assertThat(child(ts, sup, "a")).isEqualTo(a);
            for (String name : List.of("b", "c", "d")) {
                assertThat(count(ts, sup, name)).as(name).isZero();
            }

            child(ts, sup, "d").tell(new Work.Fail("the last one fails")); // nothing after it: only d restarts
            assertThat(j.awaitSize(12).subList(10, 12)).containsExactly("d stop", "d start");
            assertThat(count(ts, sup, "a")).isEqualTo(1);
            assertThat(j.snapshot()).hasSize(12);
        }
    }

    @Test
    void aPermanentChildIsRestartedAfterANormalExitToo() {
        try (TestSystem ts = system("perm")) {
            Journal j = new Journal();
            ActorRef<SupervisorCommand> sup = ts.spawn(group(GroupStrategy.ONE_FOR_ONE, spec("a", j)), "sup");
            j.awaitSize(1);
            ActorRef<Work> first = child(ts, sup, "a");
            first.tell(new Work.StopSelf());
            assertThat(j.awaitSize(3)).containsExactly("a start", "a stop", "a start");
            assertThat(child(ts, sup, "a")).isNotEqualTo(first);
        }
    }

    @Test
    void aTransientChildThatExitsNormallyStaysDownAndDoesNotRestartSiblings() {
        try (TestSystem ts = system("trans")) {
            Journal j = new Journal();
            ActorRef<SupervisorCommand> sup = ts.spawn(group(GroupStrategy.ALL_FOR_ONE,
                    spec("a", j, RestartType.TRANSIENT), spec("b", j)), "sup");
            j.awaitSize(2);
            ActorRef<Work> b = child(ts, sup, "b");
            child(ts, sup, "a").tell(new Work.StopSelf());
            j.awaitSize(3);
            List<ChildInfo> infos = which(ts, sup);
            assertThat(infos).containsExactly(
                    new ChildInfo("a", java.util.Optional.empty(), RestartType.TRANSIENT, false),
                    new ChildInfo("b", java.util.Optional.of(b.unsafeUpcast()), RestartType.PERMANENT, true));
            assertThat(j.snapshot()).containsExactly("a start", "b start", "a stop");

            // A later all-for-one restart leaves the stopped transient child down.
            b.tell(new Work.Fail("b fails"));
            assertThat(j.awaitSize(5)).containsExactly("a start", "b start", "a stop", "b stop", "b start");
            assertThat(which(ts, sup)).extracting(ChildInfo::running).containsExactly(false, true);
        }
    }

    @Test
    void aTransientChildThatFailsIsRestarted() {
        try (TestSystem ts = system("trans2")) {
            Journal j = new Journal();
            ActorRef<SupervisorCommand> sup = ts.spawn(group(GroupStrategy.ONE_FOR_ONE,
                    spec("a", j, RestartType.TRANSIENT)), "sup");
            j.awaitSize(1);
            child(ts, sup, "a").tell(new Work.Fail("a fails"));
            assertThat(j.awaitSize(3)).containsExactly("a start", "a stop", "a start");
            assertThat(which(ts, sup)).extracting(ChildInfo::running).containsExactly(true);
        }
    }

    @Test
    void aTemporaryChildIsNeverRestartedItsSpecIsRemovedAndItsFailureRestartsNoSibling() {
        try (TestSystem ts = system("temp")) {
            Journal j = new Journal();
            Probe<SupervisionEvent> events = ts.probe();
            ts.system().eventStream().subscribe(SupervisionEvent.class, events.ref());
            ActorRef<SupervisorCommand> sup = ts.spawn(group(GroupStrategy.ALL_FOR_ONE, spec("a", j),
                    spec("t", j, RestartType.TEMPORARY), spec("c", j)), "sup");
            j.awaitSize(3);
            ActorRef<Work> a = child(ts, sup, "a");
            ActorRef<Work> c = child(ts, sup, "c");
            ActorRef<Work> t = child(ts, sup, "t");
            t.tell(new Work.Fail("t fails"));

            SupervisionEvent failed = events.receive();
            Boom cause = (Boom) failed.cause();
            assertThat(failed).isEqualTo(new SupervisionEvent.Failed(t.path(), FIXTURE_TYPE, cause, 0));
            assertThat(events.receive()).isEqualTo(new SupervisionEvent.StoppedOnFailure(t.path(), FIXTURE_TYPE,
                    cause, 0));
            // the child reports its own stop before its supervisor has processed the exit
            org.awaitility.Awaitility.await().atMost(TestSystem.TIMEOUT)
                    .untilAsserted(() -> assertThat(names(which(ts, sup))).containsExactly("a", "c"));
            assertThat(child(ts, sup, "a")).isEqualTo(a);
            assertThat(child(ts, sup, "c")).isEqualTo(c);
            assertThat(j.snapshot()).containsExactly("a start", "t start", "c start", "t stop");
        }
    }

    @Test
    void aTemporarySiblingStoppedByAGroupRestartIsNotStartedAgain() {
        try (TestSystem ts = system("temp2")) {
            Journal j = new Journal();
            ActorRef<SupervisorCommand> sup = ts.spawn(group(GroupStrategy.ALL_FOR_ONE, spec("a", j),
                    spec("t", j, RestartType.TEMPORARY), spec("c", j)), "sup");
            j.awaitSize(3);
            child(ts, sup, "a").tell(new Work.Fail("a fails"));
            assertThat(j.awaitSize(7)).containsExactly("a start", "t start", "c start",
                    "a stop", "c stop", "t stop", "a start", "c start");
        }
    }

    @Test
    void shutdownStopsTheChildrenInReverseOrderAndThenTheSupervisor() {
        try (TestSystem ts = system("shutdown")) {
            Journal j = new Journal();
            Probe<Object> report = ts.probe();
            ActorRef<Watcher.Cmd> parent = ts.spawn(Watcher.behavior(report.ref()), "parent");
            ActorRef<SupervisorCommand> sup = Watcher.spawnChild(parent, group(GroupStrategy.ONE_FOR_ONE,
                    spec("a", j), spec("b", j), spec("c", j)), "sup");
            parent.tell(new Watcher.Cmd.Watch(sup));
            report.expect(new Watcher.Watching(sup));
            j.awaitSize(3);

            sup.tell(new SupervisorCommand.Shutdown());
            assertThat(report.receive()).isEqualTo(Watcher.terminated(sup));
            assertThat(j.snapshot()).containsExactly("a start", "b start", "c start", "c stop", "b stop", "a stop");
        }
    }
}
