package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.troupe.actor.internal.ActorCell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Unhandled messages, death pacts, and the default failure handling (stop, tell the parent, log). */
class FailureAndUnhandledTest {

    sealed interface Cmd {
        record Fail(String why) implements Cmd {}
        record Echo(String text, ActorRef<String> replyTo) implements Cmd {}
        record Ignored() implements Cmd {}
    }

    static final class Boom extends RuntimeException {
        Boom(String message) {
            super(message);
        }
    }

    static Behavior<Cmd> worker() {
        return Behaviors.receiveMessage(msg -> switch (msg) {
            case Cmd.Fail(var why) -> throw new Boom(why);
            case Cmd.Echo(var text, var replyTo) -> {
                replyTo.tell(text);
                yield Behaviors.same();
            }
            case Cmd.Ignored ignored -> Behaviors.unhandled();
        });
    }

    TestSystem sys;

    @BeforeEach
    void start() {
        // Unhandled messages are published here (not the default FAIL), to observe them as events.
        sys = TestSystem.create("fail", TestSystem.settings()
                .unhandledMessagePolicy(UnhandledMessagePolicy.LOG_AND_PUBLISH).build());
    }

    @AfterEach
    void stop() {
        sys.close();
    }

    @ParameterizedTest
    @MethodSource("dev.troupe.actor.RuntimeMatrix#props")
    void underLogAndPublishAnUnhandledMessageIsPublishedAndTheActorCarriesOn(Props props) {
        Probe<UnhandledMessage> unhandled = sys.probe();
        sys.system().eventStream().subscribe(UnhandledMessage.class, unhandled.ref());
        ActorRef<Cmd> w = sys.spawn(worker(), props);
        w.tell(new Cmd.Ignored());
        assertThat(unhandled.receive()).isEqualTo(new UnhandledMessage(new Cmd.Ignored(), w.unsafeUpcast()));
        Probe<String> replies = sys.probe();
        w.tell(new Cmd.Echo("still alive", replies.ref()));
        replies.expect("still alive");
    }

    @ParameterizedTest
    @MethodSource("dev.troupe.actor.RuntimeMatrix#props")
    void anUnhandledTerminatedIsADeathPactThatFailsTheWatcherAndTellsItsParent(Props props) {
        Probe<Object> parentEvents = sys.probe();
        Probe<Object> watcherEvents = sys.probe();
        ActorRef<Watcher.Cmd> parent = sys.spawn(Watcher.behavior(parentEvents.ref()), props);
        ActorRef<Watcher.Cmd> watcher = Watcher.spawnChild(parent,
                Watcher.behavior(watcherEvents.ref(), false), "pact");
        ActorRef<Cmd> target = sys.spawn(worker(), props);
        watcher.tell(new Watcher.Cmd.Watch(target));
        watcherEvents.receive(Watcher.Watching.class);

        sys.inGuardian(ctx -> ctx.stop(target));
        assertThat(watcherEvents.receive()).isEqualTo(Watcher.terminated(target)); // seen, left unhandled
        assertThat(watcherEvents.receive()).isEqualTo(PostStop.INSTANCE); // the watcher stopped
        ChildFailed failed = parentEvents.receive(ChildFailed.class);
        assertThat(failed.ref()).isEqualTo(watcher);
        assertThat(failed.cause()).isInstanceOf(DeathPactException.class);
        assertThat(((DeathPactException) failed.cause()).deadActor()).isEqualTo(target);
    }

