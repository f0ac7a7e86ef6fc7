package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each dispatcher kind runs actors where it promises, yields when it should, and leaves no thread behind. */
class DispatcherTest {

    /** Reports the thread that handled each message. */
    static Behavior<ActorRef<Thread>> whereAmI() {
        return Behaviors.receiveMessage(replyTo -> {
            replyTo.tell(Thread.currentThread());
            return Behaviors.same();
        });
    }

    static Set<Thread> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).collect(Collectors.toSet());
    }

    /** Busy work, not sleep: the thread stays occupied, as with real computation. */
    static void spin(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    // ---- configuration ----------------------------------------------------------------------------------

    @Test
    void configsRejectBadValuesAndCopyTheRest() {
        assertThatThrownBy(() -> DispatcherConfig.fixedPool(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DispatcherConfig.forkJoin(32_768)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DispatcherConfig.pinned().withThroughput(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DispatcherConfig.virtualThreads().withThroughputDeadline(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DispatcherConfig.callingThread().withThroughputDeadline(null))
                .isInstanceOf(NullPointerException.class);

        DispatcherConfig.FixedPool pool = DispatcherConfig.fixedPool(3).withThroughput(7)
                .withThroughputDeadline(Duration.ofMillis(2));
        assertThat(pool).isEqualTo(new DispatcherConfig.FixedPool(3, 7, Duration.ofMillis(2)));
        assertThat(pool.withThreads(4).threads()).isEqualTo(4);
        assertThat(DispatcherConfig.forkJoin(2).withParallelism(3).parallelism()).isEqualTo(3);
        assertThat(DispatcherConfig.pinned().throughputDeadline()).isZero();
        assertThat(DispatcherConfig.callingThread().throughput()).isEqualTo(DispatcherConfig.DEFAULT_THROUGHPUT);
    }

    @Test
    void settingsValidateDispatcherNamesAndKnowTheBlockingDispatcher() {
        ActorSystemSettings.Builder b = ActorSystemSettings.builder();
        for (String bad : new String[] {"", "-x", "has space", "a/b", "dot.ted"}) {
            assertThatThrownBy(() -> b.dispatcher(bad, DispatcherConfig.pinned())).as("[%s]", bad)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> DispatcherSelector.fromSettings(bad)).as("[%s]", bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> b.dispatcher("default", DispatcherConfig.pinned()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism");
        assertThatThrownBy(() -> b.dispatcher("x", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.throughputDeadline(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);

        ActorSystemSettings defaults = ActorSystemSettings.defaults();
        assertThat(defaults.dispatchers()).containsOnlyKeys(ActorSystemSettings.BLOCKING_DISPATCHER);
        assertThat(defaults.dispatcher("blocking")).contains(DispatcherConfig.fixedPool(16).withThroughput(1));
        assertThat(defaults.dispatcher("default")).contains(defaults.defaultDispatcher());
        assertThat(defaults.throughputDeadline()).isZero();

        ActorSystemSettings s = b.dispatcher("io", DispatcherConfig.virtualThreads())
                .dispatcher("blocking", DispatcherConfig.fixedPool(2)).throughputDeadline(Duration.ofMillis(3))
                .build();
        ActorSystemSettings copy = s.toBuilder().build();
        for (ActorSystemSettings x : List.of(s, copy)) {
            assertThat(x.dispatchers()).containsExactly(Map.entry("blocking", DispatcherConfig.fixedPool(2)),
                    Map.entry("io", DispatcherConfig.virtualThreads()));
            assertThat(x.defaultDispatcher().throughputDeadline()).isEqualTo(Duration.ofMillis(3));
        }
    }

    @Test
    void anUnknownDispatcherNameFailsTheSpawnAndNamesTheKnownOnes() {
        try (TestSystem sys = TestSystem.create("unknown-dispatcher")) {
            Props props = Props.empty().withDispatcher(DispatcherSelector.fromSettings("nope"));
            assertThatThrownBy(() -> sys.spawn(whereAmI(), props))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[nope]").hasMessageContaining("default").hasMessageContaining("blocking")
                    .hasMessageContaining(TestSystem.PINNED);
            assertThat(sys.spawn(whereAmI(), "after-the-failure")).isNotNull();
        }
    }

    @Test
    void namedDispatchersAreConfiguredInTheSettingsAndSelectedPerActor() {
        // tag::named-dispatchers[]
        ActorSystemSettings settings = ActorSystemSettings.builder()
                .dispatcher("io", DispatcherConfig.virtualThreads())
                .dispatcher("blocking", DispatcherConfig.fixedPool(32).withThroughput(1))
                .throughputDeadline(Duration.ofMillis(10)) // of the default dispatcher
                .build();
        // end::named-dispatchers[]
        try (TestSystem sys = TestSystem.create("named", settings)) {
            Probe<Thread> probe = sys.probe();
            // tag::select[]
            ActorRef<ActorRef<Thread>> reader = sys.spawn(whereAmI(),
                    Props.empty().withDispatcher(DispatcherSelector.fromSettings("io")));
            ActorRef<ActorRef<Thread>> jdbc = sys.spawn(whereAmI(),
                    Props.empty().withDispatcher(DispatcherSelector.blocking()));
            // end::select[]
            reader.tell(probe.ref());
            assertThat(probe.receive().isVirtual()).isTrue();
            jdbc.tell(probe.ref());
            assertThat(probe.receive().getName()).startsWith(sys.system().name() + "-blocking-");
        }
    }

    // ---- where turns run --------------------------------------------------------------------------------

    @Test
    void eachKindRunsActorsOnItsOwnThreads() {
        try (TestSystem sys = TestSystem.create("where")) {
            String name = sys.system().name();
            Probe<Thread> probe = sys.probe();

            ActorRef<ActorRef<Thread>> fixed = sys.spawn(whereAmI(), props(TestSystem.FIXED_POOL));
            fixed.tell(probe.ref());
            assertThat(probe.receive().getName()).startsWith(name + "-" + TestSystem.FIXED_POOL + "-");

            ActorRef<ActorRef<Thread>> blocking = sys.spawn(whereAmI(),
                    Props.empty().withDispatcher(DispatcherSelector.blocking()));
            blocking.tell(probe.ref());
            assertThat(probe.receive().getName()).startsWith(name + "-blocking-");

            ActorRef<ActorRef<Thread>> byName = sys.spawn(whereAmI(), props("default"));
            byName.tell(probe.ref());
            assertThat(probe.receive().getName()).startsWith(name + "-dispatcher-");

            ActorRef<ActorRef<Thread>> virtual = sys.spawn(whereAmI(), props(TestSystem.VIRTUAL));
            virtual.tell(probe.ref());
            Thread v = probe.receive();
            assertThat(v.isVirtual()).isTrue();
            assertThat(v.getName()).startsWith(name + "-" + TestSystem.VIRTUAL + "-");

            ActorRef<ActorRef<Thread>> pinnedA = sys.spawn(whereAmI(), props(TestSystem.PINNED));
            ActorRef<ActorRef<Thread>> pinnedB = sys.spawn(whereAmI(), props(TestSystem.PINNED));
            pinnedA.tell(probe.ref());
            Thread a = probe.receive();
            pinnedB.tell(probe.ref());
            Thread b = probe.receive();
            pinnedA.tell(probe.ref());
            assertThat(probe.receive()).as("always its own thread").isSameAs(a);
            assertThat(b).isNotSameAs(a);
            assertThat(a.getName()).startsWith(name + "-" + TestSystem.PINNED + "-");

            AtomicReference<Thread> ranOn = new AtomicReference<>();
            ActorRef<String> calling = sys.spawn(Behaviors.<String>receiveMessage(m -> {
                ranOn.set(Thread.currentThread());
                return Behaviors.same();
            }), props(TestSystem.CALLING_THREAD));
            calling.tell("now");
            assertThat(ranOn.get()).as("processed before tell returned, on the sender").isSameAs(Thread.currentThread());
        }
    }

    static Props props(String dispatcherName) {
        return Props.empty().withDispatcher(DispatcherSelector.fromSettings(dispatcherName));
    }

    // ---- pinned -----------------------------------------------------------------------------------------

    @Test
    void aThousandPinnedActorsStartedAndStoppedLeaveNoThreadBehind() {
        try (TestSystem sys = TestSystem.create("pinned-churn")) {
            String prefix = sys.system().name() + "-" + TestSystem.PINNED + "-";
            Probe<Thread> probe = sys.probe();
            for (int round = 0; round < 10; round++) {
                List<ActorRef<ActorRef<Thread>>> actors = new java.util.ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    actors.add(sys.spawn(whereAmI(), props(TestSystem.PINNED)));
                }
                actors.forEach(a -> a.tell(probe.ref()));
                assertThat(probe.receiveN(100).stream().distinct()).hasSize(100);
                assertThat(threadsNamed(prefix)).hasSize(100);
                sys.inGuardian(ctx -> actors.forEach(ctx::stop));
                await().atMost(Duration.ofSeconds(10)).until(() -> threadsNamed(prefix).isEmpty());
            }
        }
    }

    // ---- virtual threads --------------------------------------------------------------------------------

    @Test
    void tenThousandVirtualThreadActorsCanAllBlockAtOnce() throws Exception {
        int actors = 10_000;
        CountDownLatch allBlocked = new CountDownLatch(actors);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch allDone = new CountDownLatch(actors);
        try (TestSystem sys = TestSystem.create("virtual-blocking")) {
            // tag::virtual-threads[]
            Behavior<CountDownLatch> blocker = Behaviors.receiveMessage(latch -> {
                allBlocked.countDown();
                latch.await(); // parks the virtual thread, not a carrier thread
                allDone.countDown();
                return Behaviors.same();
            });
            Props virtual = Props.empty().withDispatcher(DispatcherSelector.fromSettings("virtual"));
            // end::virtual-threads[]
            sys.inGuardian(ctx -> {
                for (int i = 0; i < actors; i++) {
                    ctx.spawnAnonymous(blocker, virtual).tell(release);
                }
            });
            assertThat(allBlocked.await(30, TimeUnit.SECONDS)).as("all %d blocked at once", actors).isTrue();
            assertThat(allDone.getCount()).isEqualTo(actors);
            release.countDown();
            assertThat(allDone.await(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    // ---- calling thread ---------------------------------------------------------------------------------

    record Ball(int left, ActorRef<Ball> back) {}

    static Behavior<Ball> player(AtomicInteger hits, AtomicReference<Thread> lastThread) {
        return Behaviors.receive((ctx, ball) -> {
            hits.incrementAndGet();
            lastThread.set(Thread.currentThread());
            if (ball.left() > 0) {
                ball.back().tell(new Ball(ball.left() - 1, ctx.self()));
            }
            return Behaviors.same();
        });
    }

    @Test
    void callingThreadPingPongOfAHundredThousandMessagesRunsInsideTellWithoutOverflowingTheStack() {
        try (TestSystem sys = TestSystem.create("ping-pong")) {
            AtomicInteger hits = new AtomicInteger();
            AtomicReference<Thread> lastThread = new AtomicReference<>();
            // tag::calling-thread[]
            Props callingThread = Props.empty().withDispatcher(DispatcherSelector.fromSettings("calling-thread"));
            ActorRef<Ball> ping = sys.spawn(player(hits, lastThread), callingThread);
            ActorRef<Ball> pong = sys.spawn(player(hits, lastThread), callingThread);
            ping.tell(new Ball(99_999, pong)); // every message is processed before tell returns
            assertThat(hits.get()).isEqualTo(100_000);
            assertThat(lastThread.get()).isSameAs(Thread.currentThread());
            // end::calling-thread[]
        }
    }

    @Test
    void aCallingThreadActorTellingItselfLoopsInsteadOfRecursing() {
        try (TestSystem sys = TestSystem.create("self-loop")) {
            AtomicInteger seen = new AtomicInteger();
            ActorRef<Integer> countdown = sys.spawn(Behaviors.<Integer>receive((ctx, n) -> {
                seen.incrementAndGet();
                if (n > 0) {
                    ctx.self().tell(n - 1);
                }
                return Behaviors.same();
            }), props(TestSystem.CALLING_THREAD));
            countdown.tell(100_000);
            assertThat(seen.get()).isEqualTo(100_001);
        }
    }

    // ---- throughput deadline ----------------------------------------------------------------------------

    sealed interface Work {
        record Block(CountDownLatch blocked, CountDownLatch release) implements Work {}
        record Slow(AtomicInteger done) implements Work {}
        record Report(AtomicInteger slowDone, CountDownLatch reported, AtomicInteger seenAtReport) implements Work {}
        record SendAll(ActorRef<Work> a, AtomicInteger slowDone, ActorRef<Work> b, Report report,
                       ActorRef<Work> last) implements Work {}
        record Nothing() implements Work {}
    }

    static Behavior<Work> worker() {
        return Behaviors.receiveMessage(work -> {
            switch (work) {
                case Work.Block(var blocked, var release) -> {
                    blocked.countDown();
                    release.await();
                }
                case Work.Slow(var done) -> {
                    spin(Duration.ofMillis(1));
                    done.incrementAndGet();
                }
                case Work.Report(var slowDone, var reported, var seen) -> {
                    seen.set(slowDone.get());
                    reported.countDown();
                }
                case Work.SendAll(var a, var slowDone, var b, var report, var last) -> {
                    for (int i = 0; i < 1_000; i++) {
                        a.tell(new Work.Slow(slowDone));
                    }
                    b.tell(report);
                    last.tell(new Work.Nothing());
                }
                case Work.Nothing() -> { }
            }
            return Behaviors.same();
        });
    }

    /** How many of A's 1,000 slow messages were done when B, queued behind A on the one thread, got its turn. */
    static int slowMessagesBeforeB(DispatcherConfig.FixedPool oneThread) throws Exception {
        // tag::deadline-settings[]
        ActorSystemSettings settings = TestSystem.settings()
                .dispatcher("one-thread", oneThread)
                .build();
        // end::deadline-settings[]
        try (TestSystem sys = TestSystem.create("deadline", settings)) {
            Props props = props("one-thread");
            ActorRef<Work> gate = sys.spawn(worker(), props);
            ActorRef<Work> a = sys.spawn(worker(), props);
            ActorRef<Work> b = sys.spawn(worker(), props);
            CountDownLatch blocked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            gate.tell(new Work.Block(blocked, release)); // holds the only thread while A and B queue up
            assertThat(blocked.await(20, TimeUnit.SECONDS)).isTrue();
            AtomicInteger slowDone = new AtomicInteger();
            for (int i = 0; i < 1_000; i++) {
                a.tell(new Work.Slow(slowDone));
            }
            CountDownLatch reported = new CountDownLatch(1);
            AtomicInteger seen = new AtomicInteger();
            b.tell(new Work.Report(slowDone, reported, seen));
            release.countDown();
            assertThat(reported.await(20, TimeUnit.SECONDS)).isTrue();
            return seen.get();
        }
    }

    @Test
    void withAThroughputDeadlineASlowActorYieldsItsThread() throws Exception {
        // tag::deadline[]
        DispatcherConfig.FixedPool oneThread = DispatcherConfig.fixedPool(1)
                .withThroughput(1_000)
                .withThroughputDeadline(Duration.ofMillis(5));
        // end::deadline[]
        assertThat(slowMessagesBeforeB(oneThread)).as("A yields after about 5 ms of work").isLessThan(100);
    }

    /**
     * The same on the default fork-join dispatcher with one thread, with all messages sent by an actor on that
     * thread. (Sent from the test thread, B's message would wait for A's whole backlog even with the deadline:
     * a fork-join worker runs the tasks of its own queue, where A is re-queued after each turn, before it looks
     * at tasks submitted from other threads.) The sender ends by telling a third actor, which takes the
     * worker's hand-off slot, so that B is queued behind A instead of being run first.
     */
    static int slowMessagesBeforeBOnTheDefaultDispatcher(Duration deadline) throws Exception {
        return slowMessagesBeforeBOnTheDefaultDispatcher(1_000, deadline);
    }

    static int slowMessagesBeforeBOnTheDefaultDispatcher(int throughput, Duration deadline) throws Exception {
        ActorSystemSettings settings = TestSystem.settings().parallelism(1).throughput(throughput)
                .throughputDeadline(deadline).build();
        try (TestSystem sys = TestSystem.create("default-deadline", settings)) {
            ActorRef<Work> sender = sys.spawn(worker());
            ActorRef<Work> a = sys.spawn(worker());
            ActorRef<Work> b = sys.spawn(worker());
            ActorRef<Work> last = sys.spawn(worker());
            AtomicInteger slowDone = new AtomicInteger();
            CountDownLatch reported = new CountDownLatch(1);
            AtomicInteger seen = new AtomicInteger();
            sender.tell(new Work.SendAll(a, slowDone, b, new Work.Report(slowDone, reported, seen), last));
            assertThat(reported.await(20, TimeUnit.SECONDS)).isTrue();
            return seen.get();
        }
    }

    @Test
    void theDefaultDispatcherHonoursTheDeadlineOfTheSettings() throws Exception {
        assertThat(slowMessagesBeforeBOnTheDefaultDispatcher(Duration.ofMillis(5))).isLessThan(100);
        assertThat(slowMessagesBeforeBOnTheDefaultDispatcher(Duration.ZERO)).isEqualTo(1_000);
    }

    @Test
    void onTheDefaultDispatcherAnActorYieldsAtItsThroughputWhenAnotherWaits() throws Exception {
        // With nothing else queued a fork-join turn goes on past the throughput; with B queued it must not.
        assertThat(slowMessagesBeforeBOnTheDefaultDispatcher(2, Duration.ZERO)).isLessThanOrEqualTo(2);
    }

    @Test
    void withoutADeadlineTheSlowActorKeepsItsThreadForAWholeTurn() throws Exception {
        assertThat(slowMessagesBeforeB(DispatcherConfig.fixedPool(1).withThroughput(1_000))).isEqualTo(1_000);
    }

    // ---- sleeping and waking ----------------------------------------------------------------------------

    @Test
    void requestsFromOutsideThatFindEveryWorkerAsleepAreAllServed() throws Exception {
        // Between two requests every worker runs out of work and parks; a wake-up lost between a worker's last
        // look at the queues and its park would leave one request unanswered, and the latch would time out.
        try (TestSystem sys = TestSystem.create("wake-ups", TestSystem.settings().parallelism(3).build())) {
            ActorRef<CountDownLatch> echo = sys.spawn(Behaviors.receiveMessage(latch -> {
                latch.countDown();
                return Behaviors.same();
            }));
            List<Thread> clients = new java.util.ArrayList<>();
            AtomicInteger served = new AtomicInteger();
            for (int c = 0; c < 2; c++) {
                clients.add(new Thread(() -> {
                    try {
                        for (int i = 0; i < 2_000; i++) {
                            CountDownLatch answered = new CountDownLatch(1);
                            echo.tell(answered);
                            if (!answered.await(20, TimeUnit.SECONDS)) {
                                return;
                            }
                            served.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            clients.forEach(Thread::start);
            for (Thread client : clients) {
                client.join(TimeUnit.SECONDS.toMillis(60));
            }
            assertThat(served.get()).isEqualTo(4_000);
        }
    }

    // ---- shutdown ---------------------------------------------------------------------------------------

    @Test
    void terminationLeavesNoThreadOfAnyDispatcherBehind() throws Exception {
        for (String dispatcher : List.of("default", "blocking", TestSystem.FIXED_POOL, TestSystem.PINNED,
                TestSystem.VIRTUAL, TestSystem.CALLING_THREAD)) {
            TestSystem sys = TestSystem.create("no-thread-left-" + dispatcher);
            String name = sys.system().name();
            Set<Thread> used = ConcurrentHashMap.newKeySet();
            Probe<Thread> probe = sys.probe();
            for (int i = 0; i < 20; i++) {
                ActorRef<ActorRef<Thread>> actor = sys.spawn(Behaviors.receiveMessage(replyTo -> {
                    used.add(Thread.currentThread());
                    replyTo.tell(Thread.currentThread());
                    return Behaviors.same();
                }), props(dispatcher));
                actor.tell(probe.ref());
                probe.receive();
            }
            assertThat(used).as(dispatcher).isNotEmpty();
            sys.terminateAndAwait();
            Thread testThread = Thread.currentThread(); // where the calling-thread dispatcher ran the turns
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(threadsNamed(name + "-")).as(dispatcher).isEmpty();
                assertThat(used).as(dispatcher).noneMatch(t -> t.isAlive() && t != testThread);
            });
        }
    }
}
