package dev.troupe.actor;

import dev.troupe.actor.internal.InternalRef;
import dev.troupe.actor.routing.Resizer;
import dev.troupe.actor.routing.Routers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Pool and group routers: the distribution of each routing logic, and what happens when routees fail. */
class RoutersTest {
    private final TestSystem system = TestSystem.create("routers");

    @AfterEach
    void tearDown() {
        system.close();
    }

    sealed interface Cmd {
        record Work(int id, ActorRef<Done> replyTo) implements Cmd {}
        record Boom() implements Cmd {}
        record Block(CountDownLatch release) implements Cmd {}
        record Filler() implements Cmd {}
    }

    record Done(int id, String routee) {}

    /** A routee that reports its start (by name) to {@code starts} and answers {@link Cmd.Work}. */
    static Behavior<Cmd> worker(ActorRef<String> starts) {
        return Behaviors.setup(ctx -> {
            String name = ctx.self().path().name();
            starts.tell(name);
            return Behaviors.receiveMessage(msg -> switch (msg) {
                case Cmd.Work(int id, var replyTo) -> {
                    replyTo.tell(new Done(id, name));
                    yield Behaviors.same();
                }
                case Cmd.Boom() -> throw new IllegalStateException("boom in " + name);
                case Cmd.Block(var release) -> {
                    release.await(TestSystem.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    yield Behaviors.same();
                }
                case Cmd.Filler() -> Behaviors.same();
            });
        });
    }

    private static Map<String, Long> countByRoutee(List<Done> replies) {
        return replies.stream().collect(Collectors.groupingBy(Done::routee, Collectors.counting()));
    }

    private List<Done> workThrough(ActorRef<Cmd> router, Probe<Done> replies, int n) {
        for (int i = 0; i < n; i++) {
            router.tell(new Cmd.Work(i, replies.ref()));
        }
        return replies.receiveN(n);
    }

    @Test
    void roundRobinIsExactlyEven() {
        Probe<String> starts = system.probe();
        Probe<Done> replies = system.probe();
        // tag::pool-round-robin[]
        ActorRef<Cmd> router = system.spawn(Routers.pool(4, worker(starts.ref())).withRoundRobin().behavior());
        // end::pool-round-robin[]
        assertThat(starts.receiveN(4)).hasSize(4);

        Map<String, Long> counts = countByRoutee(workThrough(router, replies, 400));

        assertThat(counts).hasSize(4).allSatisfy((routee, n) -> assertThat(n).isEqualTo(100));
    }

    @Test
    void seededRandomIsRoughlyEvenAndReproducible() {
        Probe<String> starts = system.probe();
        Probe<Done> replies = system.probe();
        ActorRef<Cmd> first = system.spawn(Routers.pool(4, worker(starts.ref())).withRandom(42).behavior());
        List<Done> firstRun = workThrough(first, replies, 4000);
        ActorRef<Cmd> second = system.spawn(Routers.pool(4, worker(starts.ref())).withRandom(42).behavior());
        List<Done> secondRun = workThrough(second, replies, 4000);

        assertThat(countByRoutee(firstRun)).hasSize(4)
                .allSatisfy((routee, n) -> assertThat(n).isBetween(850L, 1150L));
        // routee names are routee-1..4 in both pools, and messages from one sender arrive in order per routee:
        // the same seed picks the same sequence of routees
        assertThat(routeeSequence(firstRun)).isEqualTo(routeeSequence(secondRun));
        assertThat(countByRoutee(firstRun)).isNotEqualTo(Map.of("routee-1", 1000L, "routee-2", 1000L,
                "routee-3", 1000L, "routee-4", 1000L));
    }

    /** The routee of each message id, in id order. */
    private static List<String> routeeSequence(List<Done> replies) {
        String[] byId = new String[replies.size()];
        replies.forEach(d -> byId[d.id()] = d.routee());
        return List.of(byId);
    }

    @Test
    void broadcastReachesEveryRoutee() {
        Probe<String> starts = system.probe();
        Probe<Done> replies = system.probe();
        ActorRef<Cmd> router = system.spawn(Routers.pool(5, worker(starts.ref())).withBroadcast().behavior());

        router.tell(new Cmd.Work(7, replies.ref()));

        assertThat(replies.receiveN(5)).extracting(Done::routee).containsExactlyInAnyOrder(
                "routee-1", "routee-2", "routee-3", "routee-4", "routee-5");
        assertThat(replies.poll(Duration.ofMillis(100))).isNull();
    }

    @Test
    void broadcastPredicateSendsOnlyMatchingMessagesToAll() {
        Probe<String> starts = system.probe();
        Probe<Done> replies = system.probe();
        ActorRef<Cmd> router = system.spawn(Routers.pool(3, worker(starts.ref()))
                .withBroadcastPredicate(m -> m instanceof Cmd.Work w && w.id() < 0).behavior());

        router.tell(new Cmd.Work(-1, replies.ref()));
        List<Done> broadcast = replies.receiveN(3);
        List<Done> routed = workThrough(router, replies, 3);

        assertThat(broadcast).extracting(Done::routee).doesNotHaveDuplicates().hasSize(3);
        assertThat(routed).extracting(Done::routee).doesNotHaveDuplicates().hasSize(3); // round-robin, once each
    }

    @Test
    void smallestMailboxAvoidsTheBusyRoutee() {
        Probe<String> starts = system.probe();
        Probe<Done> replies = system.probe();
        List<ActorRef<Cmd>> routees = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            routees.add(system.spawn(worker(starts.ref()), "sm-" + i));
        }
        CountDownLatch release = new CountDownLatch(1);
        ActorRef<Cmd> busy = routees.get(0);
        busy.tell(new Cmd.Block(release));
        for (int i = 0; i < 100; i++) {
            busy.tell(new Cmd.Filler());
        }
        // tag::group-smallest-mailbox[]
        ActorRef<Cmd> router = system.spawn(Routers.group(routees).withSmallestMailbox().behavior());
        // end::group-smallest-mailbox[]

        List<Done> done = workThrough(router, replies, 30);
        release.countDown();

        assertThat(done).extracting(Done::routee).doesNotContain("sm-0").contains("sm-1", "sm-2");
    }

