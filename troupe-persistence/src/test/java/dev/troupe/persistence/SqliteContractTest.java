package dev.troupe.persistence;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store against both contract suites, each test on a fresh database file. */
class SqliteContractTest {
    @TempDir
    Path directory;
    private SqliteStore store;

    private SqliteStore open() {
        store = SqliteStore.open(SqliteSettings.of(directory.resolve("contract.db"), new TextSerializer()));
        return store;
    }

    @AfterEach
    void closeTheStore() {
        store.close();
    }

    @Nested
    class JournalSuite extends JournalContract {
        @Override
        protected Journal createJournal() {
            return open().journal();
        }
    }

    @Nested
    class SnapshotStoreSuite extends SnapshotStoreContract {
        @Override
        protected SnapshotStore createStore() {
            return open().snapshotStore();
        }
    }
}
