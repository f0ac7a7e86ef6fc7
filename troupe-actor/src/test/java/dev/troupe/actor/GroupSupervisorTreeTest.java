package dev.troupe.actor;

import static dev.troupe.actor.GroupSupervisorFixture.child;
import static dev.troupe.actor.GroupSupervisorFixture.count;
import static dev.troupe.actor.GroupSupervisorFixture.incr;
import static dev.troupe.actor.GroupSupervisorFixture.names;
import static dev.troupe.actor.GroupSupervisorFixture.system;
import static dev.troupe.actor.GroupSupervisorFixture.which;
import static dev.troupe.actor.GroupSupervisorFixture.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.troupe.actor.GroupSupervisorFixture.Journal;
import dev.troupe.actor.GroupSupervisorFixture.Work;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Nested group supervisors, a faulty tree without leaks, and spec validation. */
class GroupSupervisorTreeTest {

    @Test
    void anInnerSupervisorThatGivesUpIsRestartedByTheOuterOne() {
        try (TestSystem ts = system("nested")) {
            Journal j = new Journal();
            Probe<SupervisionEvent> events = ts.probe();
            ts.system().eventStream().subscribe(SupervisionEvent.class, events.ref());
            Behavior<SupervisorCommand> inner = Supervisors.group(SupervisorSpec.of(GroupStrategy.ONE_FOR_ONE,
                    ChildSpec.of("x", worker("x", j)), ChildSpec.of("y", worker("y", j)))
                    .withIntensity(0, Duration.ofSeconds(1)));
            ActorRef<SupervisorCommand> outer = ts.spawn(Supervisors.group(SupervisorSpec.of(
                    GroupStrategy.ONE_FOR_ONE, ChildSpec.of("z", worker("z", j)), ChildSpec.of("inner", inner))),
                    "outer");
            j.awaitSize(3);
            ActorRef<SupervisorCommand> in1 = child(ts, outer, "inner").unsafeUpcast();
            incr(ts, outer, "z");
            incr(ts, in1, "y");
            ActorRef<Work> x = child(ts, in1, "x");
            x.tell(new Work.Fail("x fails"));

            assertThat(j.awaitSize(7)).containsExactly("z start", "x start", "y start",
                    "x stop", "y stop", // the inner supervisor gives up
                    "x start", "y start"); // the outer one restarts it
            ActorRef<SupervisorCommand> in2 = child(ts, outer, "inner").unsafeUpcast();
            assertThat(in2).isNotEqualTo(in1);
            assertThat(count(ts, in2, "y")).isZero();
            assertThat(count(ts, outer, "z")).isEqualTo(1);

            List<SupervisionEvent> seen = events.receiveN(6);
            assertThat(seen).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                    "Failed", "StoppedOnFailure", "Escalated", // x, reported by itself and by its supervisor
                    "Failed", "Escalated", // the inner supervisor gives up and escalates
                    "Restarted"); // the outer supervisor restarts it
            assertThat(seen.subList(0, 3)).allMatch(e -> e.actor().equals(x.path()) && e.restartCount() == 0);
            assertThat(seen.subList(3, 6)).allMatch(e -> e.actor().equals(in1.path()));
            assertThat(seen.get(5).cause()).isInstanceOf(SupervisorGaveUpException.class)
                    .hasCause(seen.get(0).cause());
            assertThat(seen.get(5).restartCount()).isEqualTo(1);
        }
    }

    @Test
    void stoppingANestedSupervisorStopsItsChildrenInReverseOrderToo() {
        try (TestSystem ts = system("nestedstop")) {
            Journal j = new Journal();
            Probe<Object> report = ts.probe();
            ActorRef<Watcher.Cmd> parent = ts.spawn(Watcher.behavior(report.ref()), "parent");
            Behavior<SupervisorCommand> inner = Supervisors.group(SupervisorSpec.of(GroupStrategy.ONE_FOR_ONE,
                    ChildSpec.of("x", worker("x", j)), ChildSpec.of("y", worker("y", j))));
            ActorRef<SupervisorCommand> outer = Watcher.spawnChild(parent, Supervisors.group(SupervisorSpec.of(
                    GroupStrategy.ALL_FOR_ONE, ChildSpec.of("a", worker("a", j)), ChildSpec.of("inner", inner),
                    ChildSpec.of("z", worker("z", j)))), "outer");
            parent.tell(new Watcher.Cmd.Watch(outer));
            report.expect(new Watcher.Watching(outer));
            j.awaitSize(4);

            child(ts, outer, "z").tell(new Work.Fail("z fails")); // all-for-one: inner is stopped, in order
            assertThat(j.awaitSize(4 + 8).subList(4, 12)).containsExactly("z stop", "y stop", "x stop", "a stop",
                    "a start", "x start", "y start", "z start");

            outer.tell(new SupervisorCommand.Shutdown());
            assertThat(report.receive()).isEqualTo(Watcher.terminated(outer));
            assertThat(j.snapshot().subList(12, j.snapshot().size()))
                    .containsExactly("z stop", "y stop", "x stop", "a stop");
        }
    }

    /** Three levels: a root, three mid supervisors (one per strategy), four workers each, under random faults. */
    @Test
    void aFaultyTreeEndsWithoutLeakingActors() throws Exception {
        try (TestSystem ts = system("tree");
             LogCapture quiet = LogCapture.of("dev.troupe.actor", Level.OFF)) {
            Map<ActorPath, ActorRef<Work>> leaves = new ConcurrentHashMap<>();
            AtomicInteger starts = new AtomicInteger();
            Probe<Object> report = ts.probe();
            Probe<SupervisionEvent.Restarted> restarts = ts.probe();
            ts.system().eventStream().subscribe(SupervisionEvent.Restarted.class, restarts.ref());
            Probe<SupervisionEvent.Escalated> escalations = ts.probe();
            ts.system().eventStream().subscribe(SupervisionEvent.Escalated.class, escalations.ref());
            long before = ts.impl().liveActorCount(); // the probes and the guardian

            List<ChildSpec<?>> mids = new ArrayList<>();
            RestartType[] types = RestartType.values();
            for (GroupStrategy strategy : GroupStrategy.values()) {
                List<ChildSpec<?>> workers = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    workers.add(ChildSpec.of("w" + w, registered(leaves, starts)).withRestartType(types[w % 3]));
                }
                mids.add(ChildSpec.of("mid-" + strategy, Supervisors.group(SupervisorSpec.of(strategy, workers)
                        .withIntensity(3, Duration.ofMinutes(1)))));
            }
            ActorRef<Watcher.Cmd> parent = ts.spawn(Watcher.behavior(report.ref()), "parent");
            ActorRef<SupervisorCommand> root = Watcher.spawnChild(parent, Supervisors.group(SupervisorSpec.of(
                    GroupStrategy.REST_FOR_ONE, mids).withIntensity(1_000, Duration.ofMinutes(1))), "root");
            parent.tell(new Watcher.Cmd.Watch(root));
            report.expect(new Watcher.Watching(root));
            Awaitility.await().atMost(TestSystem.TIMEOUT).until(() -> starts.get() >= 12);

            long t0 = System.nanoTime();
            Random random = new Random(42);
            for (int i = 0; i < 300; i++) {
                List<ActorRef<Work>> alive = new ArrayList<>(leaves.values());
                if (alive.isEmpty()) {
                    Awaitility.await().atMost(TestSystem.TIMEOUT).until(() -> !leaves.isEmpty());
                    continue;
                }
                ActorRef<Work> victim = alive.get(random.nextInt(alive.size()));
                victim.tell(random.nextInt(4) == 0 ? new Work.StopSelf() : new Work.Fail("fault " + i));
                if (i % 25 == 0) { // let some restarts complete between bursts
                    assertThat(names(which(ts, root))).hasSize(3);
                }
            }
            assertThat(names(which(ts, root))).hasSize(3); // the root never gave up
            assertThat(restarts.receive()).isNotNull(); // faults did restart things
            assertThat(escalations.receive()).isNotNull(); // and made mid supervisors give up

            root.tell(new SupervisorCommand.Shutdown());
            Awaitility.await().atMost(TestSystem.TIMEOUT).until(() -> {
                Object m = report.poll(Duration.ofMillis(10));
                return m instanceof Terminated;
            });
            Awaitility.await().atMost(TestSystem.TIMEOUT).until(() -> ts.impl().liveActorCount() == before + 1);
            assertThat(ts.impl().liveActorCount()).isEqualTo(before + 1); // only the watcher parent is left
            assertThat(leaves).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
        }
    }

    /** A worker that registers its live incarnations in {@code leaves}. */
    static Behavior<Work> registered(Map<ActorPath, ActorRef<Work>> leaves, AtomicInteger starts) {
        return Behaviors.setup(ctx -> {
            leaves.put(ctx.self().path(), ctx.self());
            starts.incrementAndGet();
            return Behaviors.receive((c, msg) -> {
                switch (msg) {
                    case Work.Fail(var why) -> throw new GroupSupervisorFixture.Boom(why);
                    case Work.StopSelf() -> {
                        return Behaviors.stopped();
                    }
                    default -> { }
                }
                return Behaviors.same();
            }, (c, signal) -> {
                if (signal instanceof PostStop) {
                    leaves.remove(c.self().path());
                }
                return Behaviors.same();
            });
        });
    }

    @Test
    void badSpecsAreRejectedWithClearExceptions() {
        Behavior<Work> b = Behaviors.ignore();
        ChildSpec<Work> a = ChildSpec.of("a", b);
        assertThatThrownBy(() -> SupervisorSpec.of(null, a)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("strategy");
        assertThatThrownBy(() -> SupervisorSpec.of(GroupStrategy.ONE_FOR_ONE, a, ChildSpec.of("a", b)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Duplicate child spec name [a]");
        assertThatThrownBy(() -> SupervisorSpec.of(GroupStrategy.ONE_FOR_ONE, a).withChild(ChildSpec.of("a", b)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[a]");
        assertThatThrownBy(() -> SupervisorSpec.of(GroupStrategy.ONE_FOR_ONE, a, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SupervisorSpec.of(GroupStrategy.ONE_FOR_ONE).withIntensity(-1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRestarts must not be negative");
        assertThatThrownBy(() -> SupervisorSpec.of(GroupStrategy.ONE_FOR_ONE).withIntensity(1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("within must be positive");
        assertThatThrownBy(() -> SupervisorSpec.of(GroupStrategy.ONE_FOR_ONE).withIntensity(1, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ChildSpec.of("bad/name", b)).isInstanceOf(InvalidActorNameException.class)
                .hasMessageContaining("bad/name");
        assertThatThrownBy(() -> ChildSpec.of("", b)).isInstanceOf(InvalidActorNameException.class);
        assertThatThrownBy(() -> ChildSpec.of("$anon", b)).isInstanceOf(InvalidActorNameException.class)
                .hasMessageContaining("'$'");
        assertThatThrownBy(() -> ChildSpec.of(null, b)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ChildSpec.of("a", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> a.withRestartType(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> a.withProps(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Supervisors.group(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SupervisorCommand.StopChild(null, null)).isInstanceOf(NullPointerException.class);

        SupervisorSpec spec = SupervisorSpec.of(GroupStrategy.REST_FOR_ONE, a);
        assertThat(spec.maxRestarts()).isEqualTo(1);
        assertThat(spec.within()).isEqualTo(Duration.ofSeconds(5));
        assertThat(spec.children()).containsExactly(a);
        assertThat(a.restartType()).isEqualTo(RestartType.PERMANENT);
        assertThat(a.props()).isEqualTo(Props.empty());
    }
}
