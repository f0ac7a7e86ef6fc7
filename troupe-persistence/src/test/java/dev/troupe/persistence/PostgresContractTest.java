package dev.troupe.persistence;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL store against both contract suites, on a real server, each test on a new database. */
class PostgresContractTest {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();

    private PostgresStore store;

    private PostgresStore open() {
        store = PostgresStore.open(postgres.settings(new TextSerializer()).withReadConnections(2));
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
