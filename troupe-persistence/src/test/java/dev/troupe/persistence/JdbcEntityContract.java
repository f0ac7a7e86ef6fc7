package dev.troupe.persistence;

import static dev.troupe.persistence.JournalContract.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.persistence.Shelf.Command;
import dev.troupe.testkit.TestKitExtension;
import dev.troupe.testkit.TestProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Event-sourced entities on a JDBC store, end to end: recovery after the store is reopened, many entities
 * writing at once in fewer transactions than writes, an event that does not serialize, a closed store. Extend it
 * with a way to open a store on the test's database, the same database at every call of one test.
 */
abstract class JdbcEntityContract {
    @RegisterExtension
    final TestKitExtension testKit = new TestKitExtension(ActorSystemSettings.defaults(),
            EventSourcedBehaviorTest.PATIENT).failOnUnexpectedDeadLetters().failOnErrorLogs();

    /** A new store on the test's database, with {@code serializer}; the caller closes it. */
    protected abstract JdbcStore open(Serializer serializer);

    @Test
    void anEntityRecoversItsStateAndSnapshotAfterTheStoreIsReopened() {
        Serializer json = JacksonSerializer.json(TypeRegistry.empty()
                .register(Shelf.Event.Placed.class, "shelf.placed", 1)
                .register(Shelf.Items.class, "shelf.items", 1));
        TestProbe<List<String>> replies = testKit.kit().createTestProbe();
        TestProbe<PersistenceSignal> signals = testKit.kit().createTestProbe();
        try (JdbcStore store = open(json)) {
            ActorRef<Command> shelf = testKit.kit().spawn(Shelf.shelf("reopened", store.journal())
                    .withSnapshots(store.snapshotStore(), 3).behavior());
            for (String item : List.of("apple", "fig", "kiwi", "lime", "plum")) {
                shelf.tell(new Command.Put(item, replies.ref()));
                replies.receiveMessage();
            }
            testKit.kit().stop(shelf);
        }

        try (JdbcStore reopened = open(json)) {
            ActorRef<Command> shelf = testKit.kit().spawn(Shelf.shelf("reopened", reopened.journal())
                    .withSnapshots(reopened.snapshotStore(), 3)
                    .withSignalHandler((state, signal) -> signals.ref().tell(signal)).behavior());
            signals.expectMessage(new RecoveryCompleted(5));
            shelf.tell(new Command.Get(replies.ref()));
            replies.expectMessage(List.of("apple", "fig", "kiwi", "lime", "plum"));
            assertThat(await(reopened.snapshotStore().loadLatest(PersistenceId.of("shelf", "reopened")))).get()
                    .extracting(Snapshot::sequenceNr).isEqualTo(3L);
        }
    }

    @Test
    void anEventThatDoesNotSerializeIsRejectedAndTheActorGoesOn() {
        TestProbe<List<String>> replies = testKit.kit().createTestProbe();
        TestProbe<String> rejections = testKit.kit().createTestProbe();
        try (JdbcStore store = open(new TextSerializer())) {
            ActorRef<Command> shelf = testKit.kit().spawn(Shelf.shelf("poisoned", store.journal()).behavior());
            shelf.tell(new Command.Put("apple", replies.ref()));
            shelf.tell(new Command.TryPut("poison", replies.ref(), rejections.ref()));
            shelf.tell(new Command.Put("fig", replies.ref()));

            replies.expectMessage(List.of("apple"));
            assertThat(rejections.receiveMessage()).contains("cannot be serialized: poison does not serialize");
            replies.expectMessage(List.of("apple", "fig"));
        }
    }

    @Test
    void manyEntitiesPersistConcurrentlyInFewerTransactionsThanWritesWithoutLosingAnEvent() {
        TestProbe<List<String>> replies = testKit.kit().createTestProbe();
        try (JdbcStore store = open(new TextSerializer())) {
            List<ActorRef<Command>> shelves = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                shelves.add(testKit.kit().spawn(Shelf.shelf("many-" + i, store.journal()).behavior()));
            }
            for (int round = 0; round < 10; round++) {
                for (ActorRef<Command> shelf : shelves) {
                    shelf.tell(new Command.Put("item-" + round, replies.ref()));
                }
            }
            replies.receiveMessages(500);

            for (int i = 0; i < 50; i++) {
                assertThat(await(store.journal().read(PersistenceId.of("shelf", "many-" + i), 1, 100)))
                        .extracting(PersistentEvent::sequenceNr)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
            }
            assertThat(store.writesCommitted()).isEqualTo(500);
            assertThat(store.transactionsCommitted()).isBetween(1L, 500L);
        }
    }

    @Test
    void aClosedStoreRefusesWritesAndReadsAndClosesAgainQuietly() {
        JdbcStore store = open(new TextSerializer());
        store.close();
        PersistenceId id = PersistenceId.of("shelf", "closed");

        assertThatThrownBy(() -> await(store.journal().write(JournalContract.batch(id, 1, 1))))
                .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("store is closed");
        assertThatThrownBy(() -> await(store.journal().highestSequenceNr(id)))
                .hasCauseInstanceOf(IllegalStateException.class);
        store.close();
    }
}
