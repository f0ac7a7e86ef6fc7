package dev.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The three unhandled-message policies, each on a system of its own. */
class UnhandledMessagePolicyTest {

    sealed interface Cmd {
        record Known(ActorRef<String> replyTo) implements Cmd {}

        record Unknown() implements Cmd {}
    }

    private static Behavior<Cmd> onlyKnown() {
        return Behaviors.receiveMessage(msg -> switch (msg) {
            case Cmd.Known(var replyTo) -> {
                replyTo.tell("known");
                yield Behaviors.same();
            }
            case Cmd.Unknown() -> Behaviors.unhandled();
        });
    }

    private static TestSystem system(UnhandledMessagePolicy policy) {
        return TestSystem.create("unhandled", TestSystem.settings().unhandledMessagePolicy(policy).build());
    }

    @Test
    void failIsTheDefaultPolicy() {
        assertThat(ActorSystemSettings.defaults().unhandledMessagePolicy()).isEqualTo(UnhandledMessagePolicy.FAIL);
    }

    @Test
    void underFailAnUnhandledMessageFailsTheActorAndTheParentSeesWhy() {
        try (TestSystem sys = system(UnhandledMessagePolicy.FAIL)) {
            Probe<Object> parentEvents = sys.probe();
            ActorRef<Watcher.Cmd> parent = sys.spawn(Watcher.behavior(parentEvents.ref()));
            ActorRef<Cmd> child = Watcher.spawnChild(parent, onlyKnown(), "strict");

            child.tell(new Cmd.Unknown());

            ChildFailed failed = parentEvents.receive(ChildFailed.class);
            assertThat(failed.ref()).isEqualTo(child);
            assertThat(failed.cause()).isInstanceOf(UnhandledMessageException.class)
                    .hasMessageContaining(Cmd.Unknown.class.getName()).hasMessageContaining(child.path().toString());
            assertThat(((UnhandledMessageException) failed.cause()).unhandledMessage()).isEqualTo(new Cmd.Unknown());
        }
    }

    @Test
    void underFailSupervisionDecidesAndResumeKeepsTheActorGoing() {
        try (TestSystem sys = system(UnhandledMessagePolicy.FAIL)) {
            Probe<SupervisionEvent> events = sys.probe();
            sys.system().eventStream().subscribe(SupervisionEvent.class, events.ref());
            ActorRef<Cmd> actor = sys.spawn(Behaviors.supervise(onlyKnown())
                    .onFailure(UnhandledMessageException.class, SupervisorStrategy.resume()));
            Probe<String> replies = sys.probe();

            actor.tell(new Cmd.Unknown());
            actor.tell(new Cmd.Known(replies.ref()));

            replies.expect("known");
            assertThat(events.receive()).isInstanceOf(SupervisionEvent.Failed.class);
            assertThat(events.receive()).isInstanceOf(SupervisionEvent.Resumed.class);
        }
    }

    @Test
    void underDeadLetterAnUnhandledMessageBecomesADeadLetterAndTheActorGoesOn() {
        try (TestSystem sys = system(UnhandledMessagePolicy.DEAD_LETTER)) {
            Probe<DeadLetter> deadLetters = sys.probe();
            sys.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
            ActorRef<Cmd> actor = sys.spawn(onlyKnown());
            Probe<String> replies = sys.probe();

            actor.tell(new Cmd.Unknown());
            actor.tell(new Cmd.Known(replies.ref()));

            DeadLetter letter = deadLetters.receive();
            assertThat(List.of(letter.message(), letter.recipient())).containsExactly(new Cmd.Unknown(), actor);
            replies.expect("known");
        }
    }
}
