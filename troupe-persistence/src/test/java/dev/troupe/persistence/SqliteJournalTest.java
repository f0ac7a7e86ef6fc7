package dev.troupe.persistence;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteJournalTest extends JournalContract {
    @TempDir
    Path directory;
    private SqliteStore store;

    @Override
    protected Journal createJournal() {
        store = SqliteStore.open(SqliteSettings.of(directory.resolve("journal.db"), new TextSerializer()));
        return store.journal();
    }

    @AfterEach
    void closeTheStore() {
        store.close();
    }
}
