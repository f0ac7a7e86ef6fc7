package dev.troupe.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Nested;

/**
 * All contract suites against one JDBC store: extend it with the store's parts, each test on a fresh, empty
 * database (opened when a test first asks for a part, closed after it).
 */
abstract class JdbcStoreContracts {
    protected abstract Journal journal();

    protected abstract SnapshotStore snapshotStore();

    protected abstract JdbcOffsetStore offsetStore();

    /** A connection of the test's own to the store's database. */
    protected abstract Connection connect() throws SQLException;

    @Nested
    class JournalSuite extends JournalContract {
        @Override
        protected Journal createJournal() {
            return JdbcStoreContracts.this.journal();
        }
    }

    @Nested
    class SnapshotStoreSuite extends SnapshotStoreContract {
        @Override
        protected SnapshotStore createStore() {
            return JdbcStoreContracts.this.snapshotStore();
        }
    }

    @Nested
    class ProjectionSuite extends ProjectionContract {
        @Override
        protected Journal journal() {
            return JdbcStoreContracts.this.journal();
        }

        @Override
        protected OffsetStore offsetStore() {
            return JdbcStoreContracts.this.offsetStore();
        }
    }

    @Nested
    class ExactlyOnceSuite extends ExactlyOnceProjectionContract {
        @Override
        protected Journal journal() {
            return JdbcStoreContracts.this.journal();
        }

        @Override
        protected JdbcOffsetStore offsetStore() {
            return JdbcStoreContracts.this.offsetStore();
        }

        @Override
        protected Connection connect() throws SQLException {
            return JdbcStoreContracts.this.connect();
        }
    }
}
