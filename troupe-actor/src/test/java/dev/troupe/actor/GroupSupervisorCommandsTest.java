package dev.troupe.actor;

import static dev.troupe.actor.GroupSupervisorFixture.child;
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
import dev.troupe.actor.SupervisorCommand.StartChild;
import dev.troupe.actor.SupervisorCommand.StartResult;
import dev.troupe.actor.SupervisorCommand.StopChild;
import dev.troupe.actor.SupervisorCommand.StopResult;
import dev.troupe.actor.SupervisorCommand.WhichChildren;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** StartChild, StopChild and WhichChildren at run time, also while a restart is in progress. */
class GroupSupervisorCommandsTest {

    static Behavior<SupervisorCommand> group(GroupStrategy strategy, int maxRestarts, ChildSpec<?>... children) {
        return Supervisors.group(SupervisorSpec.of(strategy, children).withIntensity(maxRestarts,
                Duration.ofMinutes(10)));
    }

    static StartResult start(TestSystem ts, ActorRef<SupervisorCommand> sup, ChildSpec<?> spec) {
        return ts.ask(sup, (ActorRef<StartResult> replyTo) -> new StartChild(spec, replyTo));
    }

    static StopResult stop(TestSystem ts, ActorRef<SupervisorCommand> sup, String name) {
        return ts.ask(sup, (ActorRef<StopResult> replyTo) -> new StopChild(name, replyTo));
    }

    @Test
    void startChildAddsAChildAfterTheOthersAndRejectsDuplicates() {
        try (TestSystem ts = system("startchild")) {
            Journal j = new Journal();
            ActorRef<SupervisorCommand> sup = ts.spawn(group(GroupStrategy.REST_FOR_ONE, 5,
                    ChildSpec.of("a", worker("a", j)), ChildSpec.of("b", worker("b", j))), "sup");
            j.awaitSize(2);

            StartResult started = start(ts, sup, ChildSpec.of("c", worker("c", j)));
            // answered once its setup has completed
            assertThat(j.snapshot()).containsExactly("a start", "b start", "c start");
            assertThat(started).isInstanceOf(StartResult.Started.class);
            ActorRef<Void> c = ((StartResult.Started) started).ref();
            assertThat(c.path().name()).isEqualTo("c");
            assertThat(c.path().parent()).isEqualTo(sup.path());
            List<ChildInfo> infos = which(ts, sup);
            assertThat(names(infos)).containsExactly("a", "b", "c");
            assertThat(infos.get(2).ref()).contains(c);

            assertThat(start(ts, sup, ChildSpec.of("a", worker("a2", j))))
                    .isEqualTo(new StartResult.AlreadyExists("a"));
            assertThat(j.snapshot()).hasSize(3);

            // the added child is started after b, so rest-for-one restarts it with b
            child(ts, sup, "b").tell(new Work.Fail("b fails"));
            assertThat(j.awaitSize(7).subList(3, 7)).containsExactly("b stop", "c stop", "b start", "c start");
            assertThat(j.snapshot()).hasSize(7);
        }
    }

    @Test
    void aChildWhoseSetupFailsIsNotAddedAndCountsNoRestart() {
        try (TestSystem ts = system("startfail")) {
            Journal j = new Journal();
            Probe<Object> report = ts.probe();
            ActorRef<Watcher.Cmd> parent = ts.spawn(Watcher.behavior(report.ref()), "parent");
            ActorRef<SupervisorCommand> sup = Watcher.spawnChild(parent, group(GroupStrategy.ONE_FOR_ONE, 0,
                    ChildSpec.of("a", worker("a", j))), "sup");
            j.awaitSize(1);

            StartResult result = start(ts, sup, ChildSpec.of("broken", Behaviors.<Work>setup(ctx -> {
                throw new Boom("setup fails");
            })));
            assertThat(result).isInstanceOf(StartResult.Failed.class);
            assertThat(((StartResult.Failed) result).name()).isEqualTo("broken");
            assertThat(((StartResult.Failed) result).cause()).isInstanceOf(Boom.class).hasMessage("setup fails");
            assertThat(names(which(ts, sup))).containsExactly("a"); // intensity 0, yet still running
            report.expectEmptyNow();

            // a child that stops itself in its setup is "started", then handled like any normal exit
            StartResult quick = start(ts, sup, ChildSpec.of("quick", Behaviors.<Work>setup(ctx -> Behaviors.stopped()))
                    .withRestartType(RestartType.TRANSIENT));
            assertThat(quick).isInstanceOf(StartResult.Started.class);
        }
    }

