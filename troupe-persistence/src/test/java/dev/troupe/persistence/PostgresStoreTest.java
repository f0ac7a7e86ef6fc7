package dev.troupe.persistence;

import static dev.troupe.persistence.JournalContract.await;
import static dev.troupe.persistence.JournalContract.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.persistence.Shelf.Command;
import dev.troupe.persistence.internal.PostgresCluster;
import dev.troupe.testkit.TestKitExtension;
import dev.troupe.testkit.TestProbe;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresStoreTest {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();

    @RegisterExtension
    static final TestKitExtension testKit = new TestKitExtension(ActorSystemSettings.defaults(),
            EventSourcedBehaviorTest.PATIENT).failOnUnexpectedDeadLetters().failOnErrorLogs();

    private static final PersistenceId ID = PersistenceId.of("shelf", "pg");

    @Test
    void anEntityPersistsStopsAndRecoversFromTheServer() {
        TypeRegistry types = TypeRegistry.empty()
                .register(Shelf.Event.Placed.class, "shelf.placed", 1)
                .register(Shelf.Items.class, "shelf.items", 1);
        TestProbe<List<String>> replies = testKit.kit().createTestProbe();
        TestProbe<PersistenceSignal> signals = testKit.kit().createTestProbe();
        String url = postgres.emptyDatabase();
        // tag::postgres[]
        PostgresSettings settings = PostgresSettings.of(url, "troupe", "", JacksonSerializer.json(types))
                .withSchemaCreation(true); // or let a DBA apply db/postgres/V1__troupe_journal.sql
        try (PostgresStore store = PostgresStore.open(settings)) {
            ActorRef<Command> shelf = testKit.kit().spawn(Shelf.shelf("pg", store.journal())
                    .withSnapshots(store.snapshotStore(), 3).behavior());
            // end::postgres[]
            for (String item : List.of("apple", "fig", "kiwi", "lime", "plum")) {
                shelf.tell(new Command.Put(item, replies.ref()));
                replies.receiveMessage();
            }
            testKit.kit().stop(shelf);
        }

        try (PostgresStore reopened = PostgresStore.open(settings)) {
            ActorRef<Command> shelf = testKit.kit().spawn(Shelf.shelf("pg", reopened.journal())
                    .withSnapshots(reopened.snapshotStore(), 3)
                    .withSignalHandler((state, signal) -> signals.ref().tell(signal)).behavior());
            signals.expectMessage(new RecoveryCompleted(5));
            shelf.tell(new Command.Get(replies.ref()));
            replies.expectMessage(List.of("apple", "fig", "kiwi", "lime", "plum"));
            assertThat(await(reopened.snapshotStore().loadLatest(ID))).get()
                    .extracting(Snapshot::sequenceNr).isEqualTo(3L);
        }
    }

    @Test
    void twoStoresOnOneDatabaseCannotBothWriteASequenceNumber() {
        // Two stores with their own pools stand for two processes: the primary key decides between them.
        PostgresSettings settings = postgres.settings(new TextSerializer());
        try (PostgresStore first = PostgresStore.open(settings); PostgresStore second = PostgresStore.open(settings)) {
            List<CompletableFuture<Void>> attempts = new ArrayList<>();
            for (long nr = 1; nr <= 20; nr++) {
                attempts.add(first.journal().write(batch(ID, nr, nr)).toCompletableFuture());
                attempts.add(second.journal().write(batch(ID, nr, nr)).toCompletableFuture());
                CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
            }
            long failures = attempts.stream().filter(CompletableFuture::isCompletedExceptionally).count();
            assertThat(failures).isEqualTo(20);
            assertThat(attempts).filteredOn(CompletableFuture::isCompletedExceptionally).allSatisfy(attempt ->
                    assertThatThrownBy(attempt::join).isInstanceOf(CompletionException.class)
                            .hasCauseInstanceOf(SequenceConflictException.class));
            assertThat(await(first.journal().read(ID, 1, 100))).extracting(PersistentEvent::sequenceNr)
                    .containsExactlyElementsOf(batch(ID, 1, 20).stream().map(PersistentEvent::sequenceNr).toList());
        }
    }

    @Test
    void manyEntitiesPersistConcurrentlyInFewerTransactionsThanWrites() {
        TestProbe<List<String>> replies = testKit.kit().createTestProbe();
        try (PostgresStore store = PostgresStore.open(postgres.settings(new TextSerializer()))) {
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
                assertThat(await(store.journal().read(PersistenceId.of("shelf", "many-" + i), 1, 100))).hasSize(10);
            }
            assertThat(store.writesCommitted()).isEqualTo(500);
            assertThat(store.transactionsCommitted()).isBetween(1L, 500L);
        }
    }

    @Test
    void aMissingSchemaFailsTheOpenWithWhatToDo() {
        String empty = postgres.emptyDatabase();

        assertThatThrownBy(() -> PostgresStore.open(PostgresSettings.of(empty, PostgresCluster.USER, "",
                new TextSerializer())))
                .isInstanceOf(PersistenceFailureException.class)
                .hasMessageContaining("event_journal is missing")
                .hasMessageContaining("db/postgres/V1__troupe_journal.sql")
                .hasMessageContaining("withSchemaCreation(true)");
    }

    @Test
    void theSchemaScriptCanBeAppliedAgainAndCreatesTheTables() throws Exception {
        PostgresSettings settings = postgres.settings(new TextSerializer());
        PostgresStore.open(settings).close();
        try (PostgresStore again = PostgresStore.open(settings)) {
            await(again.journal().write(batch(ID, 1, 1)));
        }

        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), PostgresCluster.USER, "");
             ResultSet tables = connection.createStatement().executeQuery("SELECT table_name FROM "
                     + "information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            assertThat(names).containsExactly("event_journal", "event_tag", "journal_metadata", "projection_offset",
                    "snapshot_store");
        }
    }

    @Test
    void anUnreachableServerOrABadUrlFailsClearlyAndTheSettingsHideThePassword() {
        PostgresSettings nowhere = PostgresSettings.of("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2",
                "nobody", "secret", new TextSerializer());

        assertThatThrownBy(() -> PostgresStore.open(nowhere)).isInstanceOf(PersistenceFailureException.class)
                .hasMessageContaining("Could not connect to PostgreSQL at jdbc:postgresql://127.0.0.1:1/none");
        assertThat(nowhere.toString()).doesNotContain("secret").contains("password=***");
        assertThatThrownBy(() -> PostgresSettings.of("jdbc:mysql://db/x", "u", "", new TextSerializer()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:postgresql:");
        assertThatThrownBy(() -> nowhere.withReadConnections(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedStoreRefusesWork() {
        PostgresStore store = PostgresStore.open(postgres.settings(new TextSerializer()));
        store.close();

        assertThatThrownBy(() -> await(store.journal().write(batch(ID, 1, 1))))
                .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("PostgreSQL store is closed");
        assertThatThrownBy(() -> await(store.journal().highestSequenceNr(ID)))
                .hasCauseInstanceOf(IllegalStateException.class);
        store.close();
    }
}