    @Test
    void consistentHashingSendsEqualKeysToTheSameRoutee() {
        Probe<String> starts = system.probe();
        Probe<Done> replies = system.probe();
        // tag::pool-consistent-hashing[]
        ActorRef<Cmd> router = system.spawn(Routers.pool(4, worker(starts.ref()))
                .withConsistentHashing(100, msg -> msg instanceof Cmd.Work w ? w.id() % 50 : "control")
                .behavior());
        // end::pool-consistent-hashing[]

        List<Done> done = workThrough(router, replies, 1000);

        Map<Integer, Set<String>> routeesByKey = new HashMap<>();
        done.forEach(d -> routeesByKey.computeIfAbsent(d.id() % 50, k -> new HashSet<>()).add(d.routee()));
        assertThat(routeesByKey).hasSize(50).allSatisfy((key, owners) -> assertThat(owners).hasSize(1));
        // all four routees own some of the 50 keys
        assertThat(countByRoutee(done)).hasSize(4);
    }

    @Test
    void groupDropsRouteesThatStopAndStopsWhenNoneIsLeft() {
        Probe<String> starts = system.probe();
        Probe<Done> replies = system.probe();
        ActorRef<Cmd> a = system.spawn(worker(starts.ref()), "grp-a");
        ActorRef<Cmd> b = system.spawn(worker(starts.ref()), "grp-b");
        ActorRef<Cmd> router = system.spawn(Routers.group(List.of(a, b, a)).behavior());

        assertThat(workThrough(router, replies, 4)).extracting(Done::routee)
                .containsExactlyInAnyOrder("grp-a", "grp-b", "grp-a", "grp-b");
        system.inGuardian(ctx -> ctx.stop(a));
        system.inGuardian(ctx -> ctx.stop(b));

        await().atMost(TestSystem.TIMEOUT).until(() -> ((InternalRef<?>) router).isTerminated());
    }

