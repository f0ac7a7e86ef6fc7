package dev.troupe.persistence;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteSnapshotStoreTest extends SnapshotStoreContract {
    @TempDir
    Path directory;
    private SqliteStore store;

    @Override
    protected SnapshotStore createStore() {
        store = SqliteStore.open(SqliteSettings.of(directory.resolve("snapshots.db"), new TextSerializer()));
        return store.snapshotStore();
    }

    @AfterEach
    void closeTheStore() {
        store.close();
    }
}
