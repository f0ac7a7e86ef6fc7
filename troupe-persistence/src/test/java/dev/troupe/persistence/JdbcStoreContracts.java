package dev.troupe.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Nested;

/**
 * All contract suites against one JDBC store: extend it with the store, each test on a fresh, empty database
 * (opened when a test first asks for it, closed after it).
 */
abstract class JdbcStoreContracts {
    /** The test's store, opened on a fresh database at its first call in a test. */
    protected abstract JdbcStore store();

    /** A connection of the test's own to the store's database. */
    protected abstract Connection connect() throws SQLException;

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
