package dev.troupe.persistence;

import static dev.troupe.persistence.JournalContract.await;
import static dev.troupe.persistence.JournalContract.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.persistence.internal.PostgresCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What only the PostgreSQL store does; what every JDBC store does is in {@link JdbcStoreContracts}. */
class PostgresStoreTest {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();

    private static final PersistenceId ID = PersistenceId.of("shelf", "pg");

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

}
