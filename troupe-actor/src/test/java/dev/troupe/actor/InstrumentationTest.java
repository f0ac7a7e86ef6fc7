package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.actor.instrument.Instrumentation;
import dev.troupe.actor.instrument.InstrumentedActor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** What an instrumented system reports: actors started and stopped, every message counted, samples timed. */
class InstrumentationTest {

    sealed interface Count {
        record Add(int n) implements Count {}
        record Total(ActorRef<Integer> replyTo) implements Count {}
    }

    static Behavior<Count> counter(int total) {
        return Behaviors.receiveMessage(message -> switch (message) {
            case Count.Add(int n) -> counter(total + n);
            case Count.Total(var replyTo) -> {
                replyTo.tell(total);
                yield Behaviors.same();
            }
        });
    }

    /** An actor that, told where to reply, sends {@code adds} times Add(1) to {@code counter} from its turn, then Total. */
    static Behavior<ActorRef<Integer>> addsOnesThenAsksTotal(ActorRef<Count> counter, int adds) {
        return Behaviors.receiveMessage(replyTo -> {
            for (int i = 0; i < adds; i++) {
                counter.tell(new Count.Add(1));
            }
            counter.tell(new Count.Total(replyTo));
            return Behaviors.same();
        });
    }

    static TestSystem instrumented(String name, Instrumentation instrumentation) {
        return TestSystem.create(name, TestSystem.settings().instrumentation(instrumentation).build());
    }

