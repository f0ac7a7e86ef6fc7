package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behavior factories and AbstractBehavior, including become. */
class BehaviorsTest {

    sealed interface Counter {
        record Add(int n) implements Counter {}
        record Get(ActorRef<Object> replyTo) implements Counter {}
        record Stop() implements Counter {}
    }

    /** Functional style: state lives in the behavior; each Add becomes a new behavior. */
    static Behavior<Counter> counter(int total) {
        return Behaviors.receiveMessage(msg -> switch (msg) {
            case Counter.Add(int n) -> counter(total + n);
            case Counter.Get(var replyTo) -> {
                replyTo.tell(total);
                yield Behaviors.same();
            }
            case Counter.Stop stop -> Behaviors.stopped();
        });
    }

    /** Object style. */
    static final class CounterBehavior extends AbstractBehavior<Counter> {
        private final ActorRef<Object> report;
        private int total;

        CounterBehavior(ActorContext<Counter> ctx, ActorRef<Object> report) {
            super(ctx);
            this.report = report;
        }

        @Override
        public Behavior<Counter> onMessage(Counter msg) {
            return switch (msg) {
                case Counter.Add(int n) -> {
                    total += n;
                    yield this;
                }
                case Counter.Get(var replyTo) -> {
                    replyTo.tell("abstract " + total + " at " + getContext().self().path().name());
                    yield Behaviors.same();
                }
                case Counter.Stop stop -> Behaviors.stopped(() -> report.tell("postStop action"));
            };
        }

        @Override
        public Behavior<Counter> onSignal(Signal signal) {
            if (signal instanceof PostStop) {
                report.tell("PostStop signal, total " + total);
                return this;
            }
            return Behaviors.unhandled();
        }
    }

    TestSystem sys;
    Probe<Object> probe;

    @BeforeEach
    void start() {
        // Unhandled messages are published here (not the default FAIL), to observe them as events.
        sys = TestSystem.create("behaviors", TestSystem.settings()
                .unhandledMessagePolicy(UnhandledMessagePolicy.LOG_AND_PUBLISH).build());
        probe = sys.probe();
    }

    @AfterEach
    void stop() {
        sys.close();
    }

    @Test
    void returningANewBehaviorBecomesItAndSameKeepsTheCurrentOne() {
        ActorRef<Counter> c = sys.spawn(counter(0));
        c.tell(new Counter.Add(2));
        c.tell(new Counter.Add(3));
        c.tell(new Counter.Get(probe.ref()));
        c.tell(new Counter.Get(probe.ref()));
        assertThat(probe.receiveN(2)).containsExactly(5, 5);
    }

    @Test
    void anAbstractBehaviorKeepsStateGetsItsContextAndHandlesPostStopBeforeThePostStopAction() {
        ActorRef<Counter> c = sys.spawn(Behaviors.setup(ctx -> new CounterBehavior(ctx, probe.ref())), "oo");
        c.tell(new Counter.Add(4));
        c.tell(new Counter.Add(6));
        c.tell(new Counter.Get(probe.ref()));
        assertThat(probe.receive()).isEqualTo("abstract 10 at oo");
        c.tell(new Counter.Stop());
        assertThat(probe.receive()).isEqualTo("PostStop signal, total 10");
        assertThat(probe.receive()).isEqualTo("postStop action");
    }

    @Test
    void setupRunsOnceOnTheActorWithItsContext() {
        AtomicInteger setups = new AtomicInteger();
        ActorRef<Counter> c = sys.spawn(Behaviors.setup(ctx -> {
            setups.incrementAndGet();
            probe.ref().tell("setup of " + ctx.self().path().name());
            return Behaviors.setup(inner -> counter(100)); // nested setups are started too
        }), "with-setup");
        assertThat(probe.receive()).isEqualTo("setup of with-setup");
        c.tell(new Counter.Get(probe.ref()));
        assertThat(probe.receive()).isEqualTo(100);
        assertThat(setups).hasValue(1);
    }

    @Test
    void receiveGivesTheContextAndReceiveSignalHandlesOnlySignals() {
        ActorRef<Counter> r = sys.spawn(Behaviors.receive((ctx, msg) -> {
            probe.ref().tell("receive in " + ctx.self().path().name());
            return Behaviors.same();
        }, (ctx, signal) -> {
            probe.ref().tell(signal);
            return Behaviors.same();
        }), "recv");
        r.tell(new Counter.Add(1));
        assertThat(probe.receive()).isEqualTo("receive in recv");
        sys.inGuardian(ctx -> ctx.stop(r));
        assertThat(probe.receive()).isEqualTo(PostStop.INSTANCE);

        Probe<Object> unhandled = sys.probe();
        sys.system().eventStream().subscribe(UnhandledMessage.class, unhandled.ref());
        ActorRef<Counter> s = sys.spawn(Behaviors.receiveSignal((ctx, signal) -> {
            probe.ref().tell(signal);
            return Behaviors.same();
        }));
        s.tell(new Counter.Add(1));
        assertThat(unhandled.receive()).isEqualTo(new UnhandledMessage(new Counter.Add(1), s.unsafeUpcast()));
        sys.inGuardian(ctx -> ctx.stop(s));
        assertThat(probe.receive()).isEqualTo(PostStop.INSTANCE);
    }

