package dev.troupe.persistence;

import dev.troupe.persistence.internal.PostgresCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The PostgreSQL store against the contract suites (entities, journal, snapshots, projections), on a real
 * server, each test on a new database.
 */
class PostgresContractTest extends JdbcStoreContracts {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();

    private String url;

    @Override
    protected PostgresStore open(Serializer serializer) {
        if (url == null) {
            url = postgres.emptyDatabase();
        }
        // tag::postgres[]
        PostgresSettings settings = PostgresSettings.of(url, "troupe", "", serializer)
                .withSchemaCreation(true); // or let a DBA apply db/postgres/V1__troupe_journal.sql
        PostgresStore store = PostgresStore.open(settings);
        // end::postgres[]
        return store;
    }

    @Override
    protected Connection connect() throws SQLException {
        store(); // applies the schema
        return DriverManager.getConnection(url, PostgresCluster.USER, "");
    }
}
