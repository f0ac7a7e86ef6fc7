package dev.troupe.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the SQLite store does; what every JDBC store does is in {@link JdbcStoreContracts}. */
class SqliteStoreTest {
    @TempDir
    Path directory;

    private SqliteSettings settings() {
        return SqliteSettings.of(directory.resolve("troupe.db"), new TextSerializer());
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
    void aFileThatIsNotADatabaseFailsToOpen() throws Exception {
        Path notADatabase = Files.writeString(directory.resolve("text.db"), "this is not a database, ".repeat(100));
        assertThatThrownBy(() -> SqliteStore.open(SqliteSettings.of(notADatabase, new TextSerializer())))
                .isInstanceOf(PersistenceFailureException.class).hasMessageContaining("Could not open");
    }
}
