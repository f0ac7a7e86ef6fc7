package dev.troupe.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/**
 * All contract suites against one JDBC store: extend it with a way to open the store, each test on a fresh,
 * empty database (created when a test first opens it).
 */
abstract class JdbcStoreContracts {
    private JdbcStore store;

    /** A new store on the test's database (the same one at every call of a test); the caller closes it. */
    protected abstract JdbcStore open(Serializer serializer);

    /** The test's store, opened at its first call in a test and closed after it. */
    protected final JdbcStore store() {
        if (store == null) {
            store = open(new TextSerializer());
        }
        return store;
    }

    @AfterEach
    void closeTheStore() {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    /** A connection of the test's own to the store's database. */
    protected abstract Connection connect() throws SQLException;

    @Nested
    class EntitySuite extends JdbcEntityContract {
        @Override
        protected JdbcStore open(Serializer serializer) {
            return JdbcStoreContracts.this.open(serializer);
        }
    }

    @Nested
    class JournalSuite extends JournalContract {
        @Override
        protected Journal createJournal() {
            return store().journal();
        }
    }

    @Nested
    class SnapshotStoreSuite extends SnapshotStoreContract {
        @Override
        protected SnapshotStore createStore() {
            return store().snapshotStore();
        }
    }

    @Nested
    class ProjectionSuite extends ProjectionContract {
        @Override
        protected Journal journal() {
            return store().journal();
        }

        @Override
        protected OffsetStore offsetStore() {
            return store().offsetStore();
        }
    }

    @Nested
    class ExactlyOnceSuite extends ExactlyOnceProjectionContract {
        @Override
        protected Journal journal() {
            return store().journal();
        }

        @Override
        protected JdbcOffsetStore offsetStore() {
            return store().offsetStore();
        }

        @Override
        protected Connection connect() throws SQLException {
            return JdbcStoreContracts.this.connect();
        }
    }
}