    @Test
    void aFailingRouteeIsRestartedAndKeepsItsPlace() {
        Probe<String> starts = system.probe();
        Probe<Done> replies = system.probe();
        // tag::pool-supervision[]
        ActorRef<Cmd> router = system.spawn(Routers.pool(3, worker(starts.ref()))
                .withSupervision(SupervisorStrategy.restart())
                .behavior());
        // end::pool-supervision[]
        assertThat(starts.receiveN(3)).containsExactlyInAnyOrder("routee-1", "routee-2", "routee-3");

        router.tell(new Cmd.Boom()); // round-robin: routee-1 fails and restarts
        assertThat(starts.receive()).isEqualTo("routee-1");
        Map<String, Long> counts = countByRoutee(workThrough(router, replies, 30));

        assertThat(counts).isEqualTo(Map.of("routee-1", 10L, "routee-2", 10L, "routee-3", 10L));
        starts.expectEmptyNow();
    }

    @Test
    void aStoppedRouteeIsReplacedWhileReplacementsAreLeft() {
        Probe<String> starts = system.probe();
        Probe<Done> replies = system.probe();
        ActorRef<Cmd> router = system.spawn(Routers.pool(3, worker(starts.ref()))
                .withSupervision(SupervisorStrategy.stop())
                .withReplacement(1)
                .behavior());
        assertThat(starts.receiveN(3)).containsExactlyInAnyOrder("routee-1", "routee-2", "routee-3");

        router.tell(new Cmd.Boom()); // routee-1 stops; the pool spawns routee-4 in the same turn it forgets routee-1
        assertThat(starts.receive()).isEqualTo("routee-4");
        Map<String, Long> counts = countByRoutee(workThrough(router, replies, 30));

        assertThat(counts).isEqualTo(Map.of("routee-2", 10L, "routee-3", 10L, "routee-4", 10L));
    }

    @Test
    void routeesThatStopAreRemovedAndTheEmptyPoolStops() {
        Probe<String> starts = system.probe();
        ActorRef<Cmd> router = system.spawn(Routers.pool(2, worker(starts.ref()))
                .withSupervision(SupervisorStrategy.stop())
                .behavior());
        starts.receiveN(2);

        router.tell(new Cmd.Boom());
        router.tell(new Cmd.Boom());

        await().atMost(TestSystem.TIMEOUT).until(() -> ((InternalRef<?>) router).isTerminated());
        starts.expectEmptyNow();
    }

    @Test
    void aRestartLimitThatIsExceededRemovesTheRouteeWithoutFailingThePool() {
        Probe<String> starts = system.probe();
        Probe<Done> replies = system.probe();
        ActorRef<Cmd> router = system.spawn(Routers.pool(1, worker(starts.ref()))
                .withBroadcastPredicate(m -> m instanceof Cmd.Boom)
                .withSupervision(SupervisorStrategy.restart().withLimit(1, Duration.ofMinutes(1)))
                .withReplacement(1)
                .behavior());
        assertThat(starts.receive()).isEqualTo("routee-1");

        router.tell(new Cmd.Boom()); // restarted
        assertThat(starts.receive()).isEqualTo("routee-1");
        router.tell(new Cmd.Boom()); // limit exceeded: stops and escalates; the pool replaces it instead of failing
        assertThat(starts.receive()).isEqualTo("routee-2");

        assertThat(workThrough(router, replies, 2)).extracting(Done::routee).containsOnly("routee-2");
    }

    @Test
    void invalidConfigurationIsRejectedAtOnce() {
        Behavior<Cmd> routee = Behaviors.ignore();
        assertThatThrownBy(() -> Routers.pool(0, routee)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Routers.pool(1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Routers.group(List.<ActorRef<Cmd>>of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Routers.pool(1, routee).withConsistentHashing(0, Function.identity()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Routers.pool(1, routee).withReplacement(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Resizer.between(3, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Resizer.between(0, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Resizer.between(1, 2).withCheckInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Routers.balancingPool(0, routee)).isInstanceOf(IllegalArgumentException.class);
    }
}