    @ParameterizedTest
    @MethodSource("dev.troupe.actor.RuntimeMatrix#props")
    void countsEveryMessageAndTimesEverySampledOne(Props props) {
        RecordingInstrumentation recording = new RecordingInstrumentation(1, null);
        try (TestSystem system = instrumented("counted", recording)) {
            ActorRef<Count> counter = system.spawn(counter(0), props.withActorType("counter"));
            for (int i = 1; i <= 100; i++) {
                counter.tell(new Count.Add(i));
            }
            assertThat(system.<Count, Integer>ask(counter, Count.Total::new)).isEqualTo(5050);

            RecordingInstrumentation.Recorder recorder = recording.recorder("counter");
            InstrumentedActor actor = recorder.actor(counter);
            assertThat(actor.actorType()).isEqualTo("counter");
            assertThat(actor.messagesProcessed()).isEqualTo(101);
            // the reply to Total is sent inside its handler, before the handler's sample is recorded
            await().atMost(TestSystem.TIMEOUT).until(() -> recorder.samplesOf(counter).size() == 101);
            List<RecordingInstrumentation.Sample> samples = recorder.samplesOf(counter);
            assertThat(samples).hasSize(101).allSatisfy(sample -> {
                assertThat(sample.timeInMailboxNanos()).isNotNegative();
                assertThat(sample.processingNanos()).isNotNegative();
                assertThat(sample.mailboxDepth()).isBetween(0, 100);
                assertThat(sample.weight()).isEqualTo(1);
            });
            assertThat(actor.estimatedProcessingNanos())
                    .isEqualTo(samples.stream().mapToLong(RecordingInstrumentation.Sample::processingNanos).sum());

            actor.stop();
            await().atMost(TestSystem.TIMEOUT).until(() -> !recorder.stopped.isEmpty());
            assertThat(recorder.stopped).singleElement().satisfies(stop -> {
                assertThat(stop.actor()).isSameAs(actor);
                assertThat(stop.failure()).isNull();
            });
            assertThat(actor.isTerminated()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.troupe.actor.RuntimeMatrix#concurrentProps")
    void mailboxDepthCountsWaitingMessages(Props props) throws InterruptedException {
        RecordingInstrumentation recording = new RecordingInstrumentation(1, null);
        try (TestSystem system = instrumented("depth", recording)) {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ActorRef<String> blocker = system.spawn(Behaviors.receiveMessage(message -> {
                if (message.equals("block")) {
                    entered.countDown();
                    release.await();
                }
                return Behaviors.same();
            }), props.withActorType("blocker"));
            blocker.tell("block");
            assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
            InstrumentedActor actor = recording.recorder("blocker").actor(blocker);
            assertThat(actor.mailboxDepth()).isZero();
            for (int i = 0; i < 50; i++) {
                blocker.tell("wait " + i);
            }
            assertThat(actor.mailboxDepth()).isEqualTo(50);
            assertThat(actor.estimatedMemoryBytes()).isGreaterThanOrEqualTo(240 + 50 * 24);
            release.countDown();
            // a message is counted before it is processed and sampled after
            await().atMost(TestSystem.TIMEOUT).until(() -> recording.recorder("blocker").samplesOf(blocker).size() == 51);
            assertThat(actor.messagesProcessed()).isEqualTo(51);
            assertThat(actor.mailboxDepth()).isZero();
            // the samples saw the queue drain: the block had none behind it when it started, the first waiting
            // message 49
            assertThat(recording.recorder("blocker").samplesOf(blocker))
                    .extracting(RecordingInstrumentation.Sample::mailboxDepth).contains(49, 0).startsWith(0);
        }
    }

    @Test
    void eachSampleSeesTheMessagesStillWaitingWhenItsProcessingStarts() throws InterruptedException {
        RecordingInstrumentation recording = new RecordingInstrumentation(1, null);
        try (TestSystem system = instrumented("depth-seen", recording)) {
            CountDownLatch blocked = new CountDownLatch(1);
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch unblock = new CountDownLatch(1);
            CountDownLatch unhold = new CountDownLatch(1);
            ActorRef<String> actor = system.spawn(Behaviors.receiveMessage(message -> {
                if (message.equals("block")) {
                    blocked.countDown();
                    unblock.await();
                } else if (message.equals("hold")) {
                    holding.countDown();
                    unhold.await();
                }
                return Behaviors.same();
            }), Props.empty().withActorType("depth"));
            actor.tell("block");
            assertThat(blocked.await(20, TimeUnit.SECONDS)).isTrue();
            for (String message : List.of("hold", "a1", "a2", "a3")) {
                actor.tell(message);
            }
            unblock.countDown();
            assertThat(holding.await(20, TimeUnit.SECONDS)).isTrue();
            // two more arrive behind the three already counted while "hold" was sampled
            actor.tell("a4");
            actor.tell("a5");
            unhold.countDown();
            await().atMost(TestSystem.TIMEOUT).until(() -> recording.recorder("depth").samplesOf(actor).size() == 7);
            assertThat(recording.recorder("depth").samplesOf(actor))
                    .extracting(RecordingInstrumentation.Sample::mailboxDepth).containsExactly(0, 3, 4, 3, 2, 1, 0);
        }
    }

    @Test
    void samplesOneMessageInSampleEveryOnAverage() {
        RecordingInstrumentation recording = new RecordingInstrumentation(4, null);
        try (TestSystem system = instrumented("sampled", recording)) {
            ActorRef<Count> counter = system.spawn(counter(0), Props.empty().withActorType("counter"));
            for (int i = 0; i < 4_000; i++) {
                counter.tell(new Count.Add(1));
            }
            assertThat(system.<Count, Integer>ask(counter, Count.Total::new)).isEqualTo(4_000);
            // binomial(4001, 1/4): mean 1000, standard deviation 27; this range is more than 7 deviations wide
            // (the reply to Total is sent before its own sample, if it has one, is recorded: hence up to 1201)
            assertThat(recording.recorder("counter").samplesOf(counter)).hasSizeBetween(800, 1201);
            assertThat(recording.recorder("counter").actor(counter).messagesProcessed()).isEqualTo(4_001);
        }
    }

    @Test
    void samplesOneMessageInSampleEveryOnAverageWhenAnActorSendsThem() {
        RecordingInstrumentation recording = new RecordingInstrumentation(4, null);
        try (TestSystem system = instrumented("sampled-by-actor", recording)) {
            ActorRef<Count> counter = system.spawn(counter(0), Props.empty().withActorType("counter"));
            // a pool thread counts down random gaps instead of drawing for each message: the same rate
            ActorRef<ActorRef<Integer>> sender = system.spawn(addsOnesThenAsksTotal(counter, 4_000));
            assertThat(system.<ActorRef<Integer>, Integer>ask(sender, replyTo -> replyTo)).isEqualTo(4_000);
            // gaps uniform in 1..7: 1000 samples on average, a standard deviation of about 16
            assertThat(recording.recorder("counter").samplesOf(counter)).hasSizeBetween(800, 1201);
        }
    }

    @Test
    void aBusyPoolThreadThrottlesItsSamplingAndWeighsEachSampleByTheIntervalItWasTakenAt() {
        // every message would be timed, but a pool thread sampling more often than once a second throttles
        RecordingInstrumentation recording = new RecordingInstrumentation(1, null, Duration.ofSeconds(1));
        try (TestSystem system = instrumented("throttled", recording)) {
            ActorRef<Count> counter = system.spawn(counter(0), Props.empty().withActorType("counter"));
            ActorRef<ActorRef<Integer>> sender = system.spawn(addsOnesThenAsksTotal(counter, 20_000));
            assertThat(system.<ActorRef<Integer>, Integer>ask(sender, replyTo -> replyTo)).isEqualTo(20_000);
            InstrumentedActor actor = recording.recorder("counter").actor(counter);
            assertThat(actor.messagesProcessed()).isEqualTo(20_001); // counting is never sampled
            // the reply to Total is sent before its own sample, if it has one, is recorded
            await().atMost(TestSystem.TIMEOUT).untilAsserted(() -> assertThat(actor.estimatedProcessingNanos())
                    .isEqualTo(recording.recorder("counter").samplesOf(counter).stream()
                            .mapToLong(sample -> sample.processingNanos() * sample.weight()).sum()));

            List<RecordingInstrumentation.Sample> samples = recording.recorder("counter").samplesOf(counter);
            // the interval doubles at each sample up to 64 (1 + 2 + ... + 64 messages), then stays there:
            // about 8 + 19,873 / 64 = 318 samples, not 20,001
            assertThat(samples).hasSizeBetween(200, 500);
            List<Integer> weights = samples.stream().map(RecordingInstrumentation.Sample::weight).toList();
            assertThat(weights).isSorted().endsWith(64)
                    .allSatisfy(weight -> assertThat(Integer.bitCount(weight)).isEqualTo(1))
                    .allSatisfy(weight -> assertThat(weight).isBetween(1, 64));
            assertThat(weights.stream().filter(weight -> weight < 64)).hasSizeLessThanOrEqualTo(8);
            // weighted, the samples still stand for every message: 20,001 give or take a few gaps' spread
            long weighted = samples.stream().mapToLong(RecordingInstrumentation.Sample::weight).sum();
            assertThat(weighted).isBetween(17_000L, 23_000L);
        }
    }

    @Test
    void actorTypeIsTheBehaviorsClassUnlessTagged() {
        RecordingInstrumentation recording = new RecordingInstrumentation(1, null);
        try (TestSystem system = instrumented("types", recording)) {
            ActorRef<Count> plain = system.spawn(counter(0));
            assertThat(system.<Count, Integer>ask(plain, Count.Total::new)).isZero();
            assertThat(recording.recorder(InstrumentationTest.class.getName()).actor(plain).actorType())
                    .isEqualTo(InstrumentationTest.class.getName());
            ActorRef<Count> taggedRef = system.spawn(counter(0), Props.empty().withActorType("tagged"));
            InstrumentedActor tagged = recording.recorder("tagged").actor(taggedRef);
            assertThat(tagged.actorType()).isEqualTo("tagged");
            assertThat(tagged.mailboxKind()).isEqualTo("unbounded");
            assertThat(tagged.dispatcherName()).isEqualTo(ActorSystemSettings.DEFAULT_DISPATCHER);
        }
    }

    @Test
    void describesMailboxAndDispatcher() {
        RecordingInstrumentation recording = new RecordingInstrumentation(1, null);
        try (TestSystem system = instrumented("described", recording)) {
            ActorRef<Count> ref = system.spawn(counter(0), Props.empty().withActorType("described")
                    .withMailbox(MailboxSelector.bounded(10, MailboxSelector.OverflowStrategy.DROP_OLDEST))
                    .withDispatcher(DispatcherSelector.fromSettings(TestSystem.PINNED)));
            InstrumentedActor actor = recording.recorder("described").actor(ref);
            assertThat(actor.mailboxKind()).isEqualTo("bounded(10, DROP_OLDEST)");
            assertThat(actor.dispatcherName()).isEqualTo(TestSystem.PINNED);
            assertThat(actor.ref()).isEqualTo(ref);
            assertThat(actor.spawnedAtNanos()).isLessThanOrEqualTo(System.nanoTime());
        }
    }

    @Test
    void batchHandlersCountAndTimeInMailboxButNotProcessing() {
        RecordingInstrumentation recording = new RecordingInstrumentation(1, null);
        try (TestSystem system = instrumented("batched", recording)) {
            Probe<List<Integer>> batches = system.probe();
            CountDownLatch release = new CountDownLatch(1);
            ActorRef<Integer> batcher = system.spawn(Behaviors.<Integer>batching(100, batch -> {
                if (batch.contains(0)) {
                    release.await();
                }
                batches.ref().tell(List.copyOf(batch));
                return Behaviors.same();
            }), Props.empty().withActorType("batcher"));
            for (int i = 0; i < 11; i++) {
                batcher.tell(i);
            }
            release.countDown();
            int received = 0;
            while (received < 11) {
                received += batches.receive().size();
            }
            InstrumentedActor actor = recording.recorder("batcher").actor(batcher);
            assertThat(actor.messagesProcessed()).isEqualTo(11);
            // a batch's first message is sampled after the handler, which has sent the batch to the probe
            await().atMost(TestSystem.TIMEOUT).until(() -> recording.recorder("batcher").samplesOf(batcher).size() == 11);
            List<RecordingInstrumentation.Sample> samples = recording.recorder("batcher").samplesOf(batcher);
            // the first message of each batch is processed alone and timed, the others only waited
            assertThat(samples).filteredOn(s -> s.processingNanos() == -1).isNotEmpty();
        }
    }

    @Test
    void stoppingThroughTheInstrumentationStopsTheActorAsItsParentWould() {
        RecordingInstrumentation recording = new RecordingInstrumentation(1, null);
        try (TestSystem system = instrumented("stopped", recording)) {
            Probe<Object> report = system.probe();
            ActorRef<Watcher.Cmd> watcher = system.spawn(Watcher.behavior(report.ref()));
            ActorRef<Count> target = system.spawn(counter(0), Props.empty().withActorType("target"));
            watcher.tell(new Watcher.Cmd.Watch(target));
            report.expect(new Watcher.Watching(target));
            recording.recorder("target").actor(target).stop();
            report.expect(Watcher.terminated(target));
            assertThat(recording.recorder("target").stopped).singleElement()
                    .satisfies(stop -> assertThat(stop.failure()).isNull());
        }
    }

    @Test
    void aFailedActorIsReportedStoppedWithItsFailure() {
        RecordingInstrumentation recording = new RecordingInstrumentation(1, null);
        try (TestSystem system = instrumented("failed", recording)) {
            IllegalStateException boom = new IllegalStateException("boom");
            ActorRef<String> failing = system.spawn(Behaviors.<String>receiveMessage(message -> {
                throw boom;
            }), Props.empty().withActorType("failing"));
            failing.tell("fail");
            await().atMost(TestSystem.TIMEOUT).until(() -> !recording.recorder("failing").stopped.isEmpty());
            assertThat(recording.recorder("failing").stopped).singleElement()
                    .satisfies(stop -> assertThat(stop.failure()).isSameAs(boom));
        }
    }

    @Test
    void supervisionEventsNameTheTaggedActorType() {
        RecordingInstrumentation recording = new RecordingInstrumentation(1, null);
        try (TestSystem system = instrumented("tagged-events", recording)) {
            Probe<SupervisionEvent> events = system.probe();
            system.system().eventStream().subscribe(SupervisionEvent.class, events.ref());
            ActorRef<String> restarting = system.spawn(Behaviors.supervise(Behaviors.<String>receiveMessage(m -> {
                throw new IllegalStateException("restart me");
            })).onFailure(IllegalStateException.class, SupervisorStrategy.restart()),
                    Props.empty().withActorType("restarting"));
            ActorRef<String> stopping = system.spawn(Behaviors.<String>receiveMessage(m -> {
                throw new IllegalStateException("stop me");
            }), Props.empty().withActorType("stopping"));
            restarting.tell("fail");
            assertThat(events.receive(SupervisionEvent.Failed.class).actorType()).isEqualTo("restarting");
            assertThat(events.receive(SupervisionEvent.Restarted.class).actorType()).isEqualTo("restarting");
            stopping.tell("fail");
            assertThat(events.receive(SupervisionEvent.Failed.class).actorType()).isEqualTo("stopping");
            assertThat(events.receive(SupervisionEvent.StoppedOnFailure.class).actorType()).isEqualTo("stopping");
        }
    }

    @Test
    void systemStartedComesBeforeTheGuardiansFirstActorAndAFailureThereFailsCreate() throws Exception {
        java.util.List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        RecordingInstrumentation recording = new RecordingInstrumentation(1, null) {
            @Override
            public void systemStarted(ActorSystem<?> system) {
                calls.add("started " + system.name() + ", actors " + startedCount());
            }
        };
        ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(ctx -> {
            calls.add("guardian setup");
            return Behaviors.empty();
        }), "started", ActorSystemSettings.builder().instrumentation(recording).build());
        try {
            await().atMost(TestSystem.TIMEOUT).until(() -> calls.size() == 2);
            assertThat(calls).containsExactly("started started, actors 0", "guardian setup");
        } finally {
            system.terminate();
            system.whenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
        }

        IllegalStateException refused = new IllegalStateException("cannot connect");
        java.util.concurrent.atomic.AtomicReference<ActorSystem<?>> refusedSystem =
                new java.util.concurrent.atomic.AtomicReference<>();
        RecordingInstrumentation failing = new RecordingInstrumentation(1, null) {
            @Override
            public void systemStarted(ActorSystem<?> system) {
                refusedSystem.set(system);
                throw refused;
            }
        };
        // a guardian whose behavior needs no setup would get PostStop if it were stopped like any actor
        assertThatThrownBy(() -> ActorSystem.create(Behaviors.<Void>receive((ctx, m) -> Behaviors.same(),
                (ctx, signal) -> {
                    calls.add("must not run: " + signal);
                    return Behaviors.same();
                }), "refused", ActorSystemSettings.builder().instrumentation(failing).build())).isSameAs(refused);
        refusedSystem.get().whenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertThat(calls).noneMatch(call -> call.startsWith("must not run"));
        // the guardian was never reported started, so it is not reported stopped either
        assertThat(failing.actorTypes()).allSatisfy(type -> assertThat(failing.recorder(type).stopped).isEmpty());
    }

    static java.util.stream.Stream<Throwable> recorderFailures() {
        return java.util.stream.Stream.of(new IllegalStateException("a recorder bug"),
                new NoClassDefFoundError("an optional library is missing"));
    }

    /** A recorder that throws, an Error too, neither fails the actor nor keeps its watchers from its death. */
    @ParameterizedTest
    @MethodSource("recorderFailures")
    void aFailingRecorderNeverFailsTheActorNorHidesItsDeath(Throwable failure) {
        dev.troupe.actor.instrument.ActorTypeRecorder throwing = new dev.troupe.actor.instrument.ActorTypeRecorder() {
            @Override
            public void actorStarted(InstrumentedActor actor) {
                throw sneaky(failure);
            }

            @Override
            public void actorStopped(InstrumentedActor actor, Throwable cause) {
                throw sneaky(failure);
            }

            @Override
            public void sampled(InstrumentedActor actor, long waited, long processing, int depth, int weight) {
                throw sneaky(failure);
            }
        };
        Instrumentation broken = new Instrumentation() {
            @Override
            public int sampleEvery() {
                return 1;
            }

            @Override
            public dev.troupe.actor.instrument.ActorTypeRecorder recorderFor(String actorType) {
                return throwing;
            }
        };
        try (TestSystem system = instrumented("broken", broken)) {
            Probe<Object> report = system.probe();
            ActorRef<Watcher.Cmd> watcher = system.spawn(Watcher.behavior(report.ref()));
            ActorRef<Count> target = Watcher.spawnChild(watcher, counter(0), "target");
            watcher.tell(new Watcher.Cmd.Watch(target));
            report.expect(new Watcher.Watching(target));
            target.tell(new Count.Add(3)); // sampled: the recorder throws, the message is still processed
            assertThat(system.<Count, Integer>ask(target, Count.Total::new)).isEqualTo(3);
            watcher.tell(new Watcher.Cmd.StopChild(target)); // actorStopped throws on the target's last turn
            report.expect(Watcher.terminated(target));
        }
    }

    private static RuntimeException sneaky(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return (RuntimeException) failure;
    }

    @Test
    void aMessageHeldByARestartKeepsItsEnvelopeAndIsCountedOnce() {
        MessageHookTest.Recording hook = new MessageHookTest.Recording();
        RecordingInstrumentation recording = new RecordingInstrumentation(1, hook);
        try (TestSystem system = instrumented("held", recording)) {
            Probe<String> probe = system.probe();
            ActorRef<String> actor = system.spawn(Behaviors.supervise(Behaviors.<String>receiveMessage(m -> {
                if (m.equals("fail")) {
                    throw new IllegalStateException("restart me");
                }
                probe.ref().tell("got " + m);
                return Behaviors.same();
            })).onFailure(IllegalStateException.class, SupervisorStrategy.restartWithBackoff(
                    Duration.ofMillis(200), Duration.ofMillis(200), 0)), Props.empty().withActorType("held"));
            actor.tell("fail");
            actor.tell("after"); // arrives during the back-off: held, then processed
            probe.expect("got after");
            InstrumentedActor instrumented = recording.recorder("held").actor(actor);
            await().atMost(TestSystem.TIMEOUT).until(() -> hook.after.stream()
                    .anyMatch(a -> a.actor().equals(actor.path()) && "after".equals(a.token())));
            assertThat(hook.received).filteredOn(r -> r.actor().equals(actor.path()) && r.message().equals("after"))
                    .singleElement().satisfies(r -> assertThat(r.carried()).isEqualTo("carried:after"));
            // "fail", "after" and the back-off's end (a runtime envelope); "after" once, not once per pass
            assertThat(instrumented.messagesProcessed()).isEqualTo(3);
        }
    }

    @Test
    void aSampleEveryThatIsNotAPowerOfTwoIsRefused() {
        for (int bad : new int[] {0, 3, -4, 1 << 21}) {
            RecordingInstrumentation recording = new RecordingInstrumentation(bad, null);
            assertThatThrownBy(() -> ActorSystem.create(Behaviors.empty(), "bad-sampling",
                    ActorSystemSettings.builder().instrumentation(recording).build()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("sampleEvery() must be a power of two")
                    .hasMessageContaining(Integer.toString(bad));
        }
    }

    @Test
    void aMinSampleSpacingOutOfRangeIsRefused() {
        for (Duration bad : new Duration[] {Duration.ofNanos(-1), Duration.ofMillis(1_001), Duration.ofDays(999_999)}) {
            RecordingInstrumentation recording = new RecordingInstrumentation(1, null, bad);
            assertThatThrownBy(() -> ActorSystem.create(Behaviors.empty(), "bad-spacing",
                    ActorSystemSettings.builder().instrumentation(recording).build()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("minSampleSpacing() must be from zero to one second")
                    .hasMessageContaining(bad.toString());
        }
        RecordingInstrumentation nullSpacing = new RecordingInstrumentation(1, null, null);
        assertThatThrownBy(() -> ActorSystem.create(Behaviors.empty(), "null-spacing",
                ActorSystemSettings.builder().instrumentation(nullSpacing).build()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("null minSampleSpacing()");
    }

    @Test
    void anActorTypeTagMustBeShortAndNotBlank() {
        assertThatThrownBy(() -> Props.empty().withActorType(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("actorType");
        assertThatThrownBy(() -> Props.empty().withActorType("x".repeat(201)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Props.empty().withActorType(null)).isInstanceOf(NullPointerException.class);
        assertThat(Props.empty().withActorType("a")).isEqualTo(Props.empty().withActorType("a"))
                .isNotEqualTo(Props.empty());
    }

    @Test
    void withoutInstrumentationNothingIsReported() {
        try (TestSystem system = TestSystem.create("plain")) {
            assertThat(system.system().settings().instrumentation()).isEmpty();
            ActorRef<Count> counter = system.spawn(counter(0));
            counter.tell(new Count.Add(2));
            assertThat(system.<Count, Integer>ask(counter, Count.Total::new)).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "instrumented: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void depthOfAnUnboundedMailboxIsExactOnceConcurrentSendersAreDone(boolean instrumented) throws Exception {
        // the plain mailbox walks its nodes; an instrumented actor's keeps counters
        try (TestSystem system = instrumented
                ? instrumented("depth-counted", new RecordingInstrumentation(64, null))
                : TestSystem.create("depth-plain")) {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ActorRef<String> blocker = system.spawn(Behaviors.receiveMessage(message -> {
                entered.countDown();
                release.await();
                return Behaviors.same();
            }));
            blocker.tell("block");
            assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
            var mailbox = (dev.troupe.actor.internal.LocalActorRef<String>) blocker;
            CountDownLatch start = new CountDownLatch(1);
            java.util.concurrent.atomic.AtomicInteger impossibleDepths = new java.util.concurrent.atomic.AtomicInteger();
            List<Thread> senders = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                // producers race on the tail: the depth counts every one of their messages
                senders.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    for (int i = 0; i < 25_000; i++) {
                        blocker.tell("m");
                        // readers race with the senders, too, and never see a depth that was not possible
                        int depth = mailbox.mailboxSize();
                        if (depth < 1 || depth > 100_000) {
                            impossibleDepths.incrementAndGet();
                        }
                    }
                }));
            }
            start.countDown();
            for (Thread sender : senders) {
                sender.join();
            }
            assertThat(impossibleDepths).hasValue(0);
            assertThat(mailbox.mailboxSize()).isEqualTo(100_000);
            release.countDown();
            await().atMost(TestSystem.TIMEOUT).until(() -> mailbox.mailboxSize() == 0);
        }
    }
}
