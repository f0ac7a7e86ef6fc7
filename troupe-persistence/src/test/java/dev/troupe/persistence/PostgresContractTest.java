package dev.troupe.persistence;

import dev.troupe.persistence.internal.PostgresCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The PostgreSQL store against the contract suites (journal, snapshots, projections), on a real server, each
 * test on a new database.
 */
class PostgresContractTest extends JdbcStoreContracts {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();

    private PostgresSettings settings;
    private PostgresStore store;

    @Override
    protected PostgresStore store() {
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

    @Override
    protected Connection connect() throws SQLException {
        store();
        return DriverManager.getConnection(settings.jdbcUrl(), PostgresCluster.USER, "");
    }
}
