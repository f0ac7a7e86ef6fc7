package dev.troupe.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The PostgreSQL store against the contract suites (journal, snapshots, projections), on a real server, each
 * test on a new database.
 */
class PostgresContractTest {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();

    private PostgresSettings settings;
    private PostgresStore store;

    private PostgresStore store() {
        if (store == null) {
            settings = postgres.settings(new TextSerializer()).withReadConnections(2);
            store = PostgresStore.open(settings);
        }
        return store;
    }

    @AfterEach
    void closeTheStore() {
        store.close();
        store = null;
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
            store();
            return DriverManager.getConnection(settings.jdbcUrl(), PostgresCluster.USER, "");
        }
    }
}
