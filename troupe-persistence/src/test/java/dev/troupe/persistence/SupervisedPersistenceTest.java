package dev.troupe.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.actor.StashOverflowException;
import dev.troupe.actor.SupervisorStrategy;
import dev.troupe.persistence.Shelf.Command;
import dev.troupe.testkit.LogCapture;
import dev.troupe.testkit.TestKitExtension;
import dev.troupe.testkit.TestProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SupervisedPersistenceTest {
    @RegisterExtension
    static final TestKitExtension testKit = new TestKitExtension(ActorSystemSettings.defaults(),
            EventSourcedBehaviorTest.PATIENT).failOnUnexpectedDeadLetters().failOnErrorLogs();

    @Test
    void restartWithBackoffRecoversFromTheJournalAfterAFailedWrite() {
        ControlledJournal journal = new ControlledJournal();
        TestProbe<List<String>> replies = testKit.kit().createTestProbe();
        TestProbe<PersistenceSignal> signals = testKit.kit().createTestProbe();
        AtomicInteger failuresLeft = new AtomicInteger(1);
        journal.failWrites(batch -> failuresLeft.getAndDecrement() > 0
                ? new UncheckedIOException(new IOException("connection reset")) : null);

        // tag::supervise[]
        Behavior<Command> shelf = Behaviors.supervise(
                        Shelf.shelf("supervised", journal)
                                .withSignalHandler((state, signal) -> signals.ref().tell(signal))
                                .behavior())
                .onFailure(PersistenceFailureException.class,
                        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(10), Duration.ofSeconds(1), 0.2));
        // end::supervise[]
        ActorRef<Command> ref = testKit.kit().spawn(shelf);
        signals.expectMessage(new RecoveryCompleted(0));
        CompletableFuture<Void> writes = journal.holdWrites();
        ref.tell(new Command.Put("apple", replies.ref()));
        ref.tell(new Command.Put("fig", replies.ref())); // waits behind the write of apple

        // The write of apple fails; the restarted actor recovers and handles the command that waited.
        LogCapture.error().withThrowable(PersistenceFailureException.class)
                .withSettings(EventSourcedBehaviorTest.PATIENT).expect(() -> writes.complete(null));
        signals.expectMessage(new RecoveryCompleted(0));
        replies.expectMessage(List.of("fig"));
        ref.tell(new Command.Put("kiwi", replies.ref()));
        replies.expectMessage(List.of("fig", "kiwi"));
    }

    @Test
    void handlersThatNeedTheContextAreBuiltInSetup() {
        ControlledJournal journal = new ControlledJournal();
        TestProbe<ActorRef<Command>> ready = testKit.kit().createTestProbe();
        // tag::setup[]
        Behavior<Command> announced = Behaviors.setup(context -> Shelf.shelf("announced", journal)
                .withSignalHandler((state, signal) -> ready.ref().tell(context.self()))
                .behavior());
        // end::setup[]
        ActorRef<Command> ref = testKit.kit().spawn(announced);

        ready.expectMessage(ref);
    }

    @Test
    void aWriteThatCompletesAfterARestartIsIgnoredByTheNewIncarnation() {
        ControlledJournal journal = new ControlledJournal();
        TestProbe<List<String>> replies = testKit.kit().createTestProbe();
        TestProbe<PersistenceSignal> signals = testKit.kit().createTestProbe();
        ActorRef<Command> shelf = testKit.kit().spawn(Behaviors.supervise(Shelf.shelf("restarted", journal)
                        .withStashCapacity(1).withSignalHandler((state, signal) -> signals.ref().tell(signal)).behavior())
                .onFailure(StashOverflowException.class, SupervisorStrategy.restart()));
        signals.expectMessage(new RecoveryCompleted(0));
        CompletableFuture<Void> writes = journal.holdWrites();

        // apple's write is held; the first Get waits, the second overflows the stash: the actor restarts while
        // the write is in flight, recovers without apple, and answers the waiting Get.
        LogCapture.error().withThrowable(StashOverflowException.class).withSettings(EventSourcedBehaviorTest.PATIENT)
                .expect(() -> {
                    shelf.tell(new Command.Put("apple", replies.ref()));
                    shelf.tell(new Command.Get(replies.ref()));
                    shelf.tell(new Command.Get(replies.ref()));
                });
        signals.expectMessage(new RecoveryCompleted(0));
        replies.expectMessage(List.of());

        writes.complete(null); // the old incarnation's write completes: its reply must not run
        replies.expectNoMessage();
        shelf.tell(new Command.Get(replies.ref()));
        replies.expectMessage(List.of());

        // Its next write conflicts with apple, stored meanwhile: the actor fails rather than fork the log.
        LogCapture.error().withThrowable(PersistenceFailureException.class)
                .withSettings(EventSourcedBehaviorTest.PATIENT)
                .expect(() -> shelf.tell(new Command.Put("fig", replies.ref())));
        replies.expectTerminated(shelf);
        assertThat(journal.events(PersistenceId.of("shelf", "restarted"))).extracting(PersistentEvent::event)
                .containsExactly(new Shelf.Event.Placed("apple"));
    }
}