    @Test
    void emptyReportsEveryMessageUnhandled() {
        Probe<Object> unhandled = sys.probe();
        sys.system().eventStream().subscribe(UnhandledMessage.class, unhandled.ref());
        ActorRef<Counter> e = sys.spawn(Behaviors.empty());
        e.tell(new Counter.Add(1));
        e.tell(new Counter.Add(2));
        assertThat(unhandled.receiveN(2)).containsExactly(
                new UnhandledMessage(new Counter.Add(1), e.unsafeUpcast()),
                new UnhandledMessage(new Counter.Add(2), e.unsafeUpcast()));
    }

    @Test
    void ignoreSilentlyDropsMessagesAndSignals() {
        // one probe hears both the unhandled events and the watcher, so an UnhandledMessage would come first
        sys.system().eventStream().subscribe(UnhandledMessage.class, probe.ref());
        ActorRef<Counter> i = sys.spawn(Behaviors.ignore());
        ActorRef<Watcher.Cmd> watcher = sys.spawn(Watcher.behavior(probe.ref()));
        watcher.tell(new Watcher.Cmd.Watch(i));
        probe.receive(Watcher.Watching.class);
        i.tell(new Counter.Add(1));
        sys.inGuardian(ctx -> ctx.stop(i));
        assertThat(probe.receive()).isEqualTo(Watcher.terminated(i));

        // an ignoring watcher does not die of an unhandled Terminated
        ActorRef<Counter> ignoringWatcher = sys.spawn(Behaviors.<Counter>setup(ctx -> {
            ctx.watch(watcher);
            return Behaviors.ignore();
        }));
        watcher.tell(new Watcher.Cmd.Watch(ignoringWatcher));
        probe.receive(Watcher.Watching.class);
        sys.inGuardian(ctx -> ctx.stop(watcher));
        assertThat(probe.receive()).isEqualTo(PostStop.INSTANCE); // the first watcher's own
        ActorRef<Watcher.Cmd> second = sys.spawn(Watcher.behavior(probe.ref()));
        second.tell(new Watcher.Cmd.Watch(ignoringWatcher));
        probe.receive(Watcher.Watching.class);
        StopAndDeathWatchTest.settle(second, probe); // no Terminated for the ignoring watcher
    }

    @Test
    void stoppedWithAPostStopActionRunsItAfterThePostStopSignal() {
        ActorRef<Counter> a = sys.spawn(Behaviors.receive((ctx, msg) ->
                Behaviors.<Counter>stopped(() -> probe.ref().tell("action")), (ctx, signal) -> {
                    probe.ref().tell(signal);
                    return Behaviors.same();
                }));
        a.tell(new Counter.Stop());
        assertThat(probe.receiveN(2)).containsExactly(PostStop.INSTANCE, "action");
    }

    @Test
    void setupReturningSameOrAHandlerReturningNullFailsTheActor() {
        Probe<Object> parentEvents = sys.probe();
        ActorRef<Watcher.Cmd> parent = sys.spawn(Watcher.behavior(parentEvents.ref()));
        try (LogCapture ignored = LogCapture.of(dev.troupe.actor.internal.ActorCell.class, null)) {
            ActorRef<Counter> same = Watcher.spawnChild(parent, Behaviors.<Counter>setup(ctx -> Behaviors.same()), "same");
            ChildFailed f1 = parentEvents.receive(ChildFailed.class);
            assertThat(f1.ref()).isEqualTo(same);
            assertThat(f1.cause()).isInstanceOf(IllegalStateException.class);

            ActorRef<Counter> nul = Watcher.spawnChild(parent, Behaviors.<Counter>receiveMessage(m -> null), "null");
            nul.tell(new Counter.Add(1));
            ChildFailed f2 = parentEvents.receive(ChildFailed.class);
            assertThat(f2.ref()).isEqualTo(nul);
            assertThat(f2.cause()).isInstanceOf(IllegalStateException.class).hasMessageContaining(nul.path().toString());
        }
    }

    @Test
    void logMessagesLogsEachMessageAndSignalThroughTheActorsLoggerNamedAfterTheBehaviorsClass() {
        try (LogCapture log = LogCapture.of(BehaviorsTest.class, Level.INFO)) {
            ActorRef<Counter> c = sys.spawn(Behaviors.logMessages(org.slf4j.event.Level.INFO,
                    Behaviors.receive((ctx, msg) -> switch (msg) {
                        case Counter.Get(var replyTo) -> {
                            replyTo.tell("got");
                            yield Behaviors.same();
                        }
                        default -> Behaviors.same();
                    }, (ctx, signal) -> Behaviors.same())));
            c.tell(new Counter.Get(probe.ref()));
            assertThat(probe.receive()).isEqualTo("got");
            assertThat(log.events()).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.INFO);
                assertThat(e.getFormattedMessage()).contains("received message").contains(c.path().toString())
                        .contains("Get[");
            });
            sys.inGuardian(ctx -> ctx.stop(c));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                    log.events().stream().anyMatch(e -> e.getFormattedMessage().contains("received signal PostStop")));
        }
    }
}