    @ParameterizedTest
    @MethodSource("dev.troupe.actor.RuntimeMatrix#props")
    void anExceptionStopsTheActorTellsTheUnwatchingParentAndIsLoggedAtErrorWithThePath(Props props) {
        Probe<Object> parentEvents = sys.probe();
        ActorRef<Watcher.Cmd> parent = sys.spawn(Watcher.behavior(parentEvents.ref()), props);
        ActorRef<Cmd> child = Watcher.spawnChild(parent, worker(), "fragile");
        try (LogCapture log = LogCapture.of(ActorCell.class, null)) {
            child.tell(new Cmd.Fail("on purpose"));
            ChildFailed failed = parentEvents.receive(ChildFailed.class);
            assertThat(failed.ref()).isEqualTo(child);
            assertThat(failed.cause()).isInstanceOf(Boom.class).hasMessage("on purpose");
            assertThat(log.events()).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.ERROR);
                assertThat(e.getFormattedMessage()).contains(child.path().toString());
                assertThat(e.getThrowableProxy().getClassName()).isEqualTo(Boom.class.getName());
            });
        }
        parent.tell(new Watcher.Cmd.Ping("parent alive")); // the information-only ChildFailed did not fail it
        assertThat(parentEvents.receive()).isEqualTo(new Watcher.Pong("parent alive"));

        Probe<DeadLetter> deadLetters = sys.probe();
        sys.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
        Probe<String> replies = sys.probe();
        child.tell(new Cmd.Echo("too late", replies.ref()));
        DeadLetter d = deadLetters.receive();
        assertThat(d.recipient()).isEqualTo(child);
        assertThat(d.message()).isEqualTo(new Cmd.Echo("too late", replies.ref()));
    }

    @ParameterizedTest
    @MethodSource("dev.troupe.actor.RuntimeMatrix#props")
    void aParentThatWatchesAFailedChildGetsChildFailedInsteadOfTerminated(Props props) {
        Probe<Object> parentEvents = sys.probe();
        ActorRef<Watcher.Cmd> parent = sys.spawn(Watcher.behavior(parentEvents.ref()), props);
        ActorRef<Cmd> child = Watcher.spawnChild(parent, worker(), "watched-fragile");
        parent.tell(new Watcher.Cmd.Watch(child));
        parentEvents.receive(Watcher.Watching.class);
        try (LogCapture ignored = LogCapture.of(ActorCell.class, null)) {
            child.tell(new Cmd.Fail("again"));
            ChildFailed failed = parentEvents.receive(ChildFailed.class);
            assertThat(failed.ref()).isEqualTo(child);
            assertThat(failed.cause()).hasMessage("again");
        }
        StopAndDeathWatchTest.settle(parent, parentEvents); // and no Terminated besides
    }

    @ParameterizedTest
    @MethodSource("dev.troupe.actor.RuntimeMatrix#props")
    void aWatcherThatIsNotTheParentGetsTerminatedForAFailedActor(Props props) {
        Probe<Object> events = sys.probe();
        ActorRef<Watcher.Cmd> watcher = sys.spawn(Watcher.behavior(events.ref()), props);
        ActorRef<Cmd> target = sys.spawn(worker(), props);
        watcher.tell(new Watcher.Cmd.Watch(target));
        events.receive(Watcher.Watching.class);
        try (LogCapture ignored = LogCapture.of(ActorCell.class, null)) {
            target.tell(new Cmd.Fail("x"));
            assertThat(events.receive()).isEqualTo(Watcher.terminated(target));
        }
        StopAndDeathWatchTest.settle(watcher, events);
    }

    @ParameterizedTest
    @MethodSource("dev.troupe.actor.RuntimeMatrix#props")
    void anExceptionInSetupFailsTheActorAndTellsTheParent(Props props) {
        Probe<Object> parentEvents = sys.probe();
        ActorRef<Watcher.Cmd> parent = sys.spawn(Watcher.behavior(parentEvents.ref()), props);
        try (LogCapture ignored = LogCapture.of(ActorCell.class, null)) {
            ActorRef<Cmd> child = Watcher.spawnChild(parent, Behaviors.<Cmd>setup(ctx -> {
                throw new Boom("in setup");
            }), "stillborn");
            ChildFailed failed = parentEvents.receive(ChildFailed.class);
            assertThat(failed.ref()).isEqualTo(child);
            assertThat(failed.cause()).isInstanceOf(Boom.class).hasMessage("in setup");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.troupe.actor.RuntimeMatrix#props")
    void anUnhandledChildFailedOfAWatchedChildIsADeathPactForTheParent(Props props) {
        Probe<Object> grandEvents = sys.probe();
        Probe<Object> parentEvents = sys.probe();
        ActorRef<Watcher.Cmd> grandparent = sys.spawn(Watcher.behavior(grandEvents.ref()), props);
        ActorRef<Watcher.Cmd> parent = Watcher.spawnChild(grandparent,
                Watcher.behavior(parentEvents.ref(), false), "parent");
        ActorRef<Cmd> child = Watcher.spawnChild(parent, worker(), "child");
        parent.tell(new Watcher.Cmd.Watch(child));
        parentEvents.receive(Watcher.Watching.class);
        try (LogCapture ignored = LogCapture.of(ActorCell.class, null)) {
            child.tell(new Cmd.Fail("first"));
            assertThat(parentEvents.receive(ChildFailed.class).cause()).hasMessage("first");
            assertThat(parentEvents.receive()).isEqualTo(PostStop.INSTANCE);
            ChildFailed failed = grandEvents.receive(ChildFailed.class);
            assertThat(failed.ref()).isEqualTo(parent);
            assertThat(failed.cause()).isInstanceOf(DeathPactException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.troupe.actor.RuntimeMatrix#props")
    void anUnwatchedParentMayLeaveChildFailedUnhandledAndLivesOn(Props props) {
        Probe<Object> parentEvents = sys.probe();
        ActorRef<Watcher.Cmd> parent = sys.spawn(Watcher.behavior(parentEvents.ref(), false), props);
        ActorRef<Cmd> child = Watcher.spawnChild(parent, worker(), "child");
        try (LogCapture ignored = LogCapture.of(ActorCell.class, null)) {
            child.tell(new Cmd.Fail("info only"));
            assertThat(parentEvents.receive(ChildFailed.class).ref()).isEqualTo(child);
        }
        StopAndDeathWatchTest.settle(parent, parentEvents); // no PostStop: it did not fail
    }
}
