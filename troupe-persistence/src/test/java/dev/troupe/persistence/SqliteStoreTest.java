package dev.troupe.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.persistence.Shelf.Command;
import dev.troupe.testkit.TestKitExtension;
import dev.troupe.testkit.TestProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {
    @RegisterExtension
    static final TestKitExtension testKit = new TestKitExtension(ActorSystemSettings.defaults(),
            EventSourcedBehaviorTest.PATIENT).failOnUnexpectedDeadLetters().failOnErrorLogs();

    @TempDir
    Path directory;

    private SqliteSettings settings() {
        return SqliteSettings.of(directory.resolve("troupe.db"), new TextSerializer());
    }

    @Test
    void anEntityRecoversFromTheFileAfterTheStoreIsReopened() {
        TypeRegistry types = TypeRegistry.empty()
                .register(Shelf.Event.Placed.class, "shelf.placed", 1)
                .register(Shelf.Items.class, "shelf.items", 1);
        TestProbe<List<String>> replies = testKit.kit().createTestProbe();
        TestProbe<PersistenceSignal> signals = testKit.kit().createTestProbe();
        // tag::sqlite[]
        SqliteSettings settings = SqliteSettings.of(directory.resolve("troupe.db"), JacksonSerializer.json(types));
        try (SqliteStore store = SqliteStore.open(settings)) {
            ActorRef<Command> shelf = testKit.kit().spawn(Shelf.shelf("file", store.journal())
                    .withSnapshots(store.snapshotStore(), 3).behavior());
            // end::sqlite[]
            for (String item : List.of("apple", "fig", "kiwi", "lime", "plum")) {
                shelf.tell(new Command.Put(item, replies.ref()));
                replies.receiveMessage();
            }
            testKit.kit().stop(shelf);
        }

        try (SqliteStore reopened = SqliteStore.open(settings)) {
            ActorRef<Command> shelf = testKit.kit().spawn(Shelf.shelf("file", reopened.journal())
                    .withSnapshots(reopened.snapshotStore(), 3)
                    .withSignalHandler((state, signal) -> signals.ref().tell(signal)).behavior());
            signals.expectMessage(new RecoveryCompleted(5));
            shelf.tell(new Command.Get(replies.ref()));
            replies.expectMessage(List.of("apple", "fig", "kiwi", "lime", "plum"));
        }
    }

    @Test
    void anEventThatDoesNotSerializeIsRejectedAndTheActorGoesOn() {
        TestProbe<List<String>> replies = testKit.kit().createTestProbe();
        TestProbe<String> rejections = testKit.kit().createTestProbe();
        try (SqliteStore store = SqliteStore.open(settings())) {
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
    void manyEntitiesPersistConcurrentlyWithoutLosingAnEvent() {
        TestProbe<List<String>> replies = testKit.kit().createTestProbe();
        try (SqliteStore store = SqliteStore.open(settings())) {
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
                assertThat(JournalContract.await(store.journal().read(PersistenceId.of("shelf", "many-" + i), 1, 100)))
                        .extracting(PersistentEvent::sequenceNr)
                        .containsExactlyElementsOf(IntStream.rangeClosed(1, 10).mapToObj(n -> (long) n).toList());
            }
            assertThat(store.writesCommitted()).isEqualTo(500);
            assertThat(store.transactionsCommitted()).isBetween(1L, 500L);
        }
    }

    @Test
    void theDatabaseIsInWalModeWithItsTables() throws Exception {
        try (SqliteStore store = SqliteStore.open(settings())) {
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + settings().file());
                 ResultSet mode = connection.createStatement().executeQuery("PRAGMA journal_mode");
                 ResultSet tables = connection.createStatement()
                         .executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                mode.next();
                assertThat(mode.getString(1)).isEqualTo("wal");
                List<String> names = new ArrayList<>();
                while (tables.next()) {
                    names.add(tables.getString(1));
                }
                assertThat(names).containsExactly("event_journal", "event_tag", "journal_metadata", "projection_offset",
                        "snapshot_store", "sqlite_sequence");
            }
        }
    }

    @Test
    void aClosedStoreRefusesWorkAndABadFileFailsToOpen() throws Exception {
        SqliteStore store = SqliteStore.open(settings());
        store.close();
        assertThatThrownBy(() -> JournalContract.await(store.journal().highestSequenceNr(PersistenceId.of("x"))))
                .hasCauseInstanceOf(IllegalStateException.class);
        store.close();

        Path notADatabase = Files.writeString(directory.resolve("text.db"), "this is not a database, ".repeat(100));
        assertThatThrownBy(() -> SqliteStore.open(SqliteSettings.of(notADatabase, new TextSerializer())))
                .isInstanceOf(PersistenceFailureException.class).hasMessageContaining("Could not open");
    }
}