    @Test
    void stopChildStopsAndRemovesTheChildAndAnswersUnknownNames() {
        try (TestSystem ts = system("stopchild")) {
            Journal j = new Journal();
            ActorRef<SupervisorCommand> sup = ts.spawn(group(GroupStrategy.ALL_FOR_ONE, 5,
                    ChildSpec.of("a", worker("a", j)), ChildSpec.of("b", worker("b", j)),
                    ChildSpec.of("c", worker("c", j))), "sup");
            j.awaitSize(3);

            assertThat(stop(ts, sup, "nope")).isEqualTo(new StopResult.NotFound("nope"));
            assertThat(stop(ts, sup, "b")).isEqualTo(new StopResult.Stopped("b"));
            // answered once b has stopped; stopping it by request restarts nobody
            assertThat(j.snapshot()).containsExactly("a start", "b start", "c start", "b stop");
            assertThat(names(which(ts, sup))).containsExactly("a", "c");
            assertThat(stop(ts, sup, "b")).isEqualTo(new StopResult.NotFound("b"));

            // the name is free again
            assertThat(start(ts, sup, ChildSpec.of("b", worker("b", j)))).isInstanceOf(StartResult.Started.class);
            assertThat(names(which(ts, sup))).containsExactly("a", "c", "b");

            // a transient child that exited normally is not running; stopping it removes its spec
            start(ts, sup, ChildSpec.of("t", worker("t", j)).withRestartType(RestartType.TRANSIENT));
            child(ts, sup, "t").tell(new Work.StopSelf());
            Awaitility.await().atMost(TestSystem.TIMEOUT).until(() -> j.lines.contains("t stop"));
            assertThat(which(ts, sup).get(3).running()).isFalse();
            assertThat(stop(ts, sup, "t")).isEqualTo(new StopResult.Stopped("t"));
            assertThat(names(which(ts, sup))).containsExactly("a", "c", "b");
        }
    }

    @Test
    void commandsArrivingDuringARestartWaitForItAndAreAnsweredInOrder() {
        try (TestSystem ts = system("inflight")) {
            Journal j = new Journal();
            Gate gate = new Gate(2); // a's second incarnation blocks in its setup
            ActorRef<SupervisorCommand> sup = ts.spawn(group(GroupStrategy.ALL_FOR_ONE, 5,
                    ChildSpec.of("a", worker("a", j, gate)), ChildSpec.of("b", worker("b", j))), "sup");
            j.awaitSize(2);
            child(ts, sup, "b").tell(new Work.Fail("b fails"));
            assertThat(j.awaitSize(5)).containsExactly("a start", "b start", "b stop", "a stop", "a blocked");

            Scheduler scheduler = ts.system().scheduler();
            CompletableFuture<StartResult> started = AskPattern.<SupervisorCommand, StartResult>ask(sup,
                    replyTo -> new StartChild(ChildSpec.of("c", worker("c", j)), replyTo), TestSystem.TIMEOUT,
                    scheduler).toCompletableFuture();
            CompletableFuture<List<ChildInfo>> during = AskPattern.<SupervisorCommand, List<ChildInfo>>ask(sup,
                    WhichChildren::new, TestSystem.TIMEOUT, scheduler).toCompletableFuture();
            CompletableFuture<StopResult> stopped = AskPattern.<SupervisorCommand, StopResult>ask(sup,
                    replyTo -> new StopChild("b", replyTo), TestSystem.TIMEOUT, scheduler).toCompletableFuture();
            // nothing is answered while the restart is in progress (a negative check: no marker to wait for)
            Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .until(() -> !started.isDone() && !during.isDone() && !stopped.isDone());

            gate.open();
            assertThat(TestSystem.await(started)).isInstanceOf(StartResult.Started.class);
            List<ChildInfo> infos = TestSystem.await(during);
            assertThat(names(infos)).containsExactly("a", "b", "c");
            assertThat(infos).allMatch(ChildInfo::running);
            assertThat(TestSystem.await(stopped)).isEqualTo(new StopResult.Stopped("b"));
            assertThat(names(which(ts, sup))).containsExactly("a", "c");
            assertThat(j.snapshot()).containsExactly("a start", "b start", "b stop", "a stop", "a blocked",
                    "a start", "b start", "c start", "b stop");
        }
    }

    @Test
    void whichChildrenListsEverySpecInStartOrder() {
        try (TestSystem ts = system("which")) {
            Journal j = new Journal();
            ActorRef<SupervisorCommand> sup = ts.spawn(group(GroupStrategy.ONE_FOR_ONE, 5,
                    ChildSpec.of("p", worker("p", j)),
                    ChildSpec.of("t", worker("t", j)).withRestartType(RestartType.TRANSIENT),
                    ChildSpec.of("x", worker("x", j)).withRestartType(RestartType.TEMPORARY)), "sup");
            j.awaitSize(3);
            List<ChildInfo> infos = which(ts, sup);
            assertThat(infos).extracting(ChildInfo::name, ChildInfo::restartType, ChildInfo::running).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("p", RestartType.PERMANENT, true),
                    org.assertj.core.groups.Tuple.tuple("t", RestartType.TRANSIENT, true),
                    org.assertj.core.groups.Tuple.tuple("x", RestartType.TEMPORARY, true));
            assertThat(infos).allMatch(i -> i.ref().orElseThrow().path().parent().equals(sup.path()));
        }
    }
}
