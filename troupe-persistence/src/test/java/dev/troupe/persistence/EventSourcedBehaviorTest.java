package dev.troupe.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.actor.StashOverflowException;
import dev.troupe.persistence.Shelf.Command;
import dev.troupe.persistence.Shelf.Event;
import dev.troupe.persistence.Shelf.Items;
import dev.troupe.testkit.DeadLetterCapture;
import dev.troupe.testkit.LogCapture;
import dev.troupe.testkit.TestKitExtension;
import dev.troupe.testkit.TestKitSettings;
import dev.troupe.testkit.TestProbe;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EventSourcedBehaviorTest {
    static final TestKitSettings PATIENT = TestKitSettings.defaults().withSingleExpect(Duration.ofSeconds(10));

    @RegisterExtension
    static final TestKitExtension testKit = new TestKitExtension(ActorSystemSettings.defaults(), PATIENT)
            .failOnUnexpectedDeadLetters().failOnErrorLogs();

    private final ControlledJournal journal = new ControlledJournal();
    private final TestProbe<List<String>> replies = testKit.kit().createTestProbe();
    private final TestProbe<PersistenceSignal> signals = testKit.kit().createTestProbe();

    private ActorRef<Command> spawn(EventSourcedBehavior<Command, Event, Items> shelf) {
        return testKit.kit().spawn(shelf.withSignalHandler((state, signal) -> signals.ref().tell(signal)).behavior());
    }

    private static PersistenceId id(String name) {
        return PersistenceId.of("shelf", name);
    }

    @Test
    void commandsPersistEventsThatAdvanceTheStateBeforeTheReply() {
        ActorRef<Command> shelf = spawn(Shelf.shelf("a", journal));

        shelf.tell(new Command.Put("apple", replies.ref()));
        replies.expectMessage(List.of("apple"));
        shelf.tell(new Command.PutAll(List.of("fig", "kiwi", "lime"), replies.ref()));
        replies.expectMessage(List.of("apple", "fig", "kiwi", "lime"));
        shelf.tell(new Command.Get(replies.ref()));
        replies.expectMessage(List.of("apple", "fig", "kiwi", "lime"));

        assertThat(journal.events(id("a"))).extracting(PersistentEvent::sequenceNr, PersistentEvent::event)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, new Event.Placed("apple")),
                        org.assertj.core.groups.Tuple.tuple(2L, new Event.Placed("fig")),
                        org.assertj.core.groups.Tuple.tuple(3L, new Event.Placed("kiwi")),
                        org.assertj.core.groups.Tuple.tuple(4L, new Event.Placed("lime")));
    }

    @Test
    void aRestartedActorRecoversItsStateFromTheJournal() {
        ActorRef<Command> first = spawn(Shelf.shelf("b", journal));
        signals.expectMessage(new RecoveryCompleted(0));
        first.tell(new Command.Put("apple", replies.ref()));
        first.tell(new Command.PutAll(List.of("fig", "kiwi"), replies.ref()));
        replies.receiveMessages(2);
        testKit.kit().stop(first);

        ActorRef<Command> second = spawn(Shelf.shelf("b", journal));
        signals.expectMessage(new RecoveryCompleted(3));
        second.tell(new Command.Put("lime", replies.ref()));
        replies.expectMessage(List.of("apple", "fig", "kiwi", "lime"));
        assertThat(journal.events(id("b"))).extracting(PersistentEvent::sequenceNr).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void commandsDuringRecoveryWaitAndAreHandledInArrivalOrder() {
        journal.write(List.of(new PersistentEvent(id("c"), 1, new Event.Placed("old"), Set.of())))
                .toCompletableFuture().join();
        CompletableFuture<Void> reads = journal.holdReads();
        ActorRef<Command> shelf = spawn(Shelf.shelf("c", journal));

        shelf.tell(new Command.Put("one", replies.ref()));
        shelf.tell(new Command.Get(replies.ref()));
        shelf.tell(new Command.Put("two", replies.ref()));
        replies.expectNoMessage();
        reads.complete(null);

        signals.expectMessage(new RecoveryCompleted(1));
        assertThat(replies.receiveMessages(3)).containsExactly(
                List.of("old", "one"), List.of("old", "one"), List.of("old", "one", "two"));
    }

    @Test
    void commandsDuringAWriteWaitAndAreHandledInArrivalOrder() {
        ActorRef<Command> shelf = spawn(Shelf.shelf("d", journal));
        signals.expectMessage(new RecoveryCompleted(0));
        CompletableFuture<Void> writes = journal.holdWrites();

        shelf.tell(new Command.Put("one", replies.ref()));
        shelf.tell(new Command.Get(replies.ref()));
        shelf.tell(new Command.Put("two", replies.ref()));
        shelf.tell(new Command.Get(replies.ref()));
        replies.expectNoMessage();
        writes.complete(null);

        assertThat(replies.receiveMessages(4)).containsExactly(
                List.of("one"), List.of("one"), List.of("one", "two"), List.of("one", "two"));
    }

    @Test
    void aFullStashFailsTheActorWithAClearMessage() {
        journal.holdReads(); // never released: recovery does not end
        ActorRef<Command> shelf = spawn(Shelf.shelf("e", journal).withStashCapacity(2));

        // The third command overflows and is lost with the failure; the two stashed ones go back to the
        // mailbox of the stopped actor, so they are dead letters, not silently dropped.
        DeadLetterCapture.forMessageOfType(Command.Get.class).withOccurrences(2).withSettings(PATIENT)
                .expect(testKit.kit().system(), () -> LogCapture.error().withThrowable(StashOverflowException.class)
                        .withMessageContaining("failed").withSettings(PATIENT).expect(() -> {
                            shelf.tell(new Command.Get(replies.ref()));
                            shelf.tell(new Command.Get(replies.ref()));
                            shelf.tell(new Command.Get(replies.ref()));
                        }));
        replies.expectTerminated(shelf);
    }

    @Test
    void thenStopStopsAfterThePersistedEffectAndWaitingCommandsBecomeDeadLetters() {
        ActorRef<Command> shelf = spawn(Shelf.shelf("f", journal));
        signals.expectMessage(new RecoveryCompleted(0));
        CompletableFuture<Void> writes = journal.holdWrites();
        Command.Get waiting = new Command.Get(replies.ref());

        DeadLetterCapture.forMessage(waiting).withSettings(PATIENT).expect(testKit.kit().system(), () -> {
            shelf.tell(new Command.PutThenStop("last", replies.ref()));
            shelf.tell(waiting);
            writes.complete(null);
            replies.expectMessage(List.of("last"));
            replies.expectTerminated(shelf);
        });
        assertThat(journal.events(id("f"))).hasSize(1);
    }

    @Test
    void tagsAreStoredWithTheEvents() {
        ActorRef<Command> shelf = spawn(Shelf.shelf("g", journal).withTagger(Shelf::tags));

        shelf.tell(new Command.PutAll(List.of("fig", "apple"), replies.ref()));
        replies.expectMessage(List.of("fig", "apple"));

        assertThat(journal.events(id("g"))).extracting(PersistentEvent::tags)
                .containsExactly(Set.of("shelf"), Set.of("shelf", "long"));
    }

    @Test
    void aFailedWriteFailsTheActorAndTellsWhy() {
        ActorRef<Command> shelf = spawn(Shelf.shelf("h", journal));
        signals.expectMessage(new RecoveryCompleted(0));
        journal.failWrites(batch -> new UncheckedIOException(new java.io.IOException("disk full")));

        LogCapture.error().withThrowable(PersistenceFailureException.class).withSettings(PATIENT)
                .expect(() -> shelf.tell(new Command.Put("apple", replies.ref())));
        replies.expectTerminated(shelf);
        assertThat(journal.events(id("h"))).isEmpty();
    }

    @Test
    void aRejectedWriteFailsOnlyThatCommandAndTheActorGoesOn() {
        TestProbe<String> rejections = testKit.kit().createTestProbe();
        ActorRef<Command> shelf = spawn(Shelf.shelf("i", journal));
        journal.failWrites(batch -> batch.getFirst().event().equals(new Event.Placed("poison"))
                ? new EventRejectedException("cannot serialize poison", null) : null);

        shelf.tell(new Command.Put("apple", replies.ref()));
        shelf.tell(new Command.TryPut("poison", replies.ref(), rejections.ref()));
        shelf.tell(new Command.Put("fig", replies.ref()));

        replies.expectMessage(List.of("apple"));
        rejections.expectMessage("cannot serialize poison");
        replies.expectMessage(List.of("apple", "fig"));
        assertThat(journal.events(id("i"))).extracting(PersistentEvent::sequenceNr).containsExactly(1L, 2L);
    }

    @Test
    void aRejectionWithoutAHandlerIsLogged() {
        ActorRef<Command> shelf = spawn(Shelf.shelf("j", journal));
        journal.failWrites(batch -> new EventRejectedException("cannot serialize", null));

        LogCapture.warn().withMessageContaining("rejected events 1..1 of shelf|j").withSettings(PATIENT)
                .expect(() -> shelf.tell(new Command.Put("apple", replies.ref())));
        journal.failWrites(batch -> null);
        shelf.tell(new Command.Put("fig", replies.ref()));
        replies.expectMessage(List.of("fig"));
    }

    @Test
    void aSecondLiveWriterIsRejectedAndDoesNotCorruptTheLog() {
        ActorRef<Command> first = spawn(Shelf.shelf("k", journal));
        signals.expectMessage(new RecoveryCompleted(0));
        ActorRef<Command> second = spawn(Shelf.shelf("k", journal));
        signals.expectMessage(new RecoveryCompleted(0));

        first.tell(new Command.Put("apple", replies.ref()));
        replies.expectMessage(List.of("apple"));
        LogCapture.error().withThrowable(PersistenceFailureException.class).withSettings(PATIENT)
                .expect(() -> second.tell(new Command.Put("intruder", replies.ref())));
        replies.expectTerminated(second);
        first.tell(new Command.Put("fig", replies.ref()));
        replies.expectMessage(List.of("apple", "fig"));

        assertThat(journal.events(id("k"))).extracting(PersistentEvent::sequenceNr, PersistentEvent::event)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, new Event.Placed("apple")),
                        org.assertj.core.groups.Tuple.tuple(2L, new Event.Placed("fig")));
    }

    @Test
    void badArgumentsAreRejectedAtOnce() {
        var shelf = Shelf.shelf("l", journal);
        assertThatThrownBy(() -> shelf.withSnapshots(SnapshotStore.inMemory(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> shelf.withSnapshotRetention(0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> shelf.withStashCapacity(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> shelf.withTagger(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> EventSourcedBehavior.create(id("l"), journal, null, Shelf::onCommand,
                Shelf::onEvent)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Effect.persist(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
