package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.troupe.actor.internal.ActorSystemImpl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fault injection in a tree of 10,110 actors under nested supervisors: 10 regions (resume) × 10 buildings
 * (restart) × 100 devices (restart; stop; escalate). About 10% of the messages throw, decided by message id,
 * so every injected failure is counted where it is thrown and the runtime's reaction must match it exactly:
 * every message is accounted for (processed, failed or a dead letter), every restart, stop and escalation
 * happens exactly once per injected failure, every ChildFailed and Terminated arrives, and after the tree is
 * stopped no actor and, after termination, no thread is left.
 *
 * <p>Runs for {@code -Dtroupe.stress.seconds} (default 1, per mailbox × dispatcher combination) of message
 * flooding, under an explicit deadline.
 */
class SupervisionFaultInjectionTest {
    private static final int REGIONS = 10;
    private static final int BUILDINGS = 10;
    private static final int DEVICES = 100;
    private static final int BATCH = 50_000;
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("troupe.stress.seconds", 1));
    private static final Duration SETTLE = Duration.ofSeconds(60);

    /** Thrown by a device; the device restarts. About 10% of the messages. */
    static final class DeviceFault extends RuntimeException {
        DeviceFault(long id) {
            super("device fault " + id, null, false, false);
        }
    }

    /** Thrown by a device; the device stops and its building re-creates it on ChildFailed. */
    static final class DeviceStop extends RuntimeException {
        DeviceStop(long id) {
            super("device stop " + id, null, false, false);
        }
    }

    /** Thrown by a device, which escalates it; its building restarts (with fresh devices). */
    static final class BuildingFault extends RuntimeException {
        BuildingFault(long id) {
            super("building fault " + id, null, false, false);
        }
    }

    /** Thrown by a region while routing; the region resumes. */
    static final class RegionFault extends RuntimeException {
        RegionFault(long id) {
            super("region fault " + id, null, false, false);
        }
    }

    static boolean regionFault(long id) {
        return id % 997 == 7;
    }

    static boolean deviceFault(long id) {
        return id % 10 == 0;
    }

    static boolean deviceStop(long id) {
        return id % 1009 == 1;
    }

    static boolean buildingFault(long id) {
        return id % 4999 == 3;
    }

    record Route(int building, int device, long id) {}

    /** What the actors did, counted where it happened. */
    static final class Counters {
        final LongAdder sent = new LongAdder();
        final LongAdder processed = new LongAdder();
        final LongAdder regionFaults = new LongAdder();
        final LongAdder deviceFaults = new LongAdder();
        final LongAdder deviceStops = new LongAdder();
        final LongAdder buildingFaults = new LongAdder();
        final LongAdder deadRoutes = new LongAdder();
        final LongAdder deviceCells = new LongAdder();
        final LongAdder deviceSetups = new LongAdder();
        final LongAdder devicePreRestarts = new LongAdder();
        final LongAdder devicePostStops = new LongAdder();
        final LongAdder buildingSetups = new LongAdder();
        final LongAdder buildingPreRestarts = new LongAdder();
        final LongAdder buildingPostStops = new LongAdder();
        final LongAdder stopsSeen = new LongAdder();
        final LongAdder escalationsSeen = new LongAdder();
        /** Escalations from devices of an earlier building incarnation: already being stopped, so ignored. */
        final LongAdder lateEscalations = new LongAdder();
        final LongAdder regionPostStops = new LongAdder();
        final Map<String, LongAdder> events = new ConcurrentHashMap<>();

        long accounted() {
            return processed.sum() + regionFaults.sum() + deviceFaults.sum() + deviceStops.sum()
                    + buildingFaults.sum() + deadRoutes.sum();
        }

        long event(Class<?> kind, Class<?> cause) {
            LongAdder n = events.get(kind.getSimpleName() + "/" + cause.getSimpleName());
            return n == null ? 0 : n.sum();
        }

        @Override
        public String toString() {
            return "sent=" + sent + " processed=" + processed + " regionFaults=" + regionFaults + " deviceFaults="
                    + deviceFaults + " deviceStops=" + deviceStops + " buildingFaults=" + buildingFaults
                    + " lateEscalations=" + lateEscalations
                    + " deadRoutes=" + deadRoutes + " deviceCells=" + deviceCells + " events=" + events;
        }
    }

    static Behavior<Route> device(Counters c) {
        Behavior<Route> device = Behaviors.setup(ctx -> {
            c.deviceSetups.increment();
            return Behaviors.receive((ctx2, route) -> {
                long id = route.id();
                if (deviceFault(id)) {
                    c.deviceFaults.increment();
                    throw new DeviceFault(id);
                }
                if (deviceStop(id)) {
                    c.deviceStops.increment();
                    throw new DeviceStop(id);
                }
                if (buildingFault(id)) {
                    c.buildingFaults.increment();
                    throw new BuildingFault(id);
                }
                c.processed.increment();
                return Behaviors.same();
            }, (ctx2, signal) -> {
                if (signal instanceof PreRestart) {
                    c.devicePreRestarts.increment();
                } else if (signal instanceof PostStop) {
                    c.devicePostStops.increment();
                }
                return Behaviors.same();
            });
        });
        Behavior<Route> supervised = Behaviors.supervise(device).onFailure(DeviceFault.class,
                SupervisorStrategy.restart());
        supervised = Behaviors.supervise(supervised).onFailure(DeviceStop.class, SupervisorStrategy.stop());
        return Behaviors.supervise(supervised).onFailure(BuildingFault.class, SupervisorStrategy.escalate());
    }

    static Behavior<Route> building(Counters c) {
        Behavior<Route> building = Behaviors.setup(ctx -> {
            c.buildingSetups.increment();
            List<ActorRef<Route>> devices = new ArrayList<>(DEVICES);
            for (int d = 0; d < DEVICES; d++) {
                devices.add(ctx.spawn(device(c), "d" + d));
                c.deviceCells.increment();
            }
            return Behaviors.receive((ctx2, route) -> {
                devices.get(route.device()).tell(route);
                return Behaviors.same();
            }, (ctx2, signal) -> {
                switch (signal) {
                    case ChildFailed(var ref, var cause) when cause instanceof DeviceStop -> {
                        c.stopsSeen.increment();
                        // Re-create it unless this is a new incarnation that already has a fresh one.
                        String name = ref.path().name();
                        if (ctx2.child(name).isEmpty()) {
                            devices.set(Integer.parseInt(name.substring(1)), ctx2.spawn(device(c), name));
                            c.deviceCells.increment();
                        }
                        return Behaviors.same();
                    }
                    case ChildFailed(var ref, var cause) when cause instanceof BuildingFault -> {
                        if (!devices.contains(ref)) {
                            // a device of the previous incarnation failed while the restart was stopping it:
                            // its escalation came too late and is information only
                            c.lateEscalations.increment();
                            return Behaviors.same();
                        }
                        c.escalationsSeen.increment();
                        return Behaviors.unhandled(); // fail with the escalated cause: restart
                    }
                    case PreRestart p -> c.buildingPreRestarts.increment();
                    case PostStop p -> c.buildingPostStops.increment();
                    default -> { }
                }
                return Behaviors.same();
            });
        });
        return Behaviors.supervise(building).onFailure(BuildingFault.class, SupervisorStrategy.restart());
    }

    static Behavior<Route> region(Counters c) {
        Behavior<Route> region = Behaviors.setup(ctx -> {
            List<ActorRef<Route>> buildings = new ArrayList<>(BUILDINGS);
            for (int b = 0; b < BUILDINGS; b++) {
                buildings.add(ctx.spawn(building(c), "b" + b));
            }
            return Behaviors.receive((ctx2, route) -> {
                if (regionFault(route.id())) {
                    c.regionFaults.increment();
                    throw new RegionFault(route.id());
                }
                buildings.get(route.building()).tell(route);
                return Behaviors.same();
            }, (ctx2, signal) -> {
                if (signal instanceof PostStop) {
                    c.regionPostStops.increment();
                }
                return Behaviors.same();
            });
        });
        return Behaviors.supervise(region).onFailure(RegionFault.class, SupervisorStrategy.resume());
    }

    @ParameterizedTest
    @MethodSource("dev.troupe.actor.RuntimeMatrix#props")
    void everyInjectedFailureGetsExactlyItsSupervisionAndNothingLeaks(Props props) {
        assertTimeoutPreemptively(RUN.plus(SETTLE).plus(SETTLE), () -> run(props));
    }

    private void run(Props props) throws Exception {
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        Counters c = new Counters();
        TestSystem sys = TestSystem.create("fault-injection", TestSystem.settings()
                .unhandledMessagePolicy(UnhandledMessagePolicy.FAIL).build());
        String systemName = sys.system().name();
        try {
            ActorRef<Object> counter = sys.spawn(Behaviors.receiveMessage(event -> {
                if (event instanceof DeadLetter letter && letter.message() instanceof Route) {
                    c.deadRoutes.increment();
                } else if (event instanceof SupervisionEvent e) {
                    c.events.computeIfAbsent(e.getClass().getSimpleName() + "/" + e.cause().getClass().getSimpleName(),
                            k -> new LongAdder()).increment();
                }
                return Behaviors.same();
            }));
            sys.system().eventStream().subscribe(DeadLetter.class, counter.narrow());
            sys.system().eventStream().subscribe(SupervisionEvent.class, counter.narrow());
            Probe<Object> watcherSees = sys.probe();
            ActorRef<Watcher.Cmd> watcher = sys.spawn(Watcher.behavior(watcherSees.ref()));
            ActorSystemImpl<?> impl = sys.impl();
            long baseline = impl.liveActorCount();

            List<ActorRef<Route>> regions = new ArrayList<>();
            for (int r = 0; r < REGIONS; r++) {
                ActorRef<Route> region = sys.spawn(region(c), "r" + r, props);
                regions.add(region);
                watcher.tell(new Watcher.Cmd.Watch(region));
                watcherSees.receive(Watcher.Watching.class);
            }
            long treeSize = REGIONS + REGIONS * BUILDINGS + (long) REGIONS * BUILDINGS * DEVICES;
            await().atMost(SETTLE).until(() -> impl.liveActorCount() == baseline + treeSize);

            // Flood in batches, letting each settle (every message accounted for) before the next.
            long deadline = System.nanoTime() + RUN.toNanos();
            long id = 0;
            do {
                for (int i = 0; i < BATCH; i++) {
                    id++;
                    int device = (int) (id % DEVICES);
                    int building = (int) ((id / DEVICES) % BUILDINGS);
                    int region = (int) ((id / (DEVICES * BUILDINGS)) % REGIONS);
                    regions.get(region).tell(new Route(building, device, id));
                    c.sent.increment();
                }
                await().atMost(SETTLE).until(() -> c.accounted() == c.sent.sum());
            } while (System.nanoTime() < deadline);
            // Every ChildFailed was seen by its building, and every supervision event was published.
            await().atMost(SETTLE).until(() -> c.stopsSeen.sum() == c.deviceStops.sum()
                    && c.escalationsSeen.sum() + c.lateEscalations.sum() == c.buildingFaults.sum()
                    && c.event(SupervisionEvent.Resumed.class, RegionFault.class) == c.regionFaults.sum()
                    && c.event(SupervisionEvent.Restarted.class, DeviceFault.class) == c.deviceFaults.sum()
                    && c.event(SupervisionEvent.Restarted.class, BuildingFault.class) == c.escalationsSeen.sum()
                    && c.buildingSetups.sum() == REGIONS * BUILDINGS + c.escalationsSeen.sum()
                    && impl.liveActorCount() == baseline + treeSize);
            System.out.println("Fault injection (" + RUN + "): " + c);

            assertThat(c.accounted()).isEqualTo(c.sent.sum());
            assertThat(c.deviceFaults.sum()).as("injected device faults").isPositive();
            assertThat(c.buildingFaults.sum()).as("injected building faults").isPositive();
            // Exactly one decision per injected failure, as events...
            assertThat(c.event(SupervisionEvent.Failed.class, DeviceFault.class)).isEqualTo(c.deviceFaults.sum());
            assertThat(c.event(SupervisionEvent.Restarted.class, DeviceFault.class)).isEqualTo(c.deviceFaults.sum());
            assertThat(c.event(SupervisionEvent.Failed.class, DeviceStop.class)).isEqualTo(c.deviceStops.sum());
            assertThat(c.event(SupervisionEvent.StoppedOnFailure.class, DeviceStop.class))
                    .isEqualTo(c.deviceStops.sum());
            assertThat(c.event(SupervisionEvent.Escalated.class, BuildingFault.class))
                    .isEqualTo(c.buildingFaults.sum());
            // every escalation reached its building; those that came in time failed and restarted it
            assertThat(c.escalationsSeen.sum() + c.lateEscalations.sum()).isEqualTo(c.buildingFaults.sum());
            assertThat(c.event(SupervisionEvent.Failed.class, BuildingFault.class))
                    .as("each device's failure, and its building's when in time")
                    .isEqualTo(c.buildingFaults.sum() + c.escalationsSeen.sum());
            assertThat(c.event(SupervisionEvent.Restarted.class, BuildingFault.class))
                    .isEqualTo(c.escalationsSeen.sum());
            assertThat(c.event(SupervisionEvent.Failed.class, RegionFault.class)).isEqualTo(c.regionFaults.sum());
            assertThat(c.event(SupervisionEvent.Resumed.class, RegionFault.class)).isEqualTo(c.regionFaults.sum());
            assertThat(c.events.keySet()).as("no other kind of event").hasSize(9);
            // ... and as what the actors saw.
            assertThat(c.devicePreRestarts.sum()).isEqualTo(c.deviceFaults.sum());
            assertThat(c.deviceSetups.sum()).isEqualTo(c.deviceCells.sum() + c.deviceFaults.sum());
            assertThat(c.buildingPreRestarts.sum()).isEqualTo(c.escalationsSeen.sum());
            assertThat(c.buildingSetups.sum()).isEqualTo(REGIONS * BUILDINGS + c.escalationsSeen.sum());
            // The tree is whole again (awaited above): every stopped device re-created, every building refilled.
            assertThat(c.devicePostStops.sum()).isEqualTo(c.deviceCells.sum() - (long) REGIONS * BUILDINGS * DEVICES);

            // Stop the tree: every Terminated arrives, every actor gets PostStop once, none is left.
            sys.inGuardian(ctx -> regions.forEach(ctx::stop));
            List<Object> terminated = watcherSees.receiveN(REGIONS);
            assertThat(terminated).containsExactlyInAnyOrderElementsOf(
                    regions.stream().map(Watcher::terminated).toList());
            await().atMost(SETTLE).until(() -> impl.liveActorCount() == baseline);
            assertThat(c.regionPostStops.sum()).isEqualTo(REGIONS);
            assertThat(c.buildingPostStops.sum()).isEqualTo(REGIONS * BUILDINGS);
            assertThat(c.devicePostStops.sum()).isEqualTo(c.deviceCells.sum());
        } finally {
            sys.close();
        }
        sys.system().whenTerminated().toCompletableFuture().get(SETTLE.toSeconds(), TimeUnit.SECONDS);
        await().atMost(SETTLE).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !threadsBefore.contains(t))
                .filter(t -> t.getName().startsWith(systemName + "-") || t.getName().startsWith("troupe-scheduler-"))
                .map(Thread::getName).collect(Collectors.toList())).as("threads left").isEmpty());
    }
}
